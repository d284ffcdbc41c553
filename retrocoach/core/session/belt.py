"""The treadmill belt through one session: its speed per direction and when to slow it.

The plan gives a speed per direction (or none); the walker may correct it during a segment,
and the correction holds for the rest of the session in that direction. Before a switch to a
slower speed the walker is told to slow the belt ``SLOW_LEAD_S`` seconds ahead, or at the start
of the turn-around phase when that comes earlier.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from retrocoach.core.plan.model import Plan
from retrocoach.core.segments import Direction, Kind, Segment
from retrocoach.core.session.events import SlowDownDue
from retrocoach.core.speeds import BACKWARD_SPEED, FORWARD_SPEED, SpeedLimit, Units, step_speed

__all__ = ["SLOW_LEAD_S", "START_KMH", "Belt", "SlowDown", "SlowDownAlarm"]

SLOW_LEAD_S: Final = 10
"""Seconds ahead of a slower segment that the walker is told to slow the belt."""
START_KMH: Final = {Direction.FORWARD: 3.0, Direction.BACKWARD: 1.0}
"""Where a first correction starts when the plan gives no speed: the slow end of each range."""
_LIMITS: Final = {Direction.FORWARD: FORWARD_SPEED, Direction.BACKWARD: BACKWARD_SPEED}


@dataclass(frozen=True, slots=True)
class SlowDown:
    """The belt must slow to ``speed_kmh`` for segment ``target``, ``offset_s`` into this one."""

    offset_s: float
    target: int
    speed_kmh: float


class Belt:
    """The belt speeds of one session, as planned and as corrected by the walker."""

    def __init__(self, plan: Plan, segments: Sequence[Segment]) -> None:
        self._segments = segments
        self._speeds: dict[Direction, float | None] = {
            Direction.FORWARD: plan.forward_speed_kmh,
            Direction.BACKWARD: plan.backward_speed_kmh,
        }

    def speed(self, kind: Kind) -> float | None:
        """The speed now set for a segment of *kind*, in km/h (None: unknown, or no walking)."""
        direction = kind.direction
        return None if direction is None else self._speeds[direction]

    def correct(self, direction: Direction, kmh: float) -> float:
        """Set *direction*'s speed to *kmh* (kept within its limits); returns what was set."""
        limit: SpeedLimit = _LIMITS[direction]
        speed = round(min(max(kmh, limit.low_kmh), limit.high_kmh), 3)
        self._speeds[direction] = speed
        return speed

    def stepped(self, direction: Direction, steps: int, units: Units) -> float:
        """*direction*'s speed moved by *steps* tenths of *units*: what Up and Down set."""
        current = self._speeds[direction]
        if current is None:
            return START_KMH[direction]
        return step_speed(current, steps, units, _LIMITS[direction])

    def slow_down(self, index: int) -> SlowDown | None:
        """When, in segment *index*, the walker must slow the belt for the next walking segment.

        None when the next walking segment is not slower (or a speed is unknown). In a walking
        segment the moment is SLOW_LEAD_S before the next one starts, unless the turn-around
        between them is that long or longer: then it is the turn-around's start (offset 0).
        """
        segments = self._segments
        target, turn_s = index + 1, 0.0
        while target < len(segments) and segments[target].kind is Kind.TURN:
            # A waiting turn-around lasts as long as the walker needs: its start tells in time.
            turn_s += math.inf if segments[target].waits else segments[target].seconds
            target += 1
        if target >= len(segments):
            return None
        segment = segments[index]
        walked = segment
        if segment.kind is Kind.TURN:
            walked = next(s for s in reversed(segments[:index]) if s.kind.direction is not None)
        elif segment.kind.direction is None or turn_s >= SLOW_LEAD_S:
            return None  # nobody walks yet, or the turn-around's start tells in time
        current, after = self.speed(walked.kind), self.speed(segments[target].kind)
        if current is None or after is None or after >= current:
            return None
        if segment.kind is Kind.TURN:
            return SlowDown(0.0, target, after)
        offset = max(0.0, float(segment.seconds + turn_s - SLOW_LEAD_S))
        return SlowDown(offset, target, after)


class SlowDownAlarm:
    """The slow-down still to tell in the current segment, and which were told already."""

    def __init__(self, belt: Belt) -> None:
        self._belt = belt
        self._slow: SlowDown | None = None
        self._left = 0  # seconds_left of the next SlowDownDue
        self._told_for = -1  # the last target segment whose slow-down was told

    def plan(self, index: int, elapsed: float) -> None:
        """Schedule segment *index*'s slow-down, if any, no earlier than *elapsed* into it.

        Called at each segment start and after a speed correction: a correction that makes the
        next segment slower, after its moment has passed, is told at once.
        """
        slow = self._belt.slow_down(index)
        if slow is None or slow.target <= self._told_for:
            self._slow = None
            return
        offset = max(slow.offset_s, elapsed)
        self._slow = SlowDown(offset, slow.target, slow.speed_kmh)
        self._left = 1 if offset - elapsed >= 1.0 else 0

    def due(self, segment_start: float) -> float:
        """When the next SlowDownDue is due, on the session's clock (infinity: none)."""
        if self._slow is None:
            return math.inf
        return segment_start + self._slow.offset_s - self._left

    def fire(self, at: float, index: int) -> SlowDownDue:
        """The SlowDownDue due at *at* in segment *index*; the alarm moves on to the next."""
        slow = self._slow
        assert slow is not None  # only called when one is due
        event = SlowDownDue(at, index, slow.target, slow.speed_kmh, self._left)
        if self._left:
            self._left -= 1
        else:
            self._slow, self._told_for = None, slow.target
        return event
