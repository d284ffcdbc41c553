"""Watching the walker's heart against a clinician's ceiling: measurements in, what to say out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

from retrocoach.core.devices.heart_rate import HeartRateMeasurement
from retrocoach.core.segments import Direction, Kind
from retrocoach.core.session.events import Event, SegmentStarted

__all__ = [
    "FAR_MARGIN_BPM",
    "OVER_FOR_S",
    "SILENCE_S",
    "BackUnder",
    "EaseOff",
    "FarAbove",
    "HeartRateWatch",
    "HrNotice",
    "SignalBack",
    "SignalLost",
    "Tally",
    "Zone",
    "zone",
]

OVER_FOR_S: Final = 10.0
"""Above the ceiling this long: ease off (and again after as long, while it stays above)."""
FAR_MARGIN_BPM: Final = 15
"""This far above the ceiling the coach suggests stopping."""
FAR_FOR_S: Final = 3.0
"""Far above for this long first, so one stray value from a slipping strap does not alarm."""
SILENCE_S: Final = 15.0
"""No usable value this long during a backward segment: the coach says the strap went quiet."""
NEAR_BPM: Final = 10
"""Within this many beats under the ceiling counts as near it."""
_LONGEST_STEP_S: Final = 5.0
"""A gap between values longer than this is not counted as time above the ceiling."""


class Zone(StrEnum):
    """Where a heart rate stands against the ceiling."""

    UNDER = "under"
    NEAR = "near"
    OVER = "over"
    FAR_OVER = "far over"


def zone(bpm: int, ceiling: int) -> Zone:
    """The zone of *bpm* against *ceiling*."""
    if bpm >= ceiling + FAR_MARGIN_BPM:
        return Zone.FAR_OVER
    if bpm > ceiling:
        return Zone.OVER
    return Zone.NEAR if bpm > ceiling - NEAR_BPM else Zone.UNDER


@dataclass(frozen=True, slots=True)
class EaseOff:
    """Above the ceiling for OVER_FOR_S: slow down (the belt by one step, when it is controlled)."""

    at: float
    bpm: int


@dataclass(frozen=True, slots=True)
class FarAbove:
    """Far above the ceiling: the coach suggests stopping; it never stops the belt untold."""

    at: float
    bpm: int


@dataclass(frozen=True, slots=True)
class BackUnder:
    """The heart rate is back at or under the ceiling after an ease-off."""

    at: float
    bpm: int


@dataclass(frozen=True, slots=True)
class SignalLost:
    """No usable heart rate for SILENCE_S during a backward segment."""

    at: float


@dataclass(frozen=True, slots=True)
class SignalBack:
    """A usable heart rate again after SignalLost."""

    at: float
    bpm: int


HrNotice = EaseOff | FarAbove | BackUnder | SignalLost | SignalBack


@dataclass(slots=True)
class Tally:
    """Average, highest and time above the ceiling over a stretch of the walk."""

    count: int = 0
    total: int = 0
    highest: int = 0
    above_s: float = 0.0

    def add(self, bpm: int) -> None:
        """Count one usable value."""
        self.count += 1
        self.total += bpm
        self.highest = max(self.highest, bpm)

    @property
    def average(self) -> int | None:
        """The mean of the values, rounded; None with no value."""
        return round(self.total / self.count) if self.count else None


@dataclass(slots=True)
class _Segment:
    kind: Kind
    started_at: float
    tally: Tally = field(default_factory=Tally)


class HeartRateWatch:
    """Follows one walk's heart rate: the notices to give, and its record's figures.

    Time is the session clock's (seconds, monotonic); the caller passes it in, as it does to
    the session, so tests need no real time.
    """

    def __init__(self, ceiling_bpm: int | None, started_at: float) -> None:
        self.ceiling = ceiling_bpm
        self.started_at = started_at
        self.whole = Tally()
        self.by_direction = {direction: Tally() for direction in Direction}
        self.segments: list[_Segment] = []
        self.trace: list[tuple[float, int]] = []
        self.latest: int | None = None
        """The last usable value; None before the first and while the signal is lost."""
        self._last_at: float | None = None
        self._last_bpm = 0
        self._over_since: float | None = None
        self._eased = False
        self._far_since: float | None = None
        self._far_told = False
        self._quiet_since = started_at
        """When the last usable value came (the walk's start before the first)."""
        self._silent = False

    def segment_started(self, at: float, kind: Kind) -> None:
        """A new segment began at *at*."""
        self.segments.append(_Segment(kind, at))

    def on_events(self, events: Sequence[Event]) -> None:
        """Follow the session's segments, one per segment its record keeps.

        The get-ready countdown is not kept as a segment (its values count for the whole walk
        only), so ``segments[i]`` stays the record's ``segments[i]``.
        """
        for event in events:
            if isinstance(event, SegmentStarted) and event.segment.kind is not Kind.GETREADY:
                self.segment_started(event.at, event.segment.kind)

    def measured(self, at: float, measurement: HeartRateMeasurement) -> list[HrNotice]:
        """One value from the strap at *at*; the notices it brings."""
        if not measurement.usable:
            self.latest = None
            return self.tick(at)
        bpm = measurement.bpm
        notices: list[HrNotice] = []
        self._count_above(at)
        self._record(at, bpm)
        if self._silent:
            self._silent = False
            notices.append(SignalBack(at, bpm))
        self._quiet_since = at
        notices.extend(self._against_ceiling(at, bpm))
        return notices

    def tick(self, at: float) -> list[HrNotice]:
        """Time passes with no value: the notices due by *at* (the strap going quiet)."""
        segment = self.segments[-1] if self.segments else None
        backward = segment is not None and segment.kind is Kind.BACKWARD
        quiet_from = max(self._quiet_since, segment.started_at) if segment else self._quiet_since
        if backward and not self._silent and at - quiet_from >= SILENCE_S:
            self._silent = True
            self.latest = None
            return [SignalLost(at)]
        return []

    def lost(self) -> None:
        """The strap disconnected: nothing is known until it speaks again."""
        self.latest = None
        self._last_at = None
        self._over_since = self._far_since = None

    def _record(self, at: float, bpm: int) -> None:
        self.latest = bpm
        self._last_at, self._last_bpm = at, bpm
        self.whole.add(bpm)
        if self.segments:
            segment = self.segments[-1]
            segment.tally.add(bpm)
            direction = segment.kind.direction
            if direction is not None:
                self.by_direction[direction].add(bpm)
        elapsed = at - self.started_at
        if not self.trace or elapsed - self.trace[-1][0] >= 5.0:
            self.trace.append((round(elapsed, 1), bpm))

    def _count_above(self, at: float) -> None:
        if self._last_at is None or self.ceiling is None or self._last_bpm <= self.ceiling:
            return
        step = min(at - self._last_at, _LONGEST_STEP_S)
        if step <= 0:
            return
        self.whole.above_s += step
        if self.segments:
            self.segments[-1].tally.above_s += step

    def _against_ceiling(self, at: float, bpm: int) -> list[HrNotice]:
        if self.ceiling is None:
            return []
        notices: list[HrNotice] = []
        if bpm <= self.ceiling:
            if self._eased:
                notices.append(BackUnder(at, bpm))
            self._over_since = None
            self._eased = False
        else:
            if self._over_since is None:
                self._over_since = at
            if at - self._over_since >= OVER_FOR_S:
                notices.append(EaseOff(at, bpm))
                self._eased = True
                self._over_since = at
        if bpm >= self.ceiling + FAR_MARGIN_BPM:
            if self._far_since is None:
                self._far_since = at
            if not self._far_told and at - self._far_since >= FAR_FOR_S:
                self._far_told = True
                notices.append(FarAbove(at, bpm))
        else:
            self._far_since = None
            self._far_told = False
        return notices
