"""The terminal coach: the same session, cues and history as the window, in a terminal."""

from __future__ import annotations

import collections
import contextlib
import os
import select
from collections.abc import Callable, Sequence
from typing import TextIO

from retrocoach.cli.signals import StopSignals
from retrocoach.cli.terminal_keys import cbreak, key_command, speed_steps, stdin_keys
from retrocoach.cli.terminal_lines import event_line, fitted, live_line, segment_line
from retrocoach.core.clock import Clock
from retrocoach.core.durations import format_walked
from retrocoach.core.history.outcome import outcome_of
from retrocoach.core.history.records import Outcome
from retrocoach.core.plan.model import Direction
from retrocoach.core.safety.picker import ReminderPicker
from retrocoach.core.safety.reminders import Reminder
from retrocoach.core.session.listener import SessionListener
from retrocoach.core.session.machine import (
    Event,
    Paused,
    PauseReason,
    Progress,
    SegmentStarted,
    Session,
    State,
)
from retrocoach.core.session.media import RemoteAction, RemoteRule
from retrocoach.core.speeds import Units

# stdin_keys is named here too: the composition root takes it with the coach.
__all__ = ["TerminalCoach", "Waiter", "stdin_keys", "wait_with_select"]

# The loop wakes at least this often to redraw, read keys and write the journal.
MAX_SLEEP_S = 0.25

Waiter = Callable[[Sequence[int], float], None]
"""Waits until one of the file descriptors is readable or the seconds have passed."""


def wait_with_select(fds: Sequence[int], timeout_s: float) -> None:
    """The plain wait: select(2) on the descriptors."""
    with contextlib.suppress(InterruptedError):
        select.select(list(fds), [], [], timeout_s)


