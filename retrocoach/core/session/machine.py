"""The session state machine: commands in, events out, driven by the time it is handed.

Nothing here reads a clock or sleeps. Every deadline is a reading of the caller's steady clock,
and remaining time is always ``deadline - now``, so however irregular the ticks are, nothing
drifts. A call that comes late catches up: each boundary it missed is reported once, in order,
with the time it was due. A gap longer than ``max_late_s`` (a suspended laptop, a stopped
process) is not walked through: the session pauses at the moment the gap began.
"""

from __future__ import annotations

from typing import Final

from retrocoach.core.plan.model import Kind, Plan, Segment
from retrocoach.core.session.course import Course
from retrocoach.core.session.events import (
    CountdownTick,
    Event,
    Paused,
    PauseReason,
    Progress,
    Resumed,
    SegmentEnded,
    SegmentRecord,
    SegmentStarted,
    SessionFinished,
    SessionStarted,
    SessionStopped,
    SpeedChanged,
)
from retrocoach.core.session.transitions import TRANSITIONS, Command, InvalidTransition, State

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
    "SessionStarted",
    "SessionStopped",
    "SpeedChanged",
    "State",
]

_SHOWN_ROUNDING_S: Final = 0.0005  # format_duration rounds to the millisecond, then up


class Session:
    """One walk through a plan. Feed it commands and ``advance(now)``; it returns events."""

    def __init__(self, plan: Plan, countdown_s: int = 3, max_late_s: float = 5.0) -> None:
        self.plan = plan
        self._course = Course(plan, countdown_s)
        self.segments = self._course.segments
        self.belt = self._course.belt
        self.countdown_s, self.max_late_s = countdown_s, max_late_s
        self._state = State.IDLE
        self._paused_at = self._last_now = 0.0
        self._pending: list[Event] = []
        self._left_at_stop = self.paused_s = 0.0
        self.started_at: float | None = None
        self.ended_at: float | None = None

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
        return self._course.segment

    @property
    def index(self) -> int:
        """The current segment's position in ``segments``."""
        return self._course.index

    @property
    def records(self) -> tuple[SegmentRecord, ...]:
        """The walked segments so far, in order (the get-ready countdown is not walking)."""
        return tuple(self._course.records)

    def walked(self, now: float, since: int = 0) -> tuple[SegmentRecord, ...]:
        """The records after the first *since*, plus the segment under way cut at *now*."""
        done = self._course.records[since:]  # a journal copies only what it has not written
        if self._state is State.IDLE or self.is_over or self.segment.kind is Kind.GETREADY:
            return tuple(done)
        actual = max(0.0, self._effective(now) - self._course.start)
        return (*done, self._course.record(self.segment, actual))

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
        if self.is_over or self._state is State.WAITING:
            return 0.0
        return max(0.0, self._course.deadline - self._effective(now))

    def progress(self, now: float) -> Progress:
        """A snapshot for the views."""
        remaining = self.remaining(now)
        later = remaining + self._course.seconds_after[self.index]
        total_remaining = {State.STOPPED: self._left_at_stop, State.FINISHED: 0.0}.get(
            self._state, later
        )
        total = self.plan.total_s
        return Progress(
            state=self.state,
            segment=None if self.is_over else self.segment,
            next_segment=None if self.is_over else self._course.following,
            index=self.index,
            remaining_s=remaining,
            total_remaining_s=total_remaining,
            fraction_done=1.0 if total == 0 else min(1.0, 1.0 - total_remaining / total),
            rounds=self.plan.rounds,
            speed_kmh=self.belt.speed(self.segment.kind),
            next_speed_kmh=self._course.next_walking_speed(),
        )

    def next_due(self, now: float) -> float | None:
        """The next countdown tick, slow-down or segment end (None while the clock is off)."""
        if self._state is not State.RUNNING:
            return None
        return max(self._course.next_due(), now)

    def next_wake(self, now: float) -> float | None:
        """When a driver should next look: ``next_due``, or sooner when the shown m:ss changes."""
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
        self._begin(0, now)
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
        self._course.start += paused
        self._last_now = now
        self._pending.append(Resumed(now, paused))
        if self.segment.waits:  # skipped into a waiting turn-around while paused
            self._state = State.WAITING
        return self._drain()

    def skip(self, now: float) -> list[Event]:
        """End the current segment now and go on to the next (stays paused when paused)."""
        self._catch_up(now)
        at = self._effective(now)
        self._transition(Command.SKIP, now)
        self._next_or_finish(at, skipped=True)
        return self._drain()

    def go(self, now: float) -> list[Event]:
        """The walker has turned round: end the waiting turn-around at *now*, walk on."""
        self._transition(Command.GO, now)
        self._next_or_finish(now, skipped=False)
        return self._drain()

    def stop(self, now: float) -> list[Event]:
        """Stop before the end; what was walked so far is kept."""
        self._catch_up(now)
        at = self._effective(now)
        # What was left of the plan when the walker stopped: a stopped session must never
        # look finished (no full bar, no "0:00 left").
        self._left_at_stop = self._course.left_after(at)
        self._transition(Command.STOP, now)
        self._pending.append(self._course.end(at, skipped=False))
        self.ended_at = now
        self._pending.append(SessionStopped(now))
        return self._drain()

    def correct_speed(self, kmh: float, now: float) -> list[Event]:
        """The walker set the belt to *kmh* now, for this and later segments of its direction."""
        self._catch_up(now)
        direction = self.segment.kind.direction
        if self._state not in (State.RUNNING, State.PAUSED) or direction is None:
            return self._drain()
        at = self._effective(now)
        speed = self._course.correct_speed(direction, kmh, at - self._course.start)
        self._pending.append(SpeedChanged(at, self.index, direction, speed))
        self._catch_up(now)  # a slow-down this makes due at once is told at once
        return self._drain()

    def advance(self, now: float) -> list[Event]:
        """Report everything that happened up to *now*."""
        self._catch_up(now)
        return self._drain()

    # -- inside --------------------------------------------------------------------------------

    def _effective(self, now: float) -> float:
        """The moment the session's own clock stands at: frozen while paused."""
        return self._paused_at if self._state is State.PAUSED else max(now, self._last_now)

    def _transition(self, command: Command, now: float) -> None:
        target = TRANSITIONS.get((self._state, command))
        if target is None:
            raise InvalidTransition(self.state, command)
        source, self._state = self._state, target
        if target is State.STOPPED or source is State.WAITING:
            self._last_now = max(now, self._last_now)  # a wait is no gap in the ticks

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
            deadline = self._course.deadline
            self._pending.extend(self._course.due_by(now))
            if deadline > now:
                break
            self._next_or_finish(deadline, skipped=False)
        self._last_now = now

    def _next_or_finish(self, at: float, *, skipped: bool) -> None:
        self._pending.append(self._course.end(at, skipped=skipped))
        if self.index + 1 < len(self.segments):
            self._begin(self.index + 1, at)
        else:
            self._finish(at)

    def _begin(self, index: int, at: float) -> None:
        self._pending.append(self._course.begin(index, at))
        if self.segment.waits and self._state is State.RUNNING:
            self._state = State.WAITING  # the clock waits; what the turn's start tells is told
            self._pending.extend(self._course.due_by(at))

    def _finish(self, at: float) -> None:
        self._state = State.FINISHED
        self.ended_at = at
        self._pending.append(SessionFinished(at))

    def _drain(self) -> list[Event]:
        events, self._pending = self._pending, []
        return events
