"""Figures over the history: totals, minutes per direction, streaks, weekly series, bouts.

Pure functions of the records and of the day and time zone they are handed, so every figure can
be tested for any date. Days and weeks are the walker's local ones: a session counts on the day
its start falls on in *tz* (None means the system's own time zone, with its DST rules).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from retrocoach.core.clock import in_zone
from retrocoach.core.durations import whole_seconds
from retrocoach.core.history.records import SessionRecord
from retrocoach.core.segments import trivial_walk

__all__ = [
    "Totals",
    "WeekTotals",
    "backward_minutes_this_week",
    "local_day",
    "streak_days",
    "totals",
    "week_start",
    "weekly_series",
]


@dataclass(frozen=True, slots=True)
class Totals:
    """Sums over some sessions, in seconds.

    Each walk's forward and backward time goes in as the walk itself reads (whole_seconds), so
    a total is the sum of the rows shown above it: one walk of 8.25 s each way reads 0:16 in
    its row and in the totals, never 0:17 (16.5 s rounded whole).
    """

    sessions: int = 0
    forward_s: float = 0.0
    backward_s: float = 0.0
    distance_m: float = 0.0
    """Estimated belt distance of the ``with_distance`` sessions whose speeds are known."""
    with_distance: int = 0
    energy_kcal: float = 0.0
    """Estimated energy of the ``with_energy`` sessions that have an estimate."""
    with_energy: int = 0

    @property
    def walking_s(self) -> float:
        """Forward and backward together."""
        return self.forward_s + self.backward_s

    def plus(self, record: SessionRecord) -> Totals:
        """These totals with one more session."""
        forward, backward, energy = record.forward_m, record.backward_m, record.energy_kcal_est
        distance = None if forward is None or backward is None else forward + backward
        return Totals(
            self.sessions + 1,
            self.forward_s + whole_seconds(record.forward_s),
            self.backward_s + whole_seconds(record.backward_s),
            self.distance_m + (distance or 0.0),
            self.with_distance + (distance is not None),
            self.energy_kcal + (energy or 0.0),
            self.with_energy + (energy is not None),
        )


@dataclass(frozen=True, slots=True)
class WeekTotals:
    """One ISO week of the series: its Monday and the sessions started in it."""

    monday: date
    totals: Totals

    @property
    def iso_week(self) -> tuple[int, int]:
        """(ISO year, ISO week number), e.g. (2026, 47)."""
        year, week, _ = self.monday.isocalendar()
        return year, week


def local_day(record: SessionRecord, tz: tzinfo | None = None) -> date:
    """The local day a session started on."""
    return in_zone(record.started_at, tz).date()


def week_start(day: date) -> date:
    """The Monday of *day*'s ISO week."""
    return day - timedelta(days=day.weekday())


def totals(records: Iterable[SessionRecord]) -> Totals:
    """Session count and seconds per direction over *records*."""
    result = Totals()
    for record in records:
        result = result.plus(record)
    return result


def backward_minutes_this_week(
    records: Iterable[SessionRecord], today: date, tz: tzinfo | None = None
) -> float:
    """Backward minutes in sessions started from this week's Monday up to *today*, each walk's
    backward time taken as it reads (whole seconds), as the totals take it."""
    monday = week_start(today)
    return (
        sum(whole_seconds(r.backward_s) for r in records if monday <= local_day(r, tz) <= today)
        / 60
    )


def streak_days(records: Iterable[SessionRecord], today: date, tz: tzinfo | None = None) -> int:
    """Consecutive days with a session, ending today, or yesterday if today has none yet.

    A session counts if any walking was done: one interrupted during the get-ready countdown
    does not keep a streak alive, nor does a false start (trivial_walk: stopped within its
    first minute of walking).
    """
    days = {
        local_day(r, tz)
        for r in records
        if r.walking_s > 0 and not trivial_walk(r.outcome, r.walking_s)
    }
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def weekly_series(
    records: Iterable[SessionRecord],
    today: date,
    tz: tzinfo | None = None,
    weeks: int | None = None,
) -> tuple[WeekTotals, ...]:
    """Totals per ISO week, oldest first, with empty weeks included so a chart has no gaps.

    With *weeks*, the series is the last that many weeks ending with this week; otherwise it
    runs from the first recorded session's week to this week (or the last session's, if a
    session is dated after today).
    """
    by_week: defaultdict[date, Totals] = defaultdict(Totals)
    for record in records:
        monday = week_start(local_day(record, tz))
        by_week[monday] = by_week[monday].plus(record)
    last = max([week_start(today), *by_week])
    if weeks is not None:
        first = last - timedelta(weeks=max(weeks, 1) - 1)
    else:
        first = min(by_week, default=last)
    count = (last - first).days // 7 + 1
    mondays = (first + timedelta(weeks=n) for n in range(count))
    return tuple(WeekTotals(monday, by_week.get(monday, Totals())) for monday in mondays)
