"""History figures: totals, direction minutes, this week, streaks, weekly series, longest bout."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrocoach.core.figures.stats import (
    Totals,
    backward_minutes_this_week,
    local_day,
    streak_days,
    totals,
    week_start,
    weekly_series,
)
from retrocoach.core.history.store import SessionRecord
from retrocoach.core.plan.model import Plan

RecordFactory = Callable[..., SessionRecord]
BERLIN = ZoneInfo("Europe/Berlin")
UTC_PLUS_1 = timezone(timedelta(hours=1))


def on(day: date, hour: int = 8, tz: timezone | ZoneInfo = UTC_PLUS_1) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=tz)


def test_totals_count_warmup_and_cooldown_as_forward(
    make_record: RecordFactory,
) -> None:
    plan = Plan(warmup_s=120, forward_s=300, backward_s=60, rounds=3, cooldown_s=120)
    records = [make_record(plan=plan), make_record(plan=plan)]
    assert totals(records) == Totals(2, 2 * (240 + 900), 2 * 180)
    assert totals([]) == Totals(0, 0.0, 0.0)
    assert totals(records).walking_s == 2 * 1320


def test_a_session_counts_on_the_local_day_it_started(make_record: RecordFactory) -> None:
    late = make_record(started_at=datetime(2026, 11, 21, 23, 30, tzinfo=UTC_PLUS_1))
    assert local_day(late, UTC_PLUS_1) == date(2026, 11, 21)
    assert local_day(late, UTC) == date(2026, 11, 21)
    assert local_day(late, timezone(timedelta(hours=3))) == date(2026, 11, 22)


def test_this_weeks_backward_minutes_run_from_monday_to_today(make_record: RecordFactory) -> None:
    today = date(2026, 11, 19)  # a Thursday; the week began on Monday the 16th
    records = [
        make_record(started_at=on(date(2026, 11, 15))),  # Sunday: last week
        make_record(started_at=on(date(2026, 11, 16))),
        make_record(started_at=on(date(2026, 11, 19))),
        make_record(started_at=on(date(2026, 11, 20))),  # after today (a wrong clock)
    ]
    assert backward_minutes_this_week(records, today, UTC_PLUS_1) == 6.0
    assert backward_minutes_this_week([], today, UTC_PLUS_1) == 0.0


@pytest.mark.parametrize(
    ("days_ago", "expected"),
    [
        ([], 0),
        ([0], 1),
        ([1], 1),  # today has no session yet: the streak still stands
        ([2], 0),
        ([0, 1, 2, 4], 3),
        ([1, 2, 3], 3),
        ([0, 0, 1], 2),  # two sessions in one day count once
    ],
)
def test_the_streak_counts_consecutive_days_ending_today_or_yesterday(
    make_record: RecordFactory, days_ago: list[int], expected: int
) -> None:
    today = date(2026, 3, 2)
    records = [make_record(started_at=on(today - timedelta(days=n))) for n in days_ago]
    assert streak_days(records, today, UTC_PLUS_1) == expected


def test_a_session_with_no_walking_does_not_keep_a_streak(make_record: RecordFactory) -> None:
    today = date(2026, 3, 2)
    empty = make_record(started_at=on(today), segments=(), forward_s=0.0, backward_s=0.0)
    assert streak_days([empty], today, UTC_PLUS_1) == 0


def test_a_false_start_does_not_keep_a_streak(make_record: RecordFactory) -> None:
    """A walk stopped 14 s in is no day walked; one stopped after a minute is."""
    from retrocoach.core.history.records import Outcome  # noqa: PLC0415

    today = date(2026, 3, 2)
    walked = make_record(started_at=on(today - timedelta(days=1)))
    for seconds, expected in ((14.0, 1), (59.4, 1), (60.0, 2)):
        tried = make_record(
            started_at=on(today), outcome=Outcome.STOPPED, forward_s=seconds, backward_s=0.0
        )
        assert streak_days([walked, tried], today, UTC_PLUS_1) == expected, seconds


def test_the_streak_follows_local_days_across_a_dst_change(make_record: RecordFactory) -> None:
    """Days come from the zone's rules, not from today's offset applied to every date."""
    # Berlin moved its clocks forward on 29 March 2026; 00:30 on the 30th is +02:00.
    days = [date(2026, 3, 28), date(2026, 3, 29), date(2026, 3, 30)]
    records = [make_record(started_at=on(day, 0, BERLIN).replace(minute=30)) for day in days]
    assert records[-1].to_json()["started_at"].endswith("+02:00")
    assert streak_days(records, date(2026, 3, 30), BERLIN) == 3
    assert streak_days(records, date(2026, 3, 30), UTC_PLUS_1) == 2  # what a fixed offset gets


def test_the_weekly_series_covers_every_iso_week_with_gaps_filled(
    make_record: RecordFactory,
) -> None:
    records = [
        make_record(started_at=on(date(2025, 12, 29))),  # ISO week 1 of 2026
        make_record(started_at=on(date(2026, 1, 4))),  # Sunday, same week
        make_record(started_at=on(date(2026, 1, 19))),  # ISO week 4
    ]
    series = weekly_series(records, date(2026, 1, 28), UTC_PLUS_1)
    assert [point.iso_week for point in series] == [
        (2026, 1),
        (2026, 2),
        (2026, 3),
        (2026, 4),
        (2026, 5),
    ]
    assert [point.totals.sessions for point in series] == [2, 0, 0, 1, 0]
    assert series[0].monday == date(2025, 12, 29)
    assert series[0].totals.backward_s == 360.0


def test_the_weekly_series_can_be_cut_to_the_last_weeks(make_record: RecordFactory) -> None:
    records = [make_record(started_at=on(date(2026, 1, 5)))]
    series = weekly_series(records, date(2026, 3, 4), UTC_PLUS_1, weeks=4)
    assert len(series) == 4
    assert series[-1].monday == date(2026, 3, 2)
    assert all(point.totals.sessions == 0 for point in series)
    assert [p.monday for p in weekly_series([], date(2026, 3, 4), UTC_PLUS_1)] == [date(2026, 3, 2)]


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1)))
def test_week_start_is_the_monday_of_the_same_iso_week(day: date) -> None:
    monday = week_start(day)
    assert monday.weekday() == 0
    assert monday.isocalendar()[:2] == day.isocalendar()[:2]
