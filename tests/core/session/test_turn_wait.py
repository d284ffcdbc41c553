"""``turn=wait``: a turn-around that waits for the walker, in the plan and in the session."""

from __future__ import annotations

import pytest

from retrocoach.core.plan.checks import check_field, check_fields, is_turn_wait
from retrocoach.core.plan.model import DEFAULT_PLAN, Kind, Plan, PlanError, parse_spec
from retrocoach.core.session.events import SlowDownDue
from retrocoach.core.session.machine import (
    Command,
    SegmentEnded,
    SegmentStarted,
    Session,
    SessionFinished,
    State,
)
from retrocoach.core.session.media import RemoteAction, RemoteRule, playback_status
from retrocoach.core.session.words import GO_WORDS, belt_lines, next_text
from retrocoach.core.speeds import Units

WAITING = parse_spec("getready=0s warmup=0s forward=4s backward=2s rounds=1 cooldown=3s turn=wait")
T0 = 500.0


def test_turn_wait_parses_writes_back_and_describes_itself() -> None:
    assert WAITING.turn_wait
    assert WAITING.turn_s == 0
    assert "turn=wait" in WAITING.spec()
    assert parse_spec(WAITING.spec()) == WAITING.renamed("custom")
    assert "turning round when ready" in WAITING.describe()
    assert Plan.from_dict(WAITING.to_dict()) == WAITING
    assert "turn_wait" not in DEFAULT_PLAN.to_dict()  # plans without it are stored as before


def test_a_timed_turn_replaces_a_waiting_one_and_the_other_way() -> None:
    timed = parse_spec("turn=30s", base=WAITING)
    assert (timed.turn_s, timed.turn_wait) == (30, False)
    assert parse_spec("turn=WAIT", base=timed).turn_wait


def test_a_bad_turn_names_wait_as_allowed() -> None:
    with pytest.raises(PlanError, match=r"; or turn=wait$"):
        parse_spec("turn=later")
    with pytest.raises(PlanError, match=r"turn is from 0s to 1m, or wait$"):
        parse_spec("turn=2m")
    with pytest.raises(PlanError, match="no length of its own"):
        Plan(turn_s=10, turn_wait=True).validate()


def test_the_editor_fields_take_wait_for_the_turn() -> None:
    assert is_turn_wait("turn", " Wait ")
    assert not is_turn_wait("forward", "wait")
    assert "or write wait" in str(check_field("turn", "soon"))
    checked = check_fields({"turn": "wait"}, "mine", DEFAULT_PLAN)
    assert checked.plan is not None
    assert checked.plan.turn_wait
    checked = check_fields({"turn": "20s"}, "mine", checked.plan)
    assert checked.plan is not None
    assert (checked.plan.turn_s, checked.plan.turn_wait) == (20, False)


def test_the_waiting_turn_has_no_length_in_the_plans_total() -> None:
    turns = [s for s in WAITING.segments() if s.kind is Kind.TURN]
    assert len(turns) == 2
    assert all(s.waits and s.seconds == 0 for s in turns)
    assert WAITING.total_s == 9


def test_the_session_waits_at_the_turn_until_the_walker_says_go() -> None:
    session = Session(WAITING)
    session.start(T0)
    events = session.advance(T0 + 4.0)
    assert session.state is State.WAITING
    assert session.segment.kind is Kind.TURN
    assert [e.segment.kind for e in events if isinstance(e, SegmentStarted)] == [Kind.TURN]
    assert session.next_due(T0 + 4.0) is None  # nothing is due: the clock waits
    # An hour later nothing has moved, and the wait is no gap in the ticks.
    assert not session.advance(T0 + 3604.0)
    assert session.state is State.WAITING
    assert session.remaining(T0 + 3604.0) == 0.0
    events = session.command(Command.GO, T0 + 3611.5)
    ended = [e for e in events if isinstance(e, SegmentEnded)]
    assert ended[0].record is not None
    assert ended[0].record.waited
    assert ended[0].record.actual_s == pytest.approx(3607.5)
    assert ended[0].record.planned_s == 0
    assert session.state is State.RUNNING
    assert session.segment.kind is Kind.BACKWARD
    assert session.remaining(T0 + 3612.5) == pytest.approx(1.0)


