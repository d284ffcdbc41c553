"""A recorded walk laid out in time for a FIT file: its laps, their distances, speeds and pulse.

The history keeps each segment's length, not its clock time: the laps are laid end to end
from the end of the get-ready countdown. Pauses are not placed (the history does not say
where they fell); they show only in the elapsed time of the whole walk.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final

from retrocoach.core.history.records import SessionRecord
from retrocoach.core.segments import Direction, Kind

__all__ = ["Lap", "Walk", "walk_of"]

_KMH: Final = 3.6
"""km/h in one m/s."""
HOLD_PULSE_S: Final = 10.0
"""How long a heart-rate sample stands for the seconds after it (the strap's trace keeps one
value every 5 s or more); longer gaps are a lost signal and stay empty."""


@dataclass(frozen=True, slots=True)
class Lap:
    """One walked segment as a lap: *start_s* is seconds after the walk's first lap began."""

    kind: Kind
    round: int
    start_s: float
    seconds: float
    planned_s: int
    distance_m: float | None
    speed_ms: float | None
    avg_bpm: int | None = None
    max_bpm: int | None = None

    @property
    def end_s(self) -> float:
        """When the lap ended, in seconds after the first lap began."""
        return self.start_s + self.seconds

    @property
    def name(self) -> str:
        """What the walker calls it: "Warm-up", "Backward 2", "Turn-around"."""
        if self.kind in (Kind.FORWARD, Kind.BACKWARD):
            return f"{self.kind.value.capitalize()} {self.round}"
        return {Kind.WARMUP: "Warm-up", Kind.COOLDOWN: "Cool-down"}.get(self.kind, "Turn-around")

    @property
    def direction(self) -> str:
        """forward, backward or turn: the lap's developer field."""
        direction = self.kind.direction
        return "turn" if direction is None else direction.value


@dataclass(frozen=True, slots=True)
class Walk:
    """A walk ready to be written: laps from *start*, with what the history knew of it."""

    record_id: str
    plan_name: str
    start: datetime
    """When the first lap began (aware, the walker's UTC offset)."""
    ended_at: datetime
    laps: tuple[Lap, ...]
    energy_kcal: float | None
    avg_bpm: int | None
    max_bpm: int | None
    trace: tuple[tuple[float, int], ...]
    """Heart-rate samples as (seconds after the first lap began, bpm)."""

    @property
    def timer_s(self) -> float:
        """Time walked: the laps together."""
        return self.laps[-1].end_s

    @property
    def elapsed_s(self) -> float:
        """From the first lap to the walk's end, pauses included (never less than timer_s)."""
        return max(self.timer_s, (self.ended_at - self.start).total_seconds())

    @property
    def distance_m(self) -> float | None:
        """The laps' known distances together; None when no lap's distance is known."""
        known = [lap.distance_m for lap in self.laps if lap.distance_m is not None]
        return sum(known) if known else None

    def pulse_at(self, at_s: float) -> int | None:
        """The heart rate *at_s* seconds after the first lap began, or None if none then."""
        index = bisect.bisect_right(self.trace, at_s, key=lambda point: point[0]) - 1
        if index < 0 or at_s - self.trace[index][0] > HOLD_PULSE_S:
            return None
        return self.trace[index][1]


def walk_of(record: SessionRecord) -> Walk | None:
    """*record* laid out as laps; None when it has no segments to export."""
    if not record.segments:
        return None
    data = record.to_json()  # schema 3's optional keys, whether this version knows them or not
    walked = sum(segment.actual_s for segment in record.segments)
    gap = (record.ended_at - record.started_at).total_seconds() - walked
    # The get-ready countdown is not walking; it comes first unless the walker skipped it.
    ready = min(float(record.plan.getready_s), max(0.0, gap))
    start = record.started_at + timedelta(seconds=ready)
    laps: list[Lap] = []
    at = 0.0
    entries: Sequence[Any] = data.get("segments") or ()
    for segment, entry in zip(record.segments, entries, strict=True):
        measured = _mapping(entry.get("measured"))
        distance, speed = _distance_speed(record, segment.kind, segment.speed_kmh, measured)
        seconds = segment.actual_s
        if distance is None and speed is not None:
            distance = speed * seconds
        if speed is None and distance is not None and seconds > 0:
            speed = distance / seconds
        laps.append(
            Lap(
                kind=segment.kind,
                round=segment.round,
                start_s=at,
                seconds=seconds,
                planned_s=segment.planned_s,
                distance_m=distance,
                speed_ms=speed,
                avg_bpm=_bpm(measured.get("avg_bpm")),
                max_bpm=_bpm(measured.get("max_bpm")),
            )
        )
        at += seconds
    pulse = _mapping(data.get("heart_rate"))
    return Walk(
        record_id=record.id,
        plan_name=record.plan.name,
        start=start,
        ended_at=record.ended_at,
        laps=tuple(laps),
        energy_kcal=record.energy_kcal_est,
        avg_bpm=_bpm(pulse.get("avg_bpm")),
        max_bpm=_bpm(pulse.get("max_bpm")),
        trace=_trace(pulse.get("trace"), ready),
    )


def _distance_speed(
    record: SessionRecord, kind: Kind, belt_kmh: float | None, measured: Mapping[str, Any]
) -> tuple[float | None, float | None]:
    """The lap's distance and speed (m, m/s): measured, else the belt's, else unknown."""
    distance = _number(measured.get("distance_m"))
    measured_kmh = _number(measured.get("speed_kmh"))
    if distance is not None or measured_kmh is not None:
        return distance, None if measured_kmh is None else measured_kmh / _KMH
    if belt_kmh is None:
        direction = kind.direction
        if direction is Direction.FORWARD:
            belt_kmh = record.plan.forward_speed_kmh
        elif direction is Direction.BACKWARD:
            belt_kmh = record.plan.backward_speed_kmh
    return None, None if belt_kmh is None else belt_kmh / _KMH


def _trace(value: object, ready: float) -> tuple[tuple[float, int], ...]:
    """The strap's trace, (seconds after the walk's start, bpm), moved to the first lap's time."""
    if not isinstance(value, list):
        return ()
    points = []
    for point in value:
        if isinstance(point, list | tuple) and len(point) == 2:
            when, bpm = _number(point[0]), _bpm(point[1])
            if when is not None and bpm is not None:
                points.append((when - ready, bpm))
    return tuple(sorted(points))


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) and value >= 0 else None


def _bpm(value: object) -> int | None:
    number = _number(value)
    # FIT keeps a heart rate in one byte; 255 means "none".
    return round(number) if number is not None and 0 < number < 255 else None
