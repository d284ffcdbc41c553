"""The ceiling watch: when it says ease off, far above, quiet strap, and what it records."""

from __future__ import annotations

from retrocoach.core.devices.heart_rate import Contact, HeartRateMeasurement
from retrocoach.core.devices.hr_watch import (
    BackUnder,
    EaseOff,
    FarAbove,
    HeartRateWatch,
    HrNotice,
    SignalBack,
    SignalLost,
    Zone,
    zone,
)
from retrocoach.core.plan.model import Plan
from retrocoach.core.segments import Direction, Kind
from retrocoach.core.session.machine import Session


def feed(
    watch: HeartRateWatch, start: float, values: list[int], step: float = 1.0
) -> list[HrNotice]:
    """Feed one value a *step* from *start* on; every notice in order."""
    notices: list[HrNotice] = []
    for number, bpm in enumerate(values):
        notices += watch.measured(start + number * step, HeartRateMeasurement(bpm))
    return notices


def test_ten_seconds_above_the_ceiling_asks_to_ease_off_once_then_again_if_still_above() -> None:
    watch = HeartRateWatch(120, started_at=0.0)
    watch.segment_started(0.0, Kind.BACKWARD)
    notices = feed(watch, 0.0, [125] * 10)
    assert notices == []
    notices = feed(watch, 10.0, [125] * 10)
    assert notices == [EaseOff(10.0, 125)]
    assert feed(watch, 20.0, [125]) == [EaseOff(20.0, 125)]


def test_dipping_under_the_ceiling_restarts_the_ten_seconds() -> None:
    watch = HeartRateWatch(120, started_at=0.0)
    watch.segment_started(0.0, Kind.FORWARD)
    assert feed(watch, 0.0, [121] * 9 + [119] + [121] * 10) == []
    assert feed(watch, 20.0, [121]) == [EaseOff(20.0, 121)]


def test_back_under_follows_an_ease_off() -> None:
    watch = HeartRateWatch(100, started_at=0.0)
    watch.segment_started(0.0, Kind.BACKWARD)
    notices = feed(watch, 0.0, [101] * 11 + [99])
    assert notices == [EaseOff(10.0, 101), BackUnder(11.0, 99)]


def test_far_above_is_said_once_after_three_seconds_not_for_one_stray_value() -> None:
    watch = HeartRateWatch(120, started_at=0.0)
    watch.segment_started(0.0, Kind.BACKWARD)
    assert feed(watch, 0.0, [140, 110]) == []
    notices = feed(watch, 2.0, [136, 137, 138, 139, 140])
    assert notices == [FarAbove(5.0, 139)]


def test_a_quiet_strap_in_a_backward_segment_is_told_after_fifteen_seconds_and_its_return() -> None:
    watch = HeartRateWatch(None, started_at=0.0)
    watch.segment_started(0.0, Kind.FORWARD)
    feed(watch, 0.0, [90])
    assert watch.tick(30.0) == []  # forward walking: the walker can look
    watch.segment_started(30.0, Kind.BACKWARD)
    assert watch.tick(44.9) == []
    assert watch.tick(45.0) == [SignalLost(45.0)]
    assert watch.tick(50.0) == []
    assert watch.latest is None
    assert watch.measured(51.0, HeartRateMeasurement(95)) == [SignalBack(51.0, 95)]
    assert watch.latest == 95


def test_lost_contact_zero_and_255_count_as_no_signal_and_never_as_a_rate() -> None:
    watch = HeartRateWatch(100, started_at=0.0)
    watch.segment_started(0.0, Kind.BACKWARD)
    for second, measurement in enumerate(
        [HeartRateMeasurement(0), HeartRateMeasurement(255), HeartRateMeasurement(90, Contact.LOST)]
    ):
        watch.measured(float(second), measurement)
    assert watch.whole.count == 0
    assert watch.measured(15.0, HeartRateMeasurement(0)) == [SignalLost(15.0)]


def test_figures_per_segment_per_direction_and_time_above_the_ceiling() -> None:
    watch = HeartRateWatch(100, started_at=0.0)
    watch.segment_started(0.0, Kind.WARMUP)
    feed(watch, 0.0, [80, 90])
    watch.segment_started(2.0, Kind.BACKWARD)
    feed(watch, 2.0, [110, 110, 100])
    watch.segment_started(5.0, Kind.TURN)
    feed(watch, 5.0, [95])
    assert [s.tally.average for s in watch.segments] == [85, 107, 95]
    assert watch.by_direction[Direction.FORWARD].highest == 90
    assert watch.by_direction[Direction.BACKWARD].average == 107
    assert watch.whole.highest == 110
    # above from 2 s to 4 s (the values at 2 and 3 were above; the one at 4 was not)
    assert watch.whole.above_s == 2.0
    assert watch.segments[1].tally.above_s == 2.0


def test_a_gap_in_the_values_is_not_counted_as_time_above() -> None:
    watch = HeartRateWatch(100, started_at=0.0)
    watch.segment_started(0.0, Kind.BACKWARD)
    feed(watch, 0.0, [120])
    watch.measured(60.0, HeartRateMeasurement(120))
    assert watch.whole.above_s == 5.0


def test_the_trace_keeps_one_value_every_five_seconds() -> None:
    watch = HeartRateWatch(None, started_at=100.0)
    watch.segment_started(100.0, Kind.FORWARD)
    feed(watch, 100.0, list(range(80, 92)))
    assert watch.trace == [(0.0, 80), (5.0, 85), (10.0, 90)]


def test_no_ceiling_gives_no_notices_but_still_figures() -> None:
    watch = HeartRateWatch(None, started_at=0.0)
    watch.segment_started(0.0, Kind.BACKWARD)
    assert feed(watch, 0.0, [200] * 30) == []
    assert watch.whole.highest == 200


def test_zones_against_the_ceiling() -> None:
    assert [zone(bpm, 120) for bpm in (100, 111, 120, 121, 134, 135)] == [
        Zone.UNDER,
        Zone.NEAR,
        Zone.NEAR,
        Zone.OVER,
        Zone.OVER,
        Zone.FAR_OVER,
    ]


def test_the_watch_follows_the_sessions_segments_without_the_countdown() -> None:
    session = Session(Plan(forward_s=5, backward_s=5, rounds=1, warmup_s=5, cooldown_s=0))
    watch = HeartRateWatch(None, started_at=0.0)
    watch.on_events(session.start(0.0))
    now = 0.0
    while not session.is_over:
        now += 1.0
        watch.on_events(session.advance(now))
    kinds = [segment.kind for segment in watch.segments]
    assert kinds == [segment.kind for segment in session.walked(now)]
    assert Kind.GETREADY not in kinds
