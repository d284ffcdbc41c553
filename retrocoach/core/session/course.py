"""Where a walk stands in its plan: the segment under way, its deadline, what it still reports.

The session decides when the clock runs; the course knows the segments, when each ends, the
countdown ticks and slow-downs due inside them, and what each walked segment is recorded as.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator

from retrocoach.core.plan.model import Kind, Plan, Segment
from retrocoach.core.segments import Direction
from retrocoach.core.session.belt import Belt, SlowDownAlarm
from retrocoach.core.session.events import (
    CountdownTick,
    Event,
    SegmentEnded,
    SegmentRecord,
    SegmentStarted,
)

__all__ = ["Course"]


class Course:
    """The segments of one session and the position in them."""

    def __init__(self, plan: Plan, countdown_s: int) -> None:
        self.segments: tuple[Segment, ...] = plan.segments()
        # Seconds planned after each segment: progress() is read at every shown second.
        ends = tuple(itertools.accumulate(segment.seconds for segment in self.segments))
        self.seconds_after = tuple(ends[-1] - end for end in ends)
        self.countdown_s = countdown_s
        self.belt = Belt(plan, self.segments)
        self.index = 0
        self.start = 0.0  # moves forward by each pause, so walking = now - start
        self.records: list[SegmentRecord] = []
        self._next_tick = 0  # seconds_left of the next countdown tick still to report
        self._slow = SlowDownAlarm(self.belt)

    @property
    def segment(self) -> Segment:
        """The current segment (the last one once the session is over)."""
        return self.segments[min(self.index, len(self.segments) - 1)]

    @property
    def deadline(self) -> float:
        """When the current segment ends, on the session's clock."""
        return self.start + self.segment.seconds

    @property
    def following(self) -> Segment | None:
        """The segment after the current one, or None for the last."""
        after = self.index + 1
        return self.segments[after] if after < len(self.segments) else None

    def next_walking_speed(self) -> float | None:
        """The belt speed set for the next walking segment after this one, past any turn."""
        later = (s for s in self.segments[self.index + 1 :] if s.kind.direction is not None)
        following = next(later, None)
        return None if following is None else self.belt.speed(following.kind)

    def left_after(self, at: float) -> float:
        """Seconds of the plan left after *at*: the rest of this segment and all after it."""
        return max(0.0, self.deadline - at) + self.seconds_after[self.index]

    def next_due(self) -> float:
        """The next countdown tick, slow-down or segment end."""
        due = min(self.deadline, self._slow.due(self.start))
        return min(due, self.deadline - self._next_tick) if self._next_tick else due

    def due_by(self, now: float) -> Iterator[Event]:
        """The countdown ticks and slow-downs of this segment due by *now*, in order."""
        deadline = math.inf if self.segment.waits else self.deadline
        while True:
            tick = deadline - self._next_tick if self._next_tick else deadline
            slow = self._slow.due(self.start)
            if min(tick, slow) > now or min(tick, slow) >= deadline:
                return
            if tick <= slow:
                yield CountdownTick(tick, self.index, self._next_tick)
                self._next_tick -= 1
            else:
                yield self._slow.fire(slow, self.index)

    def begin(self, index: int, at: float) -> SegmentStarted:
        """Start segment *index* at *at*."""
        self.index = index
        self.start = at
        segment = self.segments[index]
        self._next_tick = max(0, min(self.countdown_s, segment.seconds - 1))
        self._slow.plan(index, 0.0)
        return SegmentStarted(at, index, segment, self.following)

    def end(self, at: float, *, skipped: bool) -> SegmentEnded:
        """End the current segment at *at*; it is recorded unless it was the get-ready count."""
        segment = self.segment
        record = None
        if segment.kind is not Kind.GETREADY:
            on_time = not skipped and not segment.waits and at >= self.deadline
            actual = float(segment.seconds) if on_time else max(0.0, at - self.start)
            record = self.record(segment, actual)
            self.records.append(record)
        return SegmentEnded(at, self.index, record, skipped)

    def record(self, segment: Segment, actual: float) -> SegmentRecord:
        """*segment* as walked for *actual* seconds, at the belt speed now set for it."""
        speed = self.belt.speed(segment.kind)
        kind, planned, number = segment.kind, segment.seconds, segment.round
        return SegmentRecord(kind, planned, actual, number, speed, waited=segment.waits)

    def correct_speed(self, direction: Direction, kmh: float, elapsed: float) -> float:
        """Set *direction*'s speed, *elapsed* into the segment; returns what was set."""
        speed = self.belt.correct(direction, kmh)
        self._slow.plan(self.index, elapsed)
        return speed
