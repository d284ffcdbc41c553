"""The session state machine: commands in, events out, driven by the time it is handed.

Nothing here reads a clock or sleeps. Every deadline is a reading of the caller's steady clock,
and remaining time is always ``deadline - now``, so however irregular the ticks are, nothing
drifts. A call that comes late catches up: each boundary it missed is reported once, in order,
with the time it was due. A gap longer than ``max_late_s`` (a suspended laptop, a stopped
process) is not walked through: the session pauses at the moment the gap began.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final, Protocol

from retrocoach.core.plan import Kind, Plan, Segment

__all__ = [
    "Command",
    "CountdownTick",
    "Event",
    "InvalidTransition",
    "PauseReason",
    "Paused",
    "Progress",
    "Resumed",
    "SegmentEnded",
    "SegmentRecord",
    "SegmentStarted",
    "Session",
    "SessionFinished",
    "SessionListener",
    "SessionStarted",
    "SessionStopped",
    "State",
]


class State(StrEnum):
    """Where the session is."""

    IDLE = "idle"
    GET_READY = "get-ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


class Command(StrEnum):
    """What the walker can ask of the session."""

    START = "start"
    PAUSE = "pause"
    RESUME = "resume"
    SKIP = "skip"
    STOP = "stop"


# (state, command) -> state. RUNNING here means "the clock is running"; the public state reads
# GET_READY while the running segment is the get-ready countdown.
TRANSITIONS: Final[Mapping[tuple[State, Command], State]] = {
    (State.IDLE, Command.START): State.RUNNING,
    (State.RUNNING, Command.PAUSE): State.PAUSED,
    (State.RUNNING, Command.SKIP): State.RUNNING,
    (State.RUNNING, Command.STOP): State.STOPPED,
    (State.PAUSED, Command.RESUME): State.RUNNING,
    (State.PAUSED, Command.SKIP): State.PAUSED,
    (State.PAUSED, Command.STOP): State.STOPPED,
}


_SHOWN_ROUNDING_S: Final = 0.0005
"""format_duration rounds to the millisecond before it rounds up to the second."""


class InvalidTransition(Exception):
    """A command that the session's current state does not allow."""

    def __init__(self, state: State, command: Command) -> None:
        super().__init__(f"cannot {command} a session that is {state}")
        self.state = state
        self.command = command


class PauseReason(StrEnum):
    """Why the session paused."""

    USER = "user"
    GAP = "gap"
    """The clock jumped ahead of the last tick by more than max_late_s: suspend or a stall."""


@dataclass(frozen=True, slots=True)
class SegmentRecord:
    """One walked segment as the history keeps it."""

    kind: Kind
    planned_s: int
    actual_s: float
    round: int = 0


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
    | Paused
    | Resumed
    | SessionFinished
    | SessionStopped
)


class SessionListener(Protocol):
    """Anything that reacts to a batch of session events: the recorder, the cue player.

    Both drivers (the window's and the terminal's) hand every batch to their listeners,
    empty ones included, so a listener can also act on the passing of time.
    """

    def on_events(self, session: Session, events: Sequence[Event], now: float) -> None:
        """Handle the events that ``advance`` or a command just returned at *now*."""


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


