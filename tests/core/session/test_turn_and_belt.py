"""The turn-around phase and the belt in the session: events, records, the slow-down's timing."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from retrocoach.core.history.outcome import outcome_of
from retrocoach.core.history.records import Outcome
from retrocoach.core.plan.model import Direction, Kind, parse_spec
from retrocoach.core.session.cues import Cue, CuePlanner
from retrocoach.core.session.events import SlowDownDue, SpeedChanged
from retrocoach.core.session.machine import Event, SegmentStarted, Session, State
from retrocoach.core.speeds import Units

T0 = 500.0
# Forward 30 s, then backward 20 s, twice, with a 5 s turn-around; the belt slows going back.
BELT = parse_spec(
    "getready=0s warmup=0s forward=30s backward=20s rounds=2 cooldown=0s turn=5s "
    "forward-speed=3.5km/h backward-speed=1.5km/h"
)


def walk(session: Session, end: float, step: float = 0.25) -> list[Event]:
    events = session.start(T0)
    now = T0
    while now < end:
        now = min(end, now + step)
        events += session.advance(now)
    return events


def go(session: Session, start: float, end: float) -> list[Event]:
    """Advance in quarter seconds from *start* to *end*, as a driver's ticks would."""
    events: list[Event] = []
    now = start
    while now < end:
        now = min(end, now + 0.25)
        events += session.advance(now)
    return events


def slow_downs(events: Sequence[Event]) -> list[SlowDownDue]:
    return [event for event in events if isinstance(event, SlowDownDue)]


def test_the_turn_phase_has_its_own_segment_events_and_records_neither_direction() -> None:
    session = Session(BELT)
    events = walk(session, T0 + BELT.total_s + 1)
    kinds = [event.segment.kind for event in events if isinstance(event, SegmentStarted)]
    assert kinds == [Kind.FORWARD, Kind.TURN, Kind.BACKWARD, Kind.TURN, Kind.FORWARD, Kind.TURN,
                     Kind.BACKWARD]  # fmt: skip
    turns = [record for record in session.records if record.kind is Kind.TURN]
    assert [(t.actual_s, t.speed_kmh) for t in turns] == [(5.0, None)] * 3
    walked = {k: sum(r.actual_s for r in session.records if r.kind is k) for k in Kind}
    assert walked[Kind.FORWARD] == 60
    assert walked[Kind.BACKWARD] == 40


def test_walked_segments_carry_the_speed_of_their_direction() -> None:
    session = Session(BELT)
    walk(session, T0 + BELT.total_s + 1)
    speeds = [(r.kind, r.speed_kmh) for r in session.records if r.kind is not Kind.TURN]
    assert speeds == [
        (Kind.FORWARD, 3.5),
        (Kind.BACKWARD, 1.5),
        (Kind.FORWARD, 3.5),
        (Kind.BACKWARD, 1.5),
    ]


def test_the_slow_down_is_due_ten_seconds_before_the_slower_segment_with_a_short_turn() -> None:
    session = Session(BELT)
    events = walk(session, T0 + BELT.total_s + 1)
    told = [(d.at - T0, d.seconds_left, d.speed_kmh) for d in slow_downs(events)]
    # Backward starts at 35 s and 95 s: ten seconds before is 25 s and 85 s, a second ahead wakes.
    assert told == [(24.0, 1, 1.5), (25.0, 0, 1.5), (84.0, 1, 1.5), (85.0, 0, 1.5)]
    # Speeding up for forward is never a slow-down.


def test_a_turn_longer_than_ten_seconds_tells_at_its_own_start() -> None:
    plan = parse_spec(
        "getready=0s warmup=0s forward=30s backward=20s rounds=1 cooldown=10s turn=15s "
        "forward-speed=3km/h backward-speed=1km/h"
    )
    session = Session(plan)
    events = walk(session, T0 + plan.total_s + 1)
    told = [(d.at - T0, d.seconds_left, d.index) for d in slow_downs(events)]
    assert told == [(30.0, 0, 1)]  # the turn-around (index 1) starts at 30 s
    assert session.segments[1].kind is Kind.TURN


def test_no_slow_down_without_speeds_or_when_the_next_segment_is_not_slower() -> None:
    unknown = parse_spec("getready=0s warmup=0s forward=30s backward=20s rounds=2 turn=5s")
    assert slow_downs(walk(Session(unknown), T0 + unknown.total_s + 1)) == []
    faster = parse_spec(
        "getready=0s warmup=0s forward=30s backward=20s rounds=1 cooldown=0s "
        "forward-speed=1km/h backward-speed=2km/h"
    )
    assert slow_downs(walk(Session(faster), T0 + faster.total_s + 1)) == []