def test_the_whole_walk_records_each_turn_as_it_took() -> None:
    session = Session(WAITING)
    session.start(T0)
    session.advance(T0 + 4.0)
    session.command(Command.GO, T0 + 9.0)  # five seconds to turn
    session.advance(T0 + 11.0)
    assert session.state is State.WAITING
    session.command(Command.SKIP, T0 + 13.0)  # N goes on too
    events = session.advance(T0 + 16.0)
    assert any(isinstance(e, SessionFinished) for e in events)
    turns = [r for r in session.records if r.kind is Kind.TURN]
    assert [(r.waited, r.actual_s) for r in turns] == [(True, 5.0), (True, 2.0)]
    assert not any(r.waited for r in session.records if r.kind is not Kind.TURN)


def test_a_stop_during_the_wait_keeps_the_turn_so_far() -> None:
    session = Session(WAITING)
    session.start(T0)
    session.advance(T0 + 4.0)
    session.command(Command.STOP, T0 + 7.0)
    assert session.state is State.STOPPED
    assert session.records[-1].waited
    assert session.records[-1].actual_s == pytest.approx(3.0)
    assert session.progress(T0 + 7.0).total_remaining_s == pytest.approx(5.0)


def test_pause_is_not_what_space_means_at_a_waiting_turn() -> None:
    session = Session(WAITING)
    session.start(T0)
    session.advance(T0 + 4.0)
    assert not session.can(Command.PAUSE)
    assert session.can(Command.GO)
    assert session.walked(T0 + 6.0)[-1].actual_s == pytest.approx(2.0)


def test_skipping_into_a_waiting_turn_while_paused_waits_after_the_resume() -> None:
    session = Session(WAITING)
    session.start(T0)
    session.command(Command.PAUSE, T0 + 1.0)
    session.command(Command.SKIP, T0 + 2.0)
    assert session.state is State.PAUSED
    assert session.segment.waits
    session.command(Command.RESUME, T0 + 3.0)
    assert session.state is State.WAITING


def test_the_slow_down_is_told_as_the_waiting_turn_starts() -> None:
    plan = parse_spec(
        "getready=0s warmup=0s forward=30s backward=30s rounds=1 cooldown=0s turn=wait "
        "forward-speed=4km/h backward-speed=1km/h"
    )
    session = Session(plan, max_late_s=60.0)  # big steps here are no suspended laptop
    session.start(T0)
    early = session.advance(T0 + 25.0)
    assert not any(isinstance(e, SlowDownDue) for e in early)  # not while walking forward
    events = session.advance(T0 + 30.0)
    slow = [e for e in events if isinstance(e, SlowDownDue)]
    assert [(e.at, e.speed_kmh, e.seconds_left) for e in slow] == [(T0 + 30.0, 1.0, 0)]
    speed, line = belt_lines(session.progress(T0 + 30.0), Units.KMH)
    assert speed == "1.0 km/h"
    assert GO_WORDS in line


def test_the_headset_button_says_go_and_a_player_shows_paused() -> None:
    session = Session(WAITING)
    session.start(T0)
    session.advance(T0 + 4.0)
    rule = RemoteRule(lambda: T0)
    assert rule.command_for(RemoteAction.PLAY_PAUSE, session) is Command.GO
    assert rule.command_for(RemoteAction.PLAY, session) is Command.GO
    assert rule.command_for(RemoteAction.PAUSE, session) is None
    assert rule.command_for(RemoteAction.NEXT, session) is Command.SKIP
    assert playback_status(session) == "Paused"


def test_what_comes_next_says_a_waiting_turn_has_no_length() -> None:
    turn = next(s for s in WAITING.segments() if s.waits)
    assert next_text(turn, State.RUNNING) == "next: turn round, at your own pace"
