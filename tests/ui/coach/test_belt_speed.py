"""The belt on the coach page: the target speed shown large, Up/Down correcting it, the turn."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from window_kit import MakeWindow

from retrocoach.core.plan.model import Kind, parse_spec
from retrocoach.core.session.machine import Session, State
from retrocoach.core.session.words import belt_lines
from retrocoach.core.settings.store import Settings
from retrocoach.core.speeds import Units

Key = Qt.Key
BELT = parse_spec(
    "getready=2s warmup=0s forward=20s backward=15s rounds=1 cooldown=0s turn=12s "
    "forward-speed=3.5km/h backward-speed=1.5km/h",
    name="belt",
)


def test_the_target_speed_shows_large_and_up_down_correct_what_the_history_keeps(
    make_window: MakeWindow,
) -> None:
    kit = make_window(plan=BELT)
    kit.press(Key.Key_Space)
    kit.walk(3)
    belt = kit.window.coach.belt
    assert kit.session.segment.kind is Kind.FORWARD
    assert belt.speed.text() == "3.5 km/h"
    assert belt.speed.isVisible()
    assert belt.speed.pixel_size() >= kit.window.coach.next_label.font().pixelSize()
    for _ in range(3):
        kit.press(Key.Key_Up)
    kit.press(Key.Key_Down)
    assert belt.speed.text() == "3.7 km/h"
    kit.walk(20)  # into the turn-around
    assert kit.session.segment.kind is Kind.TURN
    assert "belt to 1.5 km/h first" in belt.line.text()
    assert "turn to face backward" in belt.line.text()
    kit.walk(40)
    assert kit.session.state is State.FINISHED
    (saved,) = kit.history()
    speeds = [(s["kind"], s["speed_kmh"]) for s in saved["segments"]]
    assert speeds == [("forward", 3.7), ("turn", None), ("backward", 1.5)]


def test_up_and_down_are_left_to_the_other_pages(make_window: MakeWindow) -> None:
    kit = make_window(plan=BELT)
    kit.press(Key.Key_Space)
    kit.walk(3)
    kit.press(Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    kit.press(Key.Key_Up)
    assert kit.session.belt.speed(Kind.FORWARD) == 3.5


def test_mph_steps_a_tenth_of_a_mile_an_hour(make_window: MakeWindow) -> None:
    kit = make_window(Settings(checklist_confirmed=True, units="mph"), plan=BELT)
    kit.press(Key.Key_Space)
    kit.walk(3)
    assert kit.window.coach.belt.speed.text() == "2.2 mph"
    kit.press(Key.Key_Up)
    assert kit.window.coach.belt.speed.text() == "2.3 mph"
    assert kit.session.belt.speed(Kind.FORWARD) == pytest.approx(2.3 * 1.609344, abs=1e-3)


def test_the_belt_line_says_to_slow_down_near_a_slower_segment() -> None:
    plan = parse_spec(
        "getready=0s warmup=0s forward=30s backward=20s rounds=1 cooldown=0s "
        "forward-speed=3.5km/h backward-speed=1.5km/h"
    )
    session = Session(plan)
    session.start(0.0)
    early = belt_lines(session.progress(5.0), Units.KMH)
    assert early == ("3.5 km/h", "Belt speed (Up/Down corrects it by 0.1)")
    for second in range(1, 22):
        session.advance(float(second))
    assert belt_lines(session.progress(21.0), Units.KMH)[1] == "Slow the belt to 1.5 km/h now"


def test_a_plan_without_speeds_shows_no_figure() -> None:
    session = Session(parse_spec("getready=0s"))
    session.start(0.0)
    speed, line = belt_lines(session.progress(1.0), Units.KMH)
    assert speed == ""
    assert "Up/Down sets it" in line


def test_a_fast_backward_belt_is_warned_of_in_the_window(make_window: MakeWindow) -> None:
    fast = parse_spec("backward-speed=3.5km/h", name="fast")
    kit = make_window(plan=fast)
    assert "1.0-2.0 km/h" in kit.window.notices.messages()["belt"]
