"""What the session reports: the events ``advance`` and the commands return, and its snapshot."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from retrocoach.core.segments import Direction, Kind, Segment
from retrocoach.core.session.transitions import State

__all__ = [
    "CountdownTick",
    "Event",
    "PauseReason",
    "Paused",
    "Progress",
    "Resumed",
    "SegmentEnded",
    "SegmentMeasure",
    "SegmentRecord",
    "SegmentStarted",
    "SessionFinished",
    "SessionStarted",
    "SessionStopped",
    "SlowDownDue",
    "SpeedChanged",
]


class PauseReason(StrEnum):
    """Why the session paused."""

    USER = "user"
    GAP = "gap"
    """The clock jumped ahead of the last tick by more than max_late_s: suspend or a stall."""


@dataclass(frozen=True, slots=True)
class SegmentMeasure:
    """What devices measured during one segment; each figure None when unknown."""

    distance_m: float | None = None
    """Belt distance over the segment, from the treadmill's total distance."""
    speed_kmh: float | None = None
    """The belt's average speed over the segment, as the treadmill reported it."""
    avg_bpm: float | None = None
    max_bpm: float | None = None
    above_ceiling_s: float | None = None
    """Seconds of the segment with the heart rate above the walker's ceiling."""


@dataclass(frozen=True, slots=True)
class SegmentRecord:
    """One walked segment as the history keeps it."""

    kind: Kind
    planned_s: int
    actual_s: float
    round: int = 0
    speed_kmh: float | None = None
    """The belt speed used, as the walker last set it in the segment; None when unknown."""
    waited: bool = False
    """A turn-around that waited for the walker (``turn=wait``): ``actual_s`` is the turn."""
    measured: SegmentMeasure | None = None
    """What the treadmill and the heart-rate strap measured (None: no device)."""


@dataclass(frozen=True, slots=True)
class SessionStarted:
    """The walker pressed start."""

    at: float


@dataclass(frozen=True, slots=True)
class SegmentStarted:
    """A segment began at ``at`` (its scheduled time, even when reported late)."""

    at: float
    index: int
    segment: Segment
    next_segment: Segment | None


@dataclass(frozen=True, slots=True)
class CountdownTick:
    """``seconds_left`` whole seconds remain in segment ``index``."""

    at: float
    index: int
    seconds_left: int


@dataclass(frozen=True, slots=True)
class SegmentEnded:
    """A segment ended: on schedule, skipped, or cut short by a stop."""

    at: float
    index: int
    record: SegmentRecord | None
    """What was walked; None for the get-ready countdown, where nobody walks."""
    skipped: bool


@dataclass(frozen=True, slots=True)
class SlowDownDue:
    """The belt must slow to ``speed_kmh`` before segment ``target`` starts.

    Reported twice: a second ahead (``seconds_left`` 1, to wake the sound device) and when the
    walker is to be told (``seconds_left`` 0). The second ahead is left out when the moment is
    the start of a segment, whose own boundary wakes the device.
    """

    at: float
    index: int
    target: int
    speed_kmh: float
    seconds_left: int


@dataclass(frozen=True, slots=True)
class SpeedChanged:
    """The walker corrected the belt speed of ``direction`` to ``speed_kmh`` during ``index``."""

    at: float
    index: int
    direction: Direction
    speed_kmh: float


@dataclass(frozen=True, slots=True)
class Paused:
    """The session paused at ``at``; for a gap, ``gap_s`` is how long the clock was away."""

    at: float
    reason: PauseReason
    gap_s: float = 0.0


@dataclass(frozen=True, slots=True)
class Resumed:
    """The session resumed after ``paused_s`` seconds."""

    at: float
    paused_s: float


@dataclass(frozen=True, slots=True)
class SessionFinished:
    """The last segment ended: the plan was walked to its end."""

    at: float


@dataclass(frozen=True, slots=True)
class SessionStopped:
    """The walker stopped the session before its end."""

    at: float


Event = (
    SessionStarted
    | SegmentStarted
    | CountdownTick
    | SegmentEnded
    | SlowDownDue
    | SpeedChanged
    | Paused
    | Resumed
    | SessionFinished
    | SessionStopped
)


@dataclass(frozen=True, slots=True)
class Progress:
    """Everything a view shows about the session at one moment."""

    state: State
    segment: Segment | None
    next_segment: Segment | None
    index: int
    remaining_s: float
    total_remaining_s: float
    fraction_done: float
    rounds: int
    speed_kmh: float | None = None
    """The belt speed set for the segment under way (None: unknown, or not walking)."""
    next_speed_kmh: float | None = None
    """The belt speed of the next walking segment, past any turn-around."""
