"""Heart-rate figures over the history: one walk's trace by segment, and weeks at one belt speed.

The fitness gain walkers want to see is the same belt speed asking less of the heart: the
average heart rate of backward walking at one speed, week by week, going down.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from retrocoach.core.figures.stats import local_day, week_start
from retrocoach.core.history.records import SessionRecord
from retrocoach.core.segments import Direction

__all__ = [
    "Band",
    "HeartWeek",
    "bands",
    "common_speed",
    "heart_weeks",
    "speeds_with_heart",
]

_SPEED_STEP = 0.1
"""Speeds are compared to a tenth of a km/h: a belt sets no finer step that a walker feels."""


@dataclass(frozen=True, slots=True)
class Band:
    """Where a segment lies on a walk's trace: seconds after the walk's start, and direction."""

    start_s: float
    end_s: float
    direction: Direction | None
    """None: a turn-around, neither direction."""


@dataclass(frozen=True, slots=True)
class HeartWeek:
    """One week's average heart rate at the chosen speed; None: no such walking that week."""

    monday: date
    avg_bpm: float | None
    seconds: float
    """How long that week's walking at the speed with a heart rate lasted."""


def bands(record: SessionRecord) -> list[Band]:
    """*record*'s segments laid on its trace's time (seconds since the walk's start).

    The trace counts from the start, the countdown included; the segments follow it end to
    end (as the FIT export lays its laps), so a pause shifts the later shading by its length.
    """
    walked = sum(segment.actual_s for segment in record.segments)
    gap = (record.ended_at - record.started_at).total_seconds() - walked
    at = min(float(record.plan.getready_s), max(0.0, gap))
    out = []
    for segment in record.segments:
        out.append(Band(at, at + segment.actual_s, segment.kind.direction))
        at += segment.actual_s
    return out


def _speed_of(segment_speed: float | None, measured: float | None) -> float | None:
    speed = measured if measured is not None else segment_speed
    return None if speed is None else round(round(speed / _SPEED_STEP) * _SPEED_STEP, 1)


def _backward_parts(record: SessionRecord) -> Iterable[tuple[float, float, float]]:
    """(speed km/h, average bpm, seconds) of each backward segment with a heart rate."""
    for segment in record.segments:
        measured = segment.measured
        if segment.kind.direction is not Direction.BACKWARD or measured is None:
            continue
        speed = _speed_of(segment.speed_kmh, measured.speed_kmh)
        if speed is None or measured.avg_bpm is None or segment.actual_s <= 0:
            continue
        yield speed, measured.avg_bpm, segment.actual_s


def speeds_with_heart(records: Iterable[SessionRecord]) -> list[float]:
    """The backward belt speeds walked with a heart rate, slowest first."""
    return sorted({speed for record in records for speed, _, _ in _backward_parts(record)})


def common_speed(records: Iterable[SessionRecord]) -> float | None:
    """The backward speed walked longest with a heart rate (the slower on a tie); None: none."""
    seconds: defaultdict[float, float] = defaultdict(float)
    for record in records:
        for speed, _, length in _backward_parts(record):
            seconds[speed] += length
    if not seconds:
        return None
    return min(seconds, key=lambda speed: (-seconds[speed], speed))


def heart_weeks(
    records: Sequence[SessionRecord],
    speed_kmh: float,
    today: date,
    weeks: int,
    tz: tzinfo | None = None,
) -> list[HeartWeek]:
    """The last *weeks* weeks, oldest first: backward walking's average heart rate at *speed_kmh*.

    Each segment weighs by its length, so a long segment counts more than a short one.
    """
    first = week_start(today) - timedelta(weeks=weeks - 1)
    sums: defaultdict[date, list[float]] = defaultdict(lambda: [0.0, 0.0])
    wanted = round(speed_kmh, 1)
    for record in records:
        monday = week_start(local_day(record, tz))
        if monday < first:
            continue
        for speed, bpm, length in _backward_parts(record):
            if speed == wanted:
                sums[monday][0] += bpm * length
                sums[monday][1] += length
    out = []
    for number in range(weeks):
        monday = first + timedelta(weeks=number)
        weighted, seconds = sums.get(monday, (0.0, 0.0))
        out.append(HeartWeek(monday, round(weighted / seconds, 1) if seconds else None, seconds))
    return out