class Session:
    """One walk through a plan. Feed it commands and ``advance(now)``; it returns events."""

    def __init__(self, plan: Plan, countdown_s: int = 3, max_late_s: float = 5.0) -> None:
        self.plan = plan
        self.segments: tuple[Segment, ...] = plan.segments()
        # Seconds planned after each segment: progress() is read at every shown second.
        ends = tuple(itertools.accumulate(segment.seconds for segment in self.segments))
        self._seconds_after = tuple(ends[-1] - end for end in ends)
        self.countdown_s = countdown_s
        self.max_late_s = max_late_s
        self._state = State.IDLE
        self._index = 0
        self._segment_start = 0.0  # moves forward by each pause, so walking = now - start
        self._paused_at = 0.0
        self._last_now = 0.0
        self._next_tick = 0  # seconds_left of the next countdown tick still to report
        self._records: list[SegmentRecord] = []
        self._pending: list[Event] = []
        self._left_at_stop = 0.0
        self.started_at: float | None = None
        self.ended_at: float | None = None
        self.paused_s = 0.0

    # -- what the shell reads -------------------------------------------------------------

    @property
    def state(self) -> State:
        """The state; GET_READY while the get-ready countdown runs."""
        if self._state is State.RUNNING and self.segment.kind is Kind.GETREADY:
            return State.GET_READY
        return self._state

    @property
    def segment(self) -> Segment:
        """The current segment (the last one once the session is over)."""
        return self.segments[min(self._index, len(self.segments) - 1)]

    @property
    def index(self) -> int:
        """The current segment's position in ``segments``."""
        return self._index

    @property
    def records(self) -> tuple[SegmentRecord, ...]:
        """The walked segments so far, in order (the get-ready countdown is not walking)."""
        return tuple(self._records)

    def walked(self, now: float) -> tuple[SegmentRecord, ...]:
        """The records so far plus the segment under way, cut at *now*: what a journal keeps."""
        if self._state is State.IDLE or self.is_over or self.segment.kind is Kind.GETREADY:
            return self.records
        segment = self.segment
        actual = max(0.0, self._effective(now) - self._segment_start)
        return (*self._records, SegmentRecord(segment.kind, segment.seconds, actual, segment.round))

    @property
    def is_over(self) -> bool:
        """True once the session has finished or been stopped."""
        return self._state in (State.FINISHED, State.STOPPED)

    def can(self, command: Command) -> bool:
        """Whether *command* is allowed now."""
        return (self._state, command) in TRANSITIONS

    def remaining(self, now: float) -> float:
        """Seconds left in the current segment."""
        if self._state is State.IDLE:
            return float(self.segment.seconds)
        if self.is_over:
            return 0.0
        return max(0.0, self._deadline - self._effective(now))

    def progress(self, now: float) -> Progress:
        """A snapshot for the views."""
        remaining = self.remaining(now)
        later = self._seconds_after[self._index]
        total_remaining = 0.0 if self.is_over else remaining + later
        if self._state is State.STOPPED:
            total_remaining = self._left_at_stop
        total = self.plan.total_s
        return Progress(
            state=self.state,
            segment=None if self.is_over else self.segment,
            next_segment=None if self.is_over else self._next_segment(),
            index=self._index,
            remaining_s=remaining,
            total_remaining_s=total_remaining,
            fraction_done=1.0 if total == 0 else min(1.0, 1.0 - total_remaining / total),
            rounds=self.plan.rounds,
        )

    def next_due(self, now: float) -> float | None:
        """When ``advance`` will next have something to report, or None while the clock is off.

        This is the next countdown tick or segment end; a driver may sleep until then.
        """
        if self._state is not State.RUNNING:
            return None
        due = self._deadline
        if self._next_tick:
            due = min(due, self._deadline - self._next_tick)
        return max(due, now)

    def next_wake(self, now: float) -> float | None:
        """When a driver should next look: ``next_due``, or sooner when the shown m:ss changes.

        None while the clock is off (nothing changes until a command).
        """
        due = self.next_due(now)
        if due is None:
            return None
        # The shown figure changes when the time left crosses a whole second. A fraction
        # within format_duration's millisecond rounding has already shown: wait a whole second.
        fraction = self.remaining(now) % 1.0
        return min(due, now + (fraction if fraction > _SHOWN_ROUNDING_S else 1.0))

    # -- commands ----------------------------------------------------------------------------

    def command(self, command: Command, now: float) -> list[Event]:
        """Catch up to *now*, then carry out *command* if the state then allows it.

        A driver's late tick must not make a key act on the segment that has already ended,
        and a key the state no longer allows (Space after the end) is no error.
        """
        events = self.advance(now)
        if self.can(command):
            events += getattr(self, command.value)(now)
        return events

    def start(self, now: float) -> list[Event]:
        """Start the session at *now*."""
        self._transition(Command.START, now)
        self.started_at = now
        self._last_now = now
        self._pending.append(SessionStarted(now))
        self._begin_segment(0, now)
        return self._drain()

    def pause(self, now: float) -> list[Event]:
        """Pause; remaining time freezes."""
        self._catch_up(now)
        self._transition(Command.PAUSE, now)
        self._paused_at = now
        self._pending.append(Paused(now, PauseReason.USER))
        return self._drain()

    def resume(self, now: float) -> list[Event]:
        """Resume; the paused time is left out of the walking time."""
        self._catch_up(now)
        self._transition(Command.RESUME, now)
        paused = now - self._paused_at
        self.paused_s += paused
        self._segment_start += paused
        self._last_now = now
        self._pending.append(Resumed(now, paused))
        return self._drain()

    def skip(self, now: float) -> list[Event]:
        """End the current segment now and go on to the next (stays paused when paused)."""
        self._catch_up(now)
        at = self._effective(now)
        self._transition(Command.SKIP, now)
        self._end_segment(at, skipped=True)
        if self._index + 1 < len(self.segments):
            self._begin_segment(self._index + 1, at)
        else:
            self._finish(at)
        return self._drain()

    def stop(self, now: float) -> list[Event]:
        """Stop before the end; what was walked so far is kept."""
        self._catch_up(now)
        at = self._effective(now)
        # What was left of the plan when the walker stopped: a stopped session must never
        # look finished (no full bar, no "0:00 left").
        self._left_at_stop = max(0.0, self._deadline - at) + self._seconds_after[self._index]
        self._transition(Command.STOP, now)
        self._end_segment(at, skipped=False)
        self.ended_at = now
        self._pending.append(SessionStopped(now))
        return self._drain()

    def advance(self, now: float) -> list[Event]:
        """Report everything that happened up to *now*."""
        self._catch_up(now)
        return self._drain()

    # -- inside --------------------------------------------------------------------------------

    @property
    def _deadline(self) -> float:
        return self._segment_start + self.segment.seconds

    def _effective(self, now: float) -> float:
        """The moment the session's own clock stands at: frozen while paused."""
        return self._paused_at if self._state is State.PAUSED else max(now, self._last_now)

    def _next_segment(self) -> Segment | None:
        following = self._index + 1
        return self.segments[following] if following < len(self.segments) else None

    def _transition(self, command: Command, now: float) -> None:
        target = TRANSITIONS.get((self._state, command))
        if target is None:
            raise InvalidTransition(self.state, command)
        self._state = target
        if target is State.STOPPED:
            self._last_now = max(now, self._last_now)

    def _catch_up(self, now: float) -> None:
        if self._state is not State.RUNNING:
            return
        if now - self._last_now > self.max_late_s:
            began = self._last_now
            self._state = State.PAUSED
            self._paused_at = began
            self._pending.append(Paused(began, PauseReason.GAP, gap_s=now - began))
            return
        now = max(now, self._last_now)
        while self._state is State.RUNNING:
            deadline = self._deadline
            while self._next_tick and deadline - self._next_tick <= now:
                at = deadline - self._next_tick
                self._pending.append(CountdownTick(at, self._index, self._next_tick))
                self._next_tick -= 1
            if deadline > now:
                break
            self._end_segment(deadline, skipped=False)
            if self._index + 1 < len(self.segments):
                self._begin_segment(self._index + 1, deadline)
            else:
                self._finish(deadline)
        self._last_now = now

    def _begin_segment(self, index: int, at: float) -> None:
        self._index = index
        self._segment_start = at
        segment = self.segments[index]
        self._next_tick = min(self.countdown_s, segment.seconds - 1)
        self._pending.append(SegmentStarted(at, index, segment, self._next_segment()))

    def _end_segment(self, at: float, *, skipped: bool) -> None:
        segment = self.segment
        record = None
        if segment.kind is not Kind.GETREADY:
            on_time = not skipped and at >= self._deadline
            actual = float(segment.seconds) if on_time else max(0.0, at - self._segment_start)
            record = SegmentRecord(segment.kind, segment.seconds, actual, segment.round)
            self._records.append(record)
        self._pending.append(SegmentEnded(at, self._index, record, skipped))

    def _finish(self, at: float) -> None:
        self._state = State.FINISHED
        self.ended_at = at
        self._pending.append(SessionFinished(at))

    def _drain(self) -> list[Event]:
        events, self._pending = self._pending, []
        return events
