"""The window at a ``turn=wait`` turn-around: it waits, says how to go on, and Space goes on."""

from __future__ import annotations

from PySide6.QtCore import Qt
from window_kit import MakeWindow

from retrocoach.core.plan.model import Kind, parse_spec
from retrocoach.core.session.machine import State
from retrocoach.core.session.words import GO_WORDS

PLAN = parse_spec(
    "getready=0s warmup=0s forward=2s backward=2s rounds=1 cooldown=0s turn=wait", name="waits"
)


def test_the_window_waits_at_the_turn_and_space_goes_on(make_window: MakeWindow) -> None:
    kit = make_window(plan=PLAN)
    kit.press(Qt.Key.Key_Space)
    kit.walk(2.5)
    assert kit.session.state is State.WAITING
    assert GO_WORDS.capitalize() in kit.window.coach.status_label.text()
    assert kit.window.controls.toggle_button.text() == "Go on"
    # The big figure is what is left of the walk (the backward 2 s), not a "0:00" that looks over.
    assert kit.window.coach.time.text() == "0:02"
    assert "after this turn-around" in kit.window.coach.time.accessibleName()
    kit.walk(30.0)  # nothing moves on by itself, however long the walker takes
    assert kit.session.segment.kind is Kind.TURN
    kit.press(Qt.Key.Key_Space)
    assert kit.session.state is State.RUNNING
    assert kit.session.segment.kind is Kind.BACKWARD
    kit.walk(2.5)
    assert kit.session.state is State.FINISHED
    turn = kit.session.records[1]
    assert turn.waited
    assert turn.actual_s >= 30.0
