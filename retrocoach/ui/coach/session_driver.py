"""Drives one session from a single Qt timer and tells the window what changed."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Final

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from retrocoach.core.clock import Clock
from retrocoach.core.durations import format_duration
from retrocoach.core.session.listener import SessionListener
from retrocoach.core.session.machine import (
    Command,
    Event,
    Paused,
    Progress,
    Resumed,
    SegmentStarted,
    Session,
    SessionFinished,
    SessionStopped,
    SpeedChanged,
    State,
)
from retrocoach.core.speeds import Units

# SessionListener is the core's; named here too for the modules that build the driver.
__all__ = ["MAX_WAIT_S", "SessionDriver", "SessionListener", "SessionRunningError"]

MAX_WAIT_S: Final = 1.0
"""The longest sleep while running: a suspend shows up as a gap within a second of waking."""


class SessionRunningError(RuntimeError):
    """A new session was loaded while the current one was still under way."""


class SessionDriver(QObject):
    """Owns the one QTimer; reads the clock, advances the session and emits what changed.

    The timer is single-shot and aimed at the next moment anything can change: the next
    boundary or countdown tick (``Session.next_due``) or the next change of the shown second.
    So the display changes on the second, boundaries are on time, and an idle or paused
    session costs nothing. Tests call :meth:`tick` after moving a fake clock.
    """

    state_changed = Signal(object)  # State
    segment_started = Signal(object)  # SegmentStarted
    display_changed = Signal(object)  # Progress: the shown second, segment or state moved
    paused = Signal(object)  # Paused (by the walker or by a gap)
    resumed = Signal(object)  # Resumed
    finished = Signal(object)  # SessionFinished
    stopped = Signal(object)  # SessionStopped
    speed_changed = Signal(object)  # SpeedChanged: Up or Down corrected the belt speed

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._session: Session | None = None
        self._listeners: tuple[SessionListener, ...] = ()
        self._shown: tuple[object, ...] | None = None
        self._state: State | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer_timeout)

    # -- what the window reads ---------------------------------------------------------------

    @property
    def session(self) -> Session | None:
        """The session loaded, under way or just ended; None before the first load."""
        return self._session

    @property
    def clock(self) -> Clock:
        """The clock every reading comes from."""
        return self._clock

    @property
    def is_active(self) -> bool:
        """True from Start until the session finishes or stops (paused included)."""
        session = self._session
        return session is not None and session.state not in (
            State.IDLE,
            State.FINISHED,
            State.STOPPED,
        )

    @property
    def wake_in_ms(self) -> int | None:
        """When the timer fires next, in milliseconds, or None while it sleeps for good."""
        return self._timer.interval() if self._timer.isActive() else None

    def progress(self) -> Progress | None:
        """The session's progress at the clock's current reading."""
        return None if self._session is None else self._session.progress(self._clock.now())

    # -- commands ----------------------------------------------------------------------------

    def load(self, session: Session, listeners: Sequence[SessionListener] = ()) -> None:
        """Make *session* (not yet started) the one the commands act on."""
        if self.is_active:
            raise SessionRunningError("stop the running session before loading another")
        self._timer.stop()
        self._session = session
        self._listeners = tuple(listeners)
        self._shown = None
        self._state = session.state
        self.state_changed.emit(session.state)
        self._refresh(self._clock.now())

    def toggle(self) -> None:
        """Space: start when idle, pause while running, resume when paused, go on at a turn
        that waits for the walker."""
        session = self._session
        if session is None:
            return
        state = session.state
        if state is State.IDLE:
            self._command(Command.START)
        elif state is State.PAUSED:
            self._command(Command.RESUME)
        elif state is State.WAITING:
            self._command(Command.GO)
        elif state in (State.RUNNING, State.GET_READY):
            self._command(Command.PAUSE)

    def skip(self) -> None:
        """N: end the current segment now and go on to the next."""
        self._command(Command.SKIP)

    def stop(self) -> None:
        """Esc: stop before the end; what was walked is kept as ``stopped``."""
        self._command(Command.STOP)

    def correct_speed(self, steps: int, units: Units) -> None:
        """Up/Down: move the speed of the segment under way by *steps* tenths of *units*."""
        session = self._session
        direction = None if session is None else session.segment.kind.direction
        if session is None or direction is None or not self.is_active:
            return
        now = self._clock.now()
        kmh = session.belt.stepped(direction, steps, units)
        self._handle(session.correct_speed(kmh, now), now)

    def act(self, command: Callable[[Session, float], Sequence[Event]]) -> None:
        """Run *command* on the session now: what a device asks (pause it, a console's speed)."""
        session = self._session
        if session is None or not self.is_active:
            return
        now = self._clock.now()
        self._handle(command(session, now), now)

    def tick(self) -> None:
        """Read the clock and report whatever happened since the last reading."""
        session = self._session
        if session is None:
            return
        now = self._clock.now()
        self._handle(session.advance(now), now)

    # -- inside ------------------------------------------------------------------------------

    def _on_timer_timeout(self) -> None:
        self.tick()

    def _command(self, command: Command) -> None:
        session = self._session
        if session is None:
            return
        now = self._clock.now()
        self._handle(session.command(command, now), now)

    def _handle(self, events: Sequence[Event], now: float) -> None:
        session = self._session
        assert session is not None
        # Listeners first: the session is in the history before anyone hears it ended. They
        # hear empty batches too: the recorder journals every 10 s within a long segment.
        for listener in self._listeners:
            listener.on_events(session, events, now)
        for event in events:
            self._emit(event)
        if session.state is not self._state:
            self._state = session.state
            self.state_changed.emit(session.state)
        self._refresh(now)
        self._schedule(now)

    def _emit(self, event: Event) -> None:
        if isinstance(event, SegmentStarted):
            self.segment_started.emit(event)
        elif isinstance(event, Paused):
            self.paused.emit(event)
        elif isinstance(event, Resumed):
            self.resumed.emit(event)
        elif isinstance(event, SessionFinished):
            self.finished.emit(event)
        elif isinstance(event, SessionStopped):
            self.stopped.emit(event)
        elif isinstance(event, SpeedChanged):
            self.speed_changed.emit(event)

    def _refresh(self, now: float) -> None:
        """Emit display_changed only when what a view shows would change."""
        session = self._session
        assert session is not None
        progress = session.progress(now)
        shown = (
            progress.state,
            progress.index,
            format_duration(progress.remaining_s),
            progress.speed_kmh,
            progress.next_speed_kmh,
        )
        if shown != self._shown:
            self._shown = shown
            self.display_changed.emit(progress)

    def _schedule(self, now: float) -> None:
        session = self._session
        assert session is not None
        wake = session.next_wake(now)
        if wake is None:
            self._timer.stop()
            return
        wait = min(wake - now, MAX_WAIT_S)
        # Rounding up: a timer that fires a hair early would find nothing to report.
        self._timer.start(max(1, math.ceil(wait * 1000)))
