"""The MPRIS Stop, pressed twice as Esc is, stops a connected treadmill's belt: in the window
and in `retrocoach run`, each a real process reaching a simulated FTMS treadmill in this
process over real GATT (bumble's controllers app links the two), driven by playerctl."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from private_bus import PrivateBus, coach
from treadmill_bench import Bench, controllers, remote_treadmill_bench, stop_received
from xdesktop import Desktop, open_window, prepare_data, start_walk, wait_until, xvfb

from retrocoach.core.devices.ftms_control import Op
from retrocoach.devices.simulated.radio import DEMO_TREADMILL_ADDRESS

pytestmark = pytest.mark.slow

# A get-ready long enough for `run` to connect before the belt's first segment: a treadmill
# that connects mid-segment is taken at the next one, as after a reconnection.
PLAN = "getready=4s warmup=0s forward=2m backward=2m rounds=1 cooldown=0s forward-speed=2km/h"
TREADMILL = ("--treadmill", DEMO_TREADMILL_ADDRESS)


@contextmanager
def treadmill() -> Iterator[tuple[Bench, str]]:
    """A simulated treadmill here, and the transport a RetroCoach process reaches it by."""
    with controllers() as (theirs, ours), remote_treadmill_bench(theirs) as bench:
        yield bench, ours


def _stop_twice(bus: PrivateBus, bench: Bench) -> None:
    """Stop as the walker presses it: the first only asks; the second stops the belt in 1 s."""
    bench.until(lambda: bench.treadmill.belt.speed_kmh > 0.5, "the belt moving")
    asked = time.monotonic()
    bus.playerctl("stop")
    wait_until(lambda: bus.playerctl("status") == "Playing", "the walk going on after one Stop")
    assert not [
        r for r in bench.treadmill.received if r.at >= asked and r.request.op is Op.STOP_OR_PAUSE
    ]
    pressed = time.monotonic()
    bus.playerctl("stop")
    stop = stop_received(bench, pressed)
    assert stop.at - pressed < 1.0
    wait_until(lambda: not bench.treadmill.belt.running, "the belt stopped")


def _outcomes(data: Path) -> list[str]:
    history = json.loads((data / "history.json").read_text(encoding="utf-8"))
    return [session["outcome"] for session in history["sessions"]]


def test_mpris_stop_twice_stops_the_belt_in_the_window(bus: PrivateBus, tmp_path: Path) -> None:
    data = tmp_path / "data"
    prepare_data(data)
    with xvfb() as display, treadmill() as (bench, ours):
        desktop = Desktop(display)
        app = open_window(
            desktop,
            data,
            PLAN,
            "none",
            *TREADMILL,
            DBUS_SESSION_BUS_ADDRESS=bus.address,
            RETROCOACH_BLE_TRANSPORT=ours,
        )
        try:
            bus.wait_for_player()
            start_walk(desktop, app, data)
            _stop_twice(bus, bench)
            wait_until((data / "history.json").exists, "the walk kept")
            assert _outcomes(data) == ["stopped"]
        finally:
            app.kill()


def test_mpris_stop_twice_stops_the_belt_in_run(bus: PrivateBus, tmp_path: Path) -> None:
    data = tmp_path / "data"
    prepare_data(data)
    with treadmill() as (bench, ours):
        env = {**bus.env, "RETROCOACH_BLE_TRANSPORT": ours}
        with coach(env, data, PLAN, *TREADMILL) as child:
            bus.wait_for_player()
            _stop_twice(bus, bench)
            child.communicate(timeout=30)
        assert child.returncode == 1  # stopped, not completed
    assert _outcomes(data) == ["stopped"]
