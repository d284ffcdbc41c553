"""Ctrl+Q, asked twice as the window asks, stops a connected treadmill's belt as Esc does.

The real window on Xvfb reaches a simulated FTMS treadmill in this process over real GATT
(bumble's controllers app links the two), so the Stop must be written by the quitting
process itself, before it exits: nothing of the window's event loop runs on after it.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from treadmill_bench import Bench, controllers, remote_treadmill_bench, stop_received
from xdesktop import App, Desktop, open_window, prepare_data, sessions, start_walk, wait_until, xvfb

from retrocoach.devices.simulated.radio import DEMO_TREADMILL_ADDRESS

pytestmark = pytest.mark.slow

# A get-ready long enough to connect before the belt's first segment, however loaded the
# machine: a treadmill that connects mid-segment is taken at the next one.
PLAN = "getready=4s warmup=0s forward=2m backward=2m rounds=1 cooldown=0s forward-speed=2km/h"


@pytest.fixture
def walking(tmp_path: Path) -> Iterator[tuple[Desktop, Bench, Path, App]]:
    data = tmp_path / "data"
    prepare_data(data)
    with (
        xvfb() as display,
        controllers() as (theirs, ours),
        remote_treadmill_bench(theirs) as bench,
    ):
        desktop = Desktop(display)
        app = open_window(
            desktop,
            data,
            PLAN,
            "none",
            "--treadmill",
            DEMO_TREADMILL_ADDRESS,
            RETROCOACH_BLE_TRANSPORT=ours,
        )
        try:
            start_walk(desktop, app, data)
            bench.until(lambda: bench.treadmill.belt.speed_kmh > 0.5, "the belt moving")
            yield desktop, bench, data, app
        finally:
            app.kill()


def _said_goodbye(bench: Bench) -> None:
    """The app closed its link itself, which writes what was queued (the Stop) first; a
    process that just ended leaves the link open and its last Stop to chance."""
    wait_until(lambda: not bench.treadmill.device.connections, "the app's own disconnection")


def test_ctrl_q_twice_stops_the_belt_within_a_second_before_the_window_goes(
    walking: tuple[Desktop, Bench, Path, App],
) -> None:
    desktop, bench, data, app = walking
    window = desktop.window("^RetroCoach$", pid=app.pid)
    pressed = time.monotonic()
    desktop.press(window, "ctrl+q")
    desktop.press(window, "ctrl+q")
    stop = stop_received(bench, pressed)
    assert stop.at - pressed < 1.0
    wait_until(lambda: not bench.treadmill.belt.running, "the belt stopped")
    assert app.wait() == 0
    _said_goodbye(bench)
    assert [s["outcome"] for s in sessions(data / "history.json")] == ["stopped"]


def test_sigterm_stops_the_belt_before_the_window_goes(
    walking: tuple[Desktop, Bench, Path, App],
) -> None:
    # A logout or shutdown ends the window as Ctrl+Q does: the walk kept, the belt stopped.
    _desktop, bench, data, app = walking
    pressed = time.monotonic()
    app.process.send_signal(signal.SIGTERM)
    stop = stop_received(bench, pressed)
    assert stop.at - pressed < 1.0
    wait_until(lambda: not bench.treadmill.belt.running, "the belt stopped")
    assert app.wait() == 128 + signal.SIGTERM
    _said_goodbye(bench)
    assert [s["outcome"] for s in sessions(data / "history.json")] == ["stopped"]