def test_pausing_moves_the_slow_down_by_the_pause() -> None:
    session = Session(BELT)
    session.start(T0)
    go(session, T0, T0 + 10)
    session.pause(T0 + 10)
    session.resume(T0 + 40)
    due = session.next_due(T0 + 40)
    assert due == pytest.approx(T0 + 54)  # the wake-up a second before 25 s + 30 s paused


def test_a_speed_correction_holds_for_the_segment_and_the_rest_of_its_direction() -> None:
    session = Session(BELT)
    session.start(T0)
    go(session, T0, T0 + 5)
    speed = session.belt.stepped(Direction.FORWARD, 3, Units.KMH)
    events = session.correct_speed(speed, T0 + 5)
    assert events == [SpeedChanged(T0 + 5, 0, Direction.FORWARD, 3.8)]
    go(session, T0 + 5, T0 + BELT.total_s + 1)
    forward = [r.speed_kmh for r in session.records if r.kind is Kind.FORWARD]
    assert forward == [3.8, 3.8]


def test_a_correction_in_mph_moves_a_tenth_of_a_mile_an_hour() -> None:
    session = Session(BELT)
    session.start(T0)
    after = session.belt.stepped(Direction.FORWARD, 1, Units.MPH)  # 3.5 km/h shows as 2.2 mph
    assert after == pytest.approx(2.3 * 1.609344, abs=1e-3)


def test_no_correction_in_a_turn_or_before_the_start() -> None:
    session = Session(BELT)
    assert session.correct_speed(2.0, T0) == []
    session.start(T0)
    go(session, T0, T0 + 31)  # in the turn-around
    assert session.segment.kind is Kind.TURN
    assert session.correct_speed(2.0, T0 + 31) == []


def test_a_correction_that_makes_the_next_segment_slower_tells_at_once() -> None:
    plan = parse_spec(
        "getready=0s warmup=0s forward=30s backward=20s rounds=1 cooldown=0s "
        "forward-speed=1km/h backward-speed=1.5km/h"
    )
    session = Session(plan)
    session.start(T0)
    go(session, T0, T0 + 25)
    events = session.correct_speed(2.0, T0 + 25)
    assert [(d.at - T0, d.seconds_left) for d in slow_downs(events)] == [(25.0, 0)]


def test_the_planner_sounds_the_slow_down_once_and_wakes_a_second_before() -> None:
    planner = CuePlanner(pips=0)
    session = Session(BELT, countdown_s=1)
    heard: list[tuple[float, Cue]] = []
    now = T0
    events = session.start(now)
    heard += [(now - T0, cue) for cue in planner.cues_for(events, now)]
    while now < T0 + 40:
        now += 0.25
        events = session.advance(now)
        heard += [(now - T0, cue) for cue in planner.cues_for(events, now)]
    assert (25.0, Cue.SLOW_DOWN) in heard
    assert (24.0, Cue.WAKE) in heard
    assert [cue for _, cue in heard].count(Cue.SLOW_DOWN) == 1
    assert (30.0, Cue.TURN) in heard
    assert (35.0, Cue.BACKWARD) in heard


def test_at_the_start_of_a_long_turn_the_slow_down_replaces_the_turn_cue() -> None:
    plan = parse_spec(
        "getready=0s warmup=0s forward=30s backward=20s rounds=1 cooldown=0s turn=12s "
        "forward-speed=3km/h backward-speed=1km/h"
    )
    planner = CuePlanner(pips=0)
    session = Session(plan, countdown_s=1)
    session.start(T0)
    go(session, T0, T0 + 29.75)
    events = session.advance(T0 + 30)
    assert planner.cues_for(events, T0 + 30) == [Cue.SLOW_DOWN]


def test_a_slow_down_reported_late_is_not_sounded() -> None:
    planner = CuePlanner(pips=0)
    session = Session(BELT, countdown_s=1)
    planner.cues_for(session.start(T0), T0)
    planner.cues_for(go(session, T0, T0 + 23), T0 + 23)
    late = session.advance(T0 + 26)  # the 25 s slow-down arrives a second late
    assert slow_downs(late)
    assert Cue.SLOW_DOWN not in planner.cues_for(late, T0 + 26)


def test_ending_a_turn_around_early_still_completes_the_session() -> None:
    session = Session(BELT)
    session.start(T0)
    now = T0
    while not session.is_over:
        now += 0.25
        session.advance(now)
        if session.segment.kind is Kind.TURN and session.remaining(now) > 4:
            session.skip(now)  # turned already: N to go on
    assert [r.actual_s < 1 for r in session.records if r.kind is Kind.TURN] == [True] * 3
    reached_end = session.state is State.FINISHED
    assert outcome_of(reached_end, session.records) is Outcome.COMPLETED
