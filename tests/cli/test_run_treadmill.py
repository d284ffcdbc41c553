"""`retrocoach run` driving a treadmill: a real process, a simulated FTMS treadmill over GATT.

The treadmill runs in this process on bumble; `run` reaches it through bumble's controllers
app (two TCP transports), with its unchanged bleak calls on a bumble backend.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from pty_process import PtyProcess
from treadmill_bench import Bench, controllers, remote_treadmill_bench

from retrocoach.core.devices.ftms_control import Op, Request
from retrocoach.devices.simulated.belt_model import BeltModel
from retrocoach.devices.simulated.radio import DEMO_TREADMILL_ADDRESS

pytestmark = pytest.mark.slow

RUN = (sys.executable, "-m", "retrocoach", "run", "--audio", "none")
ROUNDS = "getready=1s warmup=0s forward=8s backward=8s rounds=2 cooldown=0s turn=3s"


def _data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_text('{"checklist_confirmed": true}', encoding="utf-8")
    return data


@contextmanager
def walking(
    tmp_path: Path, plan: str, belt: BeltModel | None = None
) -> Iterator[tuple[Bench, PtyProcess, Path]]:
    data = _data(tmp_path)
    with controllers() as (theirs, ours), remote_treadmill_bench(theirs, belt) as bench:
        walk = PtyProcess(
            [*RUN, "--treadmill", DEMO_TREADMILL_ADDRESS, "--plan", plan],
            {**os.environ, "RETROCOACH_DATA_DIR": str(data), "RETROCOACH_BLE_TRANSPORT": ours},
        )
        try:
            yield bench, walk, data
        finally:
            if walk.process.poll() is None:
                walk.process.kill()
                walk.process.wait(10)


def _speeds(bench: Bench) -> list[float | None]:
    return [
        r.request.speed_kmh for r in bench.treadmill.received if r.request.op is Op.SET_TARGET_SPEED
    ]


def test_run_sets_every_segments_speed_stops_the_belt_for_each_turn_and_at_the_end(
    tmp_path: Path,
) -> None:
    plan = f"{ROUNDS} forward-speed=3.3km/h backward-speed=4km/h"
    belt = BeltModel(minimum_kmh=1.0, step_kmh=0.5)
    with walking(tmp_path, plan, belt) as (bench, walk, data):
        walk.read_until(b"Treadmill connected")
        turns: list[float] = []
        for _ in range(3):  # forward-turn-backward-turn-forward-turn-backward
            walk.read_until(b"TURN ROUND", 60)
            turns.append(bench.treadmill.belt.speed_kmh)
            walk.seen = walk.seen.replace(b"TURN ROUND", b"turn-seen", 1)
        assert walk.finish(60) == 0
        received = [r.request for r in bench.treadmill.received]
    assert received[0] == Request(Op.REQUEST_CONTROL)
    assert received[-1] == Request(Op.STOP_OR_PAUSE, stop_or_pause=1)  # the plan's end
    # 3.3 km/h is not on the treadmill's 0.5 steps: 3.0, said once; backward 4 km/h is held
    # to the cap of 3 km/h.
    assert _speeds(bench) == [3.0, 3.0, 3.0, 3.0]
    assert b"3.3 km/h is set as 3" in walk.seen
    assert walk.seen.count(b"backward cap") == 1
    assert turns == [0.0, 0.0, 0.0]  # the belt had stopped before each turn began
    session = json.loads((data / "history.json").read_text(encoding="utf-8"))["sessions"][0]
    assert session["devices"]["treadmill"]["address"] == DEMO_TREADMILL_ADDRESS
    assert session["measured"]["forward_m"] > 0
    assert session["measured"]["backward_speed_kmh"] > 0
    walked = [s for s in session["segments"] if s["kind"] in ("forward", "backward")]
    assert all(s["measured"]["distance_m"] > 0 for s in walked)


def test_stop_stops_the_belt_within_a_second(tmp_path: Path) -> None:
    plan = "getready=1s warmup=0s forward=1m backward=1m rounds=1 cooldown=0s forward-speed=2km/h"
    with walking(tmp_path, plan) as (bench, walk, _data):
        walk.read_until(b"FORWARD")
        bench.until(lambda: bench.treadmill.belt.speed_kmh > 0.5, "the belt moving")
        pressed = time.monotonic()
        walk.send(b"q")
        stop = bench.until(
            lambda: next(
                (
                    r
                    for r in bench.treadmill.received
                    if r.request.op is Op.STOP_OR_PAUSE and r.at >= pressed
                ),
                None,
            ),
            "a stop",
        )
        assert stop is not None
        assert stop.at - pressed < 1.0
        assert not bench.treadmill.belt.running
        walk.finish(30)


def test_the_safety_key_pauses_the_walk_and_says_why(tmp_path: Path) -> None:
    plan = "getready=1s warmup=0s forward=1m backward=1m rounds=1 cooldown=0s forward-speed=2km/h"
    with walking(tmp_path, plan) as (bench, walk, _data):
        walk.read_until(b"FORWARD")
        bench.until(lambda: bench.treadmill.belt.speed_kmh > 0.5, "the belt moving")
        bench.on_device(bench.treadmill.pull_safety_key())
        walk.read_until(b"safety key is out: walk paused")
        walk.read_until(b"Paused.")
        walk.send(b"q")
        walk.finish(30)


def test_a_console_change_is_followed_and_recorded_not_fought(tmp_path: Path) -> None:
    plan = "getready=1s warmup=0s forward=6s backward=6s rounds=1 cooldown=0s forward-speed=3km/h"
    with walking(tmp_path, plan) as (bench, walk, data):
        walk.read_until(b"FORWARD")
        bench.until(lambda: 3.0 in _speeds(bench), "the forward speed set")
        bench.on_device(bench.treadmill.console_speed(2.2))
        walk.read_until(b"Belt speed now 2.2")
        assert walk.finish(60) == 0
    assert _speeds(bench)[:2] == [3.0, 1.0]  # nothing sent against 2.2; backward's own speed
    session = json.loads((data / "history.json").read_text(encoding="utf-8"))["sessions"][0]
    assert session["segments"][0]["speed_kmh"] == 2.2


def test_a_lost_treadmill_is_told_loudly_and_taken_back_at_the_next_segment(
    tmp_path: Path,
) -> None:
    plan = "getready=1s warmup=0s forward=8s backward=8s rounds=1 cooldown=0s forward-speed=2km/h"
    with walking(tmp_path, plan) as (bench, walk, _data):
        walk.read_until(b"FORWARD")
        bench.until(lambda: _speeds(bench), "the forward speed set")
        bench.on_device(bench.treadmill.drop_connections())
        walk.read_until(b"TREADMILL DISCONNECTED: SET THE BELT BY HAND")
        walk.read_until(b"Treadmill connected", 30)
        lost_at = time.monotonic()
        walk.read_until(b"BACKWARD", 30)
        assert walk.finish(60) == 0
    after = [r.request for r in bench.treadmill.received if r.at > lost_at]
    assert after[0] == Request(Op.REQUEST_CONTROL)
    assert Request(Op.SET_TARGET_SPEED, speed_kmh=1.0) in after


def test_a_treadmill_that_refuses_control_is_told_once_and_the_walk_goes_on(
    tmp_path: Path,
) -> None:
    plan = "getready=1s warmup=0s forward=3s backward=3s rounds=2 cooldown=0s forward-speed=2km/h"
    belt = BeltModel()
    with walking(tmp_path, plan, belt) as (bench, walk, _data):
        bench.treadmill.refuse_control = True
        assert walk.finish(60) == 0
    assert walk.seen.count(b"did not let RetroCoach") == 1
    assert b"Session completed" in walk.seen
    assert bench.treadmill.belt.speed_kmh == 0.0


def test_the_demo_treadmill_walks_with_run_and_is_kept_in_the_history(tmp_path: Path) -> None:
    data = _data(tmp_path)
    walk = PtyProcess(
        [
            *RUN,
            "--treadmill",
            "demo",
            "--plan",
            "getready=1s warmup=0s forward=3s backward=3s cooldown=0s",
        ],
        {**os.environ, "RETROCOACH_DATA_DIR": str(data)},
    )
    walk.read_until(b"Treadmill connected")
    assert walk.finish(60) == 0
    assert b"Traceback" not in walk.seen
    assert b"ERROR" not in walk.seen
    session = json.loads((data / "history.json").read_text(encoding="utf-8"))["sessions"][0]
    assert session["devices"]["treadmill"]["address"] == DEMO_TREADMILL_ADDRESS
