"""What the treadmill measured during a walk: distance and speed per segment and per direction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from retrocoach.core.devices.ftms_data import TreadmillData
from retrocoach.core.segments import Direction, Kind
from retrocoach.core.session.events import Event, SegmentMeasure, SegmentStarted

__all__ = ["BeltFigures", "BeltLog"]


@dataclass(frozen=True, slots=True)
class BeltFigures:
    """Measured belt distance (m) and average speed (km/h) per direction; None: not measured.

    Forward includes warm-up and cool-down; turn-arounds count in neither. The history keeps
    these as a session's ``measured`` (retrocoach.core.history.measured.BeltTotals)."""

    forward_m: float | None
    backward_m: float | None
    forward_speed_kmh: float | None
    backward_speed_kmh: float | None


@dataclass
class _Stretch:
    """One walked segment's share of the belt's reports."""

    kind: Kind
    metres: float = 0.0
    speed_seconds: float = 0.0  # km/h x s: the time-weighted sum of the reported speeds
    seconds: float = 0.0
    reported: bool = False

    def measure(self) -> SegmentMeasure | None:
        if not self.reported:
            return None
        speed = self.speed_seconds / self.seconds if self.seconds > 0 else None
        return SegmentMeasure(
            distance_m=round(self.metres, 1), speed_kmh=None if speed is None else round(speed, 2)
        )


class BeltLog:
    """Listens to the session (which segment) and the treadmill (how far, how fast).

    Distance comes from the treadmill's total distance, added up across its resets (many reset
    it when the belt stops, as at a turn-around); without it, from speed x time.
    """

    def __init__(self) -> None:
        self._stretches: list[_Stretch] = []
        self._total_m: float | None = None
        self._last_at: float | None = None
        self._last_kmh: float | None = None

    def on_events(self, events: Sequence[Event]) -> None:
        for event in events:
            if isinstance(event, SegmentStarted) and event.segment.kind is not Kind.GETREADY:
                self._stretches.append(_Stretch(event.segment.kind))

    def on_data(self, data: TreadmillData, now: float) -> None:
        stretch = self._stretches[-1] if self._stretches else None
        elapsed = 0.0 if self._last_at is None else max(0.0, now - self._last_at)
        self._last_at = now
        if stretch is None:
            self._total_m = data.total_distance_m
            return
        stretch.reported = True
        if self._last_kmh is not None:
            stretch.seconds += elapsed
            stretch.speed_seconds += self._last_kmh * elapsed
        self._last_kmh = data.speed_kmh
        total = data.total_distance_m
        if total is None:
            stretch.metres += (self._last_kmh or 0.0) / 3.6 * elapsed
        elif self._total_m is not None:
            # A counter that went back was reset (at a stop, say): it has run *total* since.
            stretch.metres += total - self._total_m if total >= self._total_m else total
        if total is not None:
            self._total_m = total

    def measures(self) -> list[SegmentMeasure | None]:
        """One per walked segment, in order (None: the treadmill reported nothing)."""
        return [stretch.measure() for stretch in self._stretches]

    def totals(self) -> BeltFigures | None:
        """Distance and average speed per direction; None when nothing was reported."""
        if not any(stretch.reported for stretch in self._stretches):
            return None
        figures: dict[Direction, tuple[float, float, float]] = {}
        for stretch in self._stretches:
            direction = stretch.kind.direction
            if direction is None or not stretch.reported:
                continue
            metres, speed_seconds, seconds = figures.get(direction, (0.0, 0.0, 0.0))
            figures[direction] = (
                metres + stretch.metres,
                speed_seconds + stretch.speed_seconds,
                seconds + stretch.seconds,
            )

        def part(direction: Direction) -> tuple[float | None, float | None]:
            if direction not in figures:
                return None, None
            metres, speed_seconds, seconds = figures[direction]
            return round(metres, 1), round(speed_seconds / seconds, 2) if seconds else None

        forward_m, forward_kmh = part(Direction.FORWARD)
        backward_m, backward_kmh = part(Direction.BACKWARD)
        return BeltFigures(forward_m, backward_m, forward_kmh, backward_kmh)
