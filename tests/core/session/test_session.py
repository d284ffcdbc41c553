"""The session state machine: transitions, catch-up after late ticks, pauses and gaps."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrocoach.core.plan.model import Kind, Plan, parse_spec
from retrocoach.core.session.machine import (
    Command,
    CountdownTick,
    Event,
    InvalidTransition,
    Paused,
    PauseReason,
    Resumed,
    SegmentEnded,
    SegmentStarted,
    Session,
    SessionFinished,
    SessionStarted,
    SessionStopped,
    State,
)
from retrocoach.core.session.transitions import TRANSITIONS

SHORT = parse_spec("getready=3s warmup=0s forward=4s backward=2s rounds=2 cooldown=2s")
T0 = 1000.0


def starts(events: Sequence[Event]) -> list[SegmentStarted]:
    return [e for e in events if isinstance(e, SegmentStarted)]


def tick_to(session: Session, start: float, end: float, step: float = 0.5) -> list[Event]:
    """Advance in small steps, as a driver would, from *start* to *end*."""
    events: list[Event] = []
    now = start
    while now < end:
        now = min(end, now + step)
        events += session.advance(now)
    return events


def boundary_offsets(plan: Plan) -> list[int]:
    """Scheduled start of each segment, in seconds from the start."""
    return list(itertools.accumulate([0, *[s.seconds for s in plan.segments()][:-1]]))


def test_start_reports_the_session_and_its_first_segment_at_once() -> None:
    session = Session(SHORT)
    events = session.start(T0)
    assert events[0] == SessionStarted(T0)
    first = starts(events)[0]
    assert (first.at, first.index, first.segment.kind) == (T0, 0, Kind.GETREADY)
    assert first.next_segment is not None
    assert first.next_segment.kind is Kind.FORWARD
    assert session.state is State.GET_READY


def test_the_state_reads_running_once_the_get_ready_countdown_is_over() -> None:
    session = Session(SHORT)
    session.start(T0)
    session.advance(T0 + 3.0)
    assert session.state is State.RUNNING
    assert session.segment.kind is Kind.FORWARD


def test_remaining_time_is_the_deadline_minus_now() -> None:
    session = Session(SHORT)
    session.start(T0)
    session.advance(T0 + 1.25)
    assert session.remaining(T0 + 1.25) == pytest.approx(1.75)
    assert session.progress(T0 + 1.25).total_remaining_s == pytest.approx(SHORT.total_s - 1.25)


def test_a_call_two_and_a_half_segments_late_reports_each_boundary_once_in_order() -> None:
    plan = parse_spec("getready=0s warmup=0s forward=2s backward=2s rounds=3 cooldown=0s")
    session = Session(plan, countdown_s=0)
    session.start(T0)
    events = session.advance(T0 + 4.999)  # under the 5 s limit for catching up
    assert [(e.index, e.at) for e in starts(events)] == [(1, T0 + 2.0), (2, T0 + 4.0)]
    ends = [e for e in events if isinstance(e, SegmentEnded)]
    assert [(e.index, e.at) for e in ends] == [(0, T0 + 2.0), (1, T0 + 4.0)]
    assert session.advance(T0 + 4.999) == []


def test_countdown_ticks_come_for_the_last_n_seconds_at_their_scheduled_times() -> None:
    plan = parse_spec("getready=0s warmup=0s forward=5s backward=1s rounds=1 cooldown=0s")
    session = Session(plan, countdown_s=3)
    session.start(T0)
    ticks = [e for e in session.advance(T0 + 4.5) if isinstance(e, CountdownTick)]
    assert [(t.seconds_left, t.at) for t in ticks] == [(3, T0 + 2), (2, T0 + 3), (1, T0 + 4)]


def test_no_countdown_ticks_when_the_caller_asks_for_none() -> None:
    session = Session(SHORT, countdown_s=0)
    session.start(T0)
    events = session.advance(T0 + 4.9)
    assert not [e for e in events if isinstance(e, CountdownTick)]


def test_the_session_finishes_at_the_scheduled_end_of_the_last_segment() -> None:
    session = Session(SHORT, countdown_s=0)
    session.start(T0)
    events: list[Event] = []
    for step in range(1, 40):
        events += session.advance(T0 + step * 0.5)
    assert events[-1] == SessionFinished(T0 + SHORT.total_s)
    assert session.state is State.FINISHED
    assert session.ended_at == T0 + SHORT.total_s
    assert sum(r.actual_s for r in session.records) == SHORT.walking_s


def test_pause_freezes_the_remaining_time_and_never_counts_as_walking() -> None:
    session = Session(SHORT, countdown_s=0)
    session.start(T0)
    session.advance(T0 + 4.0)  # one second into the first forward segment
    assert session.pause(T0 + 4.0) == [Paused(T0 + 4.0, PauseReason.USER)]
    assert session.remaining(T0 + 100.0) == pytest.approx(3.0)
    assert session.advance(T0 + 104.0) == []
    assert session.resume(T0 + 104.0) == [Resumed(T0 + 104.0, 100.0)]
    events = session.advance(T0 + 107.0)
    assert starts(events)[0].at == pytest.approx(T0 + 107.0)
    assert session.records[0].actual_s == 4.0
    assert session.paused_s == pytest.approx(100.0)


def test_skip_ends_the_segment_now_and_records_what_was_walked() -> None:
    session = Session(SHORT, countdown_s=0)
    session.start(T0)
    session.advance(T0 + 4.5)
    events = session.skip(T0 + 4.5)
    ended = next(e for e in events if isinstance(e, SegmentEnded))
    assert ended.skipped
    assert ended.record is not None
    assert ended.record.actual_s == pytest.approx(1.5)
    assert starts(events)[0].segment.kind is Kind.BACKWARD
    assert session.remaining(T0 + 4.5) == pytest.approx(2.0)


def test_skip_while_paused_moves_on_and_stays_paused() -> None:
    session = Session(SHORT, countdown_s=0)
    session.start(T0)
    session.advance(T0 + 4.0)
    session.pause(T0 + 4.0)
    session.skip(T0 + 50.0)
    assert session.state is State.PAUSED
    assert session.segment.kind is Kind.BACKWARD
    assert session.records[-1].actual_s == pytest.approx(1.0)
    assert session.remaining(T0 + 60.0) == pytest.approx(2.0)


def test_skipping_the_last_segment_finishes_the_session() -> None:
    plan = parse_spec("getready=0s warmup=0s forward=2s backward=2s rounds=1 cooldown=0s")
    session = Session(plan, countdown_s=0)
    session.start(T0)
    session.skip(T0 + 1.0)
    events = session.skip(T0 + 1.5)
    assert events[-1] == SessionFinished(T0 + 1.5)
    assert [r.actual_s for r in session.records] == [pytest.approx(1.0), pytest.approx(0.5)]


def test_stop_keeps_what_was_walked_including_the_segment_under_way() -> None:
    session = Session(SHORT, countdown_s=0)
    session.start(T0)
    tick_to(session, T0, T0 + 8.0)
    events = session.stop(T0 + 8.0)
    assert events[-1] == SessionStopped(T0 + 8.0)
    assert [(r.kind, r.actual_s) for r in session.records] == [
        (Kind.FORWARD, 4.0),
        (Kind.BACKWARD, pytest.approx(1.0)),
    ]
    assert session.state is State.STOPPED


def test_stop_while_paused_counts_walking_up_to_the_pause_only() -> None:
    session = Session(SHORT, countdown_s=0)
    session.start(T0)
    session.advance(T0 + 5.0)
    session.pause(T0 + 5.0)
    session.stop(T0 + 600.0)
    assert session.records[-1].actual_s == pytest.approx(2.0)


def test_walked_includes_the_segment_under_way_for_the_journal() -> None:
    session = Session(SHORT, countdown_s=0)
    session.start(T0)
    assert session.walked(T0 + 1.0) == ()  # get-ready is not walking
    tick_to(session, T0, T0 + 5.5)
    walked = session.walked(T0 + 5.5)
    assert [(r.kind, r.actual_s) for r in walked] == [(Kind.FORWARD, pytest.approx(2.5))]
    assert session.records == ()


def test_a_gap_longer_than_the_limit_pauses_where_the_gap_began() -> None:
    session = Session(SHORT, countdown_s=0)
    session.start(T0)
    session.advance(T0 + 4.0)
    events = session.advance(T0 + 64.0)
    assert events == [Paused(T0 + 4.0, PauseReason.GAP, gap_s=60.0)]
    assert session.state is State.PAUSED
    assert session.remaining(T0 + 64.0) == pytest.approx(3.0)
    session.resume(T0 + 70.0)
    tick_to(session, T0 + 70.0, T0 + 73.0)
    assert session.segment.kind is Kind.BACKWARD
    assert session.records[0].actual_s == 4.0


@pytest.mark.parametrize(
    ("state_setup", "command"),
    [
        ("idle", Command.PAUSE),
        ("idle", Command.RESUME),
        ("idle", Command.SKIP),
        ("idle", Command.STOP),
        ("running", Command.START),
        ("running", Command.RESUME),
        ("paused", Command.PAUSE),
        ("finished", Command.STOP),
        ("stopped", Command.START),
    ],
)
def test_illegal_commands_raise_invalid_transition(state_setup: str, command: Command) -> None:
    session = Session(SHORT, countdown_s=0)
    if state_setup != "idle":
        session.start(T0)
    if state_setup == "paused":
        session.pause(T0 + 1)
    if state_setup == "finished":
        session.advance(T0 + 4.9)
        session.skip(T0 + 4.9)
        session.skip(T0 + 4.9)
        session.skip(T0 + 4.9)
        session.skip(T0 + 4.9)
        session.skip(T0 + 4.9)
    if state_setup == "stopped":
        session.stop(T0 + 1)
    assert not session.can(command)
    method = getattr(session, command.value)
    with pytest.raises(InvalidTransition, match=command.value):
        method(T0 + 5)


def test_events_caught_up_before_an_illegal_command_are_not_lost() -> None:
    plan = parse_spec("getready=0s warmup=0s forward=1s backward=1s rounds=1 cooldown=0s")
    session = Session(plan, countdown_s=0)
    session.start(T0)
    with pytest.raises(InvalidTransition):
        session.pause(T0 + 3.0)  # the session finished at T0 + 2
    assert session.advance(T0 + 3.0)[-1] == SessionFinished(T0 + 2.0)


def test_the_transition_table_is_data_naming_each_state_and_command() -> None:
    assert all(isinstance(s, State) and isinstance(c, Command) for s, c in TRANSITIONS)
    assert (State.FINISHED, Command.START) not in TRANSITIONS


# -- properties --------------------------------------------------------------------------------

small_plans = st.builds(
    Plan,
    forward_s=st.integers(1, 12),
    backward_s=st.integers(1, 12),
    rounds=st.integers(1, 4),
    warmup_s=st.integers(0, 8),
    cooldown_s=st.integers(0, 8),
    getready_s=st.integers(0, 5),
)
# Ticks from very early (1 ms) to nearly the 5 s catch-up limit: late, early and missed ticks.
tick_gaps = st.lists(st.floats(0.001, 4.99), min_size=1, max_size=50)


def walk(session: Session, start: float, gaps: Sequence[float]) -> tuple[list[Event], float]:
    """Advance through the whole session with the given gaps between ticks (cycled)."""
    events = session.start(start)
    now = start
    for gap in itertools.cycle(gaps):
        if session.is_over:
            break
        now += gap
        batch = session.advance(now)
        assert all(e.at <= now + 1e-9 for e in batch)
        events += batch
    return events, now


@given(small_plans, tick_gaps, st.integers(0, 5))
def test_any_tick_schedule_reports_every_boundary_once_in_order_on_time(
    plan: Plan, gaps: list[float], countdown: int
) -> None:
    session = Session(plan, countdown_s=countdown)
    events, _ = walk(session, T0, gaps)
    started = starts(events)
    assert [e.index for e in started] == list(range(len(plan.segments())))
    for event, offset in zip(started, boundary_offsets(plan), strict=True):
        assert event.at == pytest.approx(T0 + offset)
    assert isinstance(events[-1], SessionFinished)
    assert events[-1].at == pytest.approx(T0 + plan.total_s)
    times = [e.at for e in events]
    assert times == sorted(times)
    ticks = [(e.index, e.seconds_left) for e in events if isinstance(e, CountdownTick)]
    assert len(ticks) == len(set(ticks))


@given(small_plans, tick_gaps)
def test_walking_totals_equal_the_planned_totals(plan: Plan, gaps: list[float]) -> None:
    session = Session(plan, countdown_s=0)
    walk(session, T0, gaps)
    forward = sum(r.actual_s for r in session.records if r.kind is not Kind.BACKWARD)
    backward = sum(r.actual_s for r in session.records if r.kind is Kind.BACKWARD)
    assert forward == plan.forward_total_s
    assert backward == plan.backward_total_s


actions = st.lists(
    st.one_of(
        st.tuples(st.just("tick"), st.floats(0.001, 4.99)),
        st.tuples(st.just("pause"), st.floats(0.0, 600.0)),
        st.tuples(st.just("gap"), st.floats(5.01, 7200.0)),
    ),
    min_size=1,
    max_size=40,
)


@given(small_plans, actions)
def test_pauses_and_suspend_gaps_never_count_as_walking(
    plan: Plan, steps: list[tuple[str, float]]
) -> None:
    session = Session(plan, countdown_s=2)
    events = session.start(T0)
    now = T0
    away = 0.0  # time spent paused or in gaps, which must shift every later boundary
    for kind, seconds in itertools.chain(steps, itertools.repeat(("tick", 1.0), 10_000)):
        if session.is_over:
            break
        if kind == "tick":
            now += seconds
            events += session.advance(now)
        elif kind == "pause":
            events += session.advance(now)
            if session.can(Command.PAUSE):
                events += session.pause(now)
                now += seconds
                events += session.resume(now)
                away += seconds
        else:
            gap_start = now
            now += seconds
            events += session.advance(now)
            assert isinstance(events[-1], Paused)
            assert events[-1].at == gap_start
            events += session.resume(now)
            away += seconds
    assert session.state is State.FINISHED
    assert sum(r.actual_s for r in session.records) == pytest.approx(plan.walking_s)
    assert session.paused_s == pytest.approx(away)
    assert session.ended_at == pytest.approx(T0 + plan.total_s + away)
    started = starts(events)
    assert [e.index for e in started] == list(range(len(plan.segments())))


def test_next_wake_is_when_the_shown_second_changes_or_something_is_due() -> None:
    session = Session(SHORT, countdown_s=0)
    assert session.next_wake(T0) is None  # idle: nothing changes until Space
    session.start(T0)
    assert session.next_wake(T0 + 0.25) == pytest.approx(T0 + 1.0)  # 2.75 s left shows 0:03
    assert session.next_wake(T0 + 1.0) == pytest.approx(T0 + 2.0)  # 0:02 has just shown
    assert session.next_wake(T0 + 2.6) == pytest.approx(T0 + 3.0)  # the get-ready ends
    session.pause(T0 + 2.6)
    assert session.next_wake(T0 + 5.0) is None


def test_a_command_after_a_late_tick_acts_on_the_segment_under_way_then() -> None:
    session = Session(SHORT, countdown_s=0)
    session.start(T0)
    # No tick since the start: the get-ready ended at T0 + 3 and forward runs at T0 + 3.5.
    events = session.command(Command.SKIP, T0 + 3.5)
    assert [(e.at, e.segment.kind) for e in starts(events)] == [
        (T0 + 3.0, Kind.FORWARD),
        (T0 + 3.5, Kind.BACKWARD),
    ]
    session.command(Command.STOP, T0 + 4.0)
    assert session.command(Command.RESUME, T0 + 5.0) == []  # not allowed now: no error
    assert session.state is State.STOPPED


def test_the_time_left_in_all_counts_every_later_segment_in_full() -> None:
    session = Session(SHORT)
    session.start(T0)
    now = T0
    while not session.is_over:
        progress = session.progress(now)
        later = sum(s.seconds for s in session.segments[progress.index + 1 :])
        assert progress.total_remaining_s == pytest.approx(progress.remaining_s + later)
        now += 0.75
        session.advance(now)
    assert session.progress(now).total_remaining_s == 0.0