class TerminalCoach:
    """Walks one session in a terminal, redrawing a status line and reading Space to pause."""

    def __init__(
        self,
        session: Session,
        clock: Clock,
        out: TextIO,
        *,
        listeners: Sequence[SessionListener] = (),
        keys: TextIO | None = None,
        pump: Callable[[], None] | None = None,
        reminders: ReminderPicker | None = None,
        clock_rate: float = 1.0,
        wait: Waiter = wait_with_select,
        units: Units = Units.KMH,
        wake_fd: int | None = None,
        on_wake: Callable[[], object] | None = None,
    ) -> None:
        """*clock_rate* is clock seconds per real second: above 1 for compressed benchmarks.

        *wait* is how the loop sleeps: select by default; the composition root passes one that
        runs Qt's event loop when D-Bus calls (media keys) must be served while it sleeps.
        *wake_fd* wakes the loop when readable, and *on_wake* is then called: how a device
        (the treadmill) reports without a thread of its own touching the session.
        """
        self.session = session
        self.clock = clock
        self.out = out
        self.listeners = list(listeners)
        self.keys = keys
        self.pump = pump
        self.clock_rate = clock_rate
        self.reminders = reminders
        self.units = units
        self._reminder: Reminder | None = None
        self.is_tty = out.isatty()
        # A dumb terminal (Emacs' shell, some serial consoles) prints escapes as text: the live
        # line is then erased by writing spaces over it.
        self._dumb = os.environ.get("TERM") == "dumb"
        self._shown = ""
        self._signals = StopSignals()
        self._wait_for = wait
        self._remote: collections.deque[RemoteAction] = collections.deque()
        self._remote_rule = RemoteRule(clock.now)
        self._wake_fd = wake_fd
        self._on_wake = on_wake
        self.belt_note = ""  # shown after the live line: the treadmill's real speed, say

    @property
    def stopped_by_signal(self) -> int:
        """The signal (SIGINT, SIGTERM, SIGHUP) that stopped the session, or 0."""
        return self._signals.number

    def run(self) -> int:
        """Walk the session to its end or until stopped; 0 when the plan was completed."""
        if self.session.plan.turn_wait and self.keys is None:
            # Nobody can press Space here: say what ends a turn-around before the first one.
            self._line("No keys can be read here: each turn-around waits for a media button.")
        with self._signals.installed(), cbreak(self.keys):
            self._handle(self.session.start(self.clock.now()))
            while not self.session.is_over:
                self._wait()
                now = self.clock.now()
                self._handle(self.session.advance(now))
                if self._signals.stop_requested and not self.session.is_over:
                    self._handle(self.session.stop(now))
                self._read_keys()
                self._read_remote()
                if self._on_wake is not None and not self.session.is_over:
                    self._on_wake()
        if self.is_tty:
            self._write("\n")
        self._summary()
        return 0 if self._outcome() is Outcome.COMPLETED else 1

    # -- the loop ----------------------------------------------------------------------------

    def _wait(self) -> None:
        """Sleep until the next event, the next change of the shown second, or a key/signal."""
        now = self.clock.now()
        wake = now + MAX_SLEEP_S
        due = self.session.next_wake(now)
        if due is not None:
            wake = min(wake, due)
        if self.pump is not None:
            self.pump()
        if self._remote:
            return  # a media button came while the last batch was handled
        timeout = max(0.0, wake - self.clock.now()) / self.clock_rate
        watched = [self._signals.read_fd]
        if self.keys is not None:
            watched.append(self.keys.fileno())
        if self._wake_fd is not None:
            watched.append(self._wake_fd)
        self._wait_for(watched, timeout)

    def say(self, text: str) -> None:
        """Print one line for the walker (a closed pipe does not stop the walk)."""
        self._line(text)

    def act(self, command: Callable[[Session, float], Sequence[Event]]) -> None:
        """Run *command* on the session now, its events handed to every listener."""
        if not self.session.is_over:
            self._handle(command(self.session, self.clock.now()))

    def press(self, action: RemoteAction) -> None:
        """A media button (MPRIS) was pressed: it is carried out after the current wait."""
        self._remote.append(action)

    def _read_remote(self) -> None:
        while self._remote and not self.session.is_over:
            action = self._remote.popleft()
            command = self._remote_rule.command_for(action, self.session)
            if command is not None:
                self._handle(self.session.command(command, self.clock.now()))
            elif action is RemoteAction.STOP and self._remote_rule.stop_waiting:
                self._line("Press Stop again within a few seconds to end the walk.")

    def _read_keys(self) -> None:
        if self.keys is None or self.session.is_over:
            return
        ready, _, _ = select.select([self.keys], [], [], 0)
        if not ready:
            return
        key = os.read(self.keys.fileno(), 16).decode(errors="replace").lower()
        now = self.clock.now()
        command = key_command(key, self.session.state)
        if command is not None:
            self._handle(self.session.command(command, now))
        elif steps := speed_steps(key):
            self._correct_speed(steps, now)

    def _correct_speed(self, steps: int, now: float) -> None:
        """+ and -: the belt speed of the segment under way, a tenth of the unit a press."""
        direction = self.session.segment.kind.direction
        if direction is not None and steps:
            kmh = self.session.belt.stepped(direction, steps, self.units)
            self._handle(self.session.correct_speed(kmh, now))

    # -- events and drawing ------------------------------------------------------------------

    def _handle(self, events: Sequence[Event]) -> None:
        now = self.clock.now()
        for listener in self.listeners:
            listener.on_events(self.session, events, now)
        for event in events:
            self._announce(event)
        gap = next(
            (e for e in events if isinstance(e, Paused) and e.reason is PauseReason.GAP), None
        )
        if gap is not None and self.keys is None:
            # Nobody can press Space: say what happened, then carry on where the walker was.
            self._line(f"Resuming by itself after the {gap.gap_s:.0f} s gap.")
            self._handle(self.session.resume(now))
            return
        if not self.session.is_over:
            progress = self.session.progress(now)  # once per wake, for both
            self._remind(progress)
            self._draw(progress)

    def _remind(self, progress: Progress) -> None:
        """Show the safety reminder when the one that fits the moment changes."""
        if self.reminders is None:
            return
        reminder = self.reminders.pick(progress)
        if reminder is not None and reminder != self._reminder:
            self._reminder = reminder
            self._line(f"  Safety: {reminder.line}")

    def _announce(self, event: Event) -> None:
        if isinstance(event, SegmentStarted):
            self._line(segment_line(self.session, event, self.units))
            return
        text = event_line(event, keys=self.keys is not None, units=self.units)
        if text:
            self._line(text)

    def _draw(self, progress: Progress) -> None:
        """Redraw the live line in place on a terminal; a pipe gets only the segment lines."""
        if not self.is_tty or progress.segment is None:
            return
        text = live_line(progress, self.units)
        if self.belt_note:
            text = f"{text}  {self.belt_note}"
        text = fitted(text, self._columns())
        if text != self._shown:
            self._write(self._erase() + text)
            self._shown = text

    def _columns(self) -> int:
        """The terminal's width now (it may be resized mid-walk); 0 when it cannot be told."""
        try:
            return os.get_terminal_size(self.out.fileno()).columns
        except (OSError, ValueError):
            return 0

    def _erase(self) -> str:
        """What takes the cursor back to the start of the live line, the line cleared."""
        if not self._dumb:
            return "\r\x1b[2K"
        return "\r" + " " * len(self._shown) + "\r" if self._shown else "\r"

    def _line(self, text: str) -> None:
        if self.is_tty:
            self._write(self._erase())
            self._shown = ""
        self._write(text + "\n")

    def _write(self, text: str) -> None:
        """Write and flush; if the reader has gone (a closed pipe), walk on without output."""
        try:
            self.out.write(text)
            self.out.flush()
        except BrokenPipeError:
            # The session, its cues and its record matter more than the lines nobody reads.
            self.out = open(os.devnull, "w")  # noqa: SIM115  (kept for the rest of the walk)
            self.is_tty = False

    def _outcome(self) -> Outcome:
        return outcome_of(self.session.state is State.FINISHED, self.session.records)

    def _summary(self) -> None:
        # Each segment to the millisecond, as the saved record keeps it: the raw sum could
        # round to a second the record, the summary below and `history` do not show.
        records = self.session.records
        forward = sum(
            round(r.actual_s, 3) for r in records if r.kind.direction is Direction.FORWARD
        )
        backward = sum(
            round(r.actual_s, 3) for r in records if r.kind.direction is Direction.BACKWARD
        )
        walked, shown_forward, shown_backward = format_walked(forward, backward)
        outcome = self._outcome()
        praise = " Well done." if outcome is Outcome.COMPLETED else ""
        self._write(
            f"Session {outcome.value}: {walked} walking "
            f"({shown_forward} forward, {shown_backward} backward).{praise}\n"
        )
