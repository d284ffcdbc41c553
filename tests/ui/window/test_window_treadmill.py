"""The window with the demo treadmill: a simulated FTMS treadmill over real GATT (bumble).

The walk's clock is the window kit's fake one; the belt moves in real time, so the tests wait
for the belt's states (its speed reached, a request received), never for a fixed time.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_kit import MakeWindow, WindowKit

from retrocoach.app.treadmill import WalkTreadmill
from retrocoach.core.devices.ftms_control import Op
from retrocoach.core.plan.model import Kind, parse_spec
from retrocoach.core.session.cues import Cue
from retrocoach.devices.simulated.treadmill import SimulatedTreadmill

PLAN = parse_spec(
    "getready=1s warmup=0s forward=8s backward=6s rounds=1 cooldown=0s turn=3s "
    "forward-speed=2km/h backward-speed=1km/h",
    name="belt",
)
WAIT_MS = 20_000


def _treadmill(kit: WindowKit) -> tuple[WalkTreadmill, SimulatedTreadmill]:
    walks = kit.window._services.new_walk
    treadmill = next(d for d in walks.devices if isinstance(d, WalkTreadmill))  # type: ignore[attr-defined]
    assert treadmill.demo is not None
    return treadmill, treadmill.demo


def _connected(kit: WindowKit) -> SimulatedTreadmill:
    _, demo = _treadmill(kit)
    line = kit.window.coach.findChild(type(kit.window.coach.status_label), "treadmill_line")
    assert line is not None
    kit.qtbot.waitUntil(lambda: "Treadmill connected" in line.text(), timeout=WAIT_MS)
    return demo


def _walk_until(kit: WindowKit, demo: SimulatedTreadmill, kind: Kind) -> None:
    """Advance the walk's clock a little at a time, giving the belt real time to follow."""
    end = time.monotonic() + 60
    while kit.session.segment.kind is not kind:
        assert time.monotonic() < end, (kit.session.state, kit.session.segment)
        QApplication.processEvents()  # the treadmill's reports are handled on Qt's loop
        kit.walk(0.25, step=0.25)
        target = demo.belt.target_kmh if demo.belt.running else 0.0

        def followed(goal: float = target) -> bool:
            return abs(demo.belt.speed_kmh - goal) < 0.3

        kit.qtbot.waitUntil(followed, timeout=WAIT_MS)


def test_the_belt_waits_for_start_then_follows_the_plan_and_stops_before_the_turn(
    make_window: MakeWindow,
) -> None:
    kit = make_window(plan=PLAN, treadmill="demo")
    demo = _connected(kit)
    kit.qtbot.waitUntil(lambda: demo.belt.elapsed_s > 1.0, timeout=WAIT_MS)
    assert demo.received == []  # connected, yet nothing is asked of the belt before Start
    kit.press(Qt.Key.Key_Space)
    kit.walk(1.5)
    kit.qtbot.waitUntil(lambda: demo.belt.speed_kmh >= 2.0, timeout=WAIT_MS)
    speeds = [r.request.speed_kmh for r in demo.received if r.request.op is Op.SET_TARGET_SPEED]
    assert speeds == [2.0]
    _walk_until(kit, demo, Kind.TURN)
    # Stopped before the turn-around began: to the 0.01 km/h the treadmill reports its speed in.
    assert demo.belt.speed_kmh < 0.01
    _walk_until(kit, demo, Kind.BACKWARD)
    kit.qtbot.waitUntil(lambda: demo.belt.speed_kmh >= 1.0, timeout=WAIT_MS)
    pressed = time.monotonic()
    kit.press_twice(Qt.Key.Key_Escape)
    kit.qtbot.waitUntil(lambda: not demo.belt.running, timeout=WAIT_MS)
    stop = demo.received[-1]
    assert stop.request.op is Op.STOP_OR_PAUSE
    assert stop.at - pressed < 1.0
    (record,) = kit.history()
    assert record["devices"]["treadmill"]["address"] == "F2:7E:AD:31:11:01"  # type: ignore[index]


def test_a_lost_treadmill_is_said_in_the_largest_text_with_its_own_sound(
    make_window: MakeWindow,
) -> None:
    kit = make_window(plan=PLAN, treadmill="demo")
    demo = _connected(kit)
    treadmill, _ = _treadmill(kit)
    kit.press(Qt.Key.Key_Space)
    kit.walk(1.5)
    kit.qtbot.waitUntil(lambda: demo.belt.speed_kmh > 0.5, timeout=WAIT_MS)
    treadmill.thread.call(demo.drop_connections())
    lost = kit.window.coach.findChild(type(kit.window.coach.time), "treadmill_lost")
    assert lost is not None
    kit.qtbot.waitUntil(lost.isVisible, timeout=WAIT_MS)
    assert lost.accessibleDescription() == "treadmill disconnected: set the belt by hand"
    assert lost.height() > kit.window.coach.belt.speed.height()
    assert Cue.DEVICE_LOST in kit.sound.prompts
    assert kit.session.state.value == "get-ready" or kit.session.is_over is False  # walk on
    kit.qtbot.waitUntil(lambda: not lost.isVisible(), timeout=WAIT_MS)  # back in the background
