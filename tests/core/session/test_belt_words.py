"""What the coach says while turning round: on the side rails, the belt set on the safe side."""

from __future__ import annotations

from retrocoach.core.safety.reminders import ReminderBook
from retrocoach.core.segments import Kind, Segment
from retrocoach.core.session.words import turn_line
from retrocoach.core.speeds import Units


def test_turning_to_face_backward_sets_the_slower_belt_first_then_turns_on_the_rails() -> None:
    line = turn_line(Segment(Kind.BACKWARD, 60, 1), 1.5, Units.KMH)
    assert line.index("1.5 km/h") < line.index("side rails") < line.index("face backward")


def test_turning_to_face_forward_turns_on_the_rails_first_then_sets_the_belt() -> None:
    """The console is behind a backward walker: raise the belt once facing it, as the
    'Forward soon' reminder says."""
    line = turn_line(Segment(Kind.FORWARD, 60, 2), 3.5, Units.KMH)
    assert line.index("side rails") < line.index("face forward") < line.index("3.5 km/h")
    forward_soon = ReminderBook.default().get("switch-to-forward")
    assert forward_soon is not None
    said = forward_soon.text.lower()
    assert said.index("turn round") < said.index("raise the speed")


def test_without_a_speed_the_turn_is_still_made_on_the_side_rails() -> None:
    for following in (Segment(Kind.BACKWARD, 60, 1), Segment(Kind.COOLDOWN, 60, 0), None):
        line = turn_line(following, None, Units.KMH)
        assert "side rails" in line
        assert "km/h" not in line
        assert not line.endswith(",")
