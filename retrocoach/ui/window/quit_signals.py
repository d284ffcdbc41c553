"""Log-out, shutdown and Ctrl+C delivered to the Qt event loop, so the window quits cleanly."""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterator, Sequence
from types import FrameType
from typing import Final

from PySide6.QtCore import QObject, QSocketNotifier, Signal

__all__ = ["QUIT_SIGNALS", "QuitSignals", "quit_signals"]

QUIT_SIGNALS: Final = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
"""SIGTERM: log-out and shutdown; SIGHUP: the terminal that started the window went away;
SIGINT: Ctrl+C in that terminal."""


def _ignore(_number: int, _frame: FrameType | None) -> None:
    """The Python-level handler: the work happens when the event loop reads the pipe."""


class QuitSignals(QObject):
    """Emits ``received`` from the event loop when one of *numbers* arrives.

    Qt's event loop runs in C++, where Python signal handlers do not run until some Python code
    does, and the default SIGTERM ends the process at once, losing a running session. Python's
    C-level handler writes the signal number to a pipe (``signal.set_wakeup_fd``) the moment it
    arrives; a QSocketNotifier wakes the loop on it, and the window quits as Ctrl+Q would. (A
    pipe, not a socket pair: SIGHUP makes this POSIX-only anyway, and importing the socket
    module showed in the start-up figures of benchmarks/README.md.)
    """

    received = Signal(int)  # the signal's number

    def __init__(self, numbers: Sequence[int], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._numbers = frozenset(int(number) for number in numbers)
        self._reader, self._writer = os.pipe()
        os.set_blocking(self._reader, False)
        os.set_blocking(self._writer, False)
        self._notifier = QSocketNotifier(self._reader, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_notifier_activated)

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        """Route the signals here for the duration; the previous handlers come back after."""
        saved_fd = signal.set_wakeup_fd(self._writer, warn_on_full_buffer=False)
        saved = {number: signal.signal(number, _ignore) for number in self._numbers}
        try:
            yield
        finally:
            for number, handler in saved.items():
                signal.signal(number, handler)
            signal.set_wakeup_fd(saved_fd)
            self._notifier.setEnabled(False)
            os.close(self._reader)
            os.close(self._writer)

    def _on_notifier_activated(self) -> None:
        try:
            data = os.read(self._reader, 64)
        except OSError:  # nothing to read (BlockingIOError), or already closed
            return
        # The wakeup pipe carries every signal Python handles (SIGCHLD, ...): keep ours.
        for number in data:
            if number in self._numbers:
                self.received.emit(number)


@contextlib.contextmanager
def quit_signals(numbers: Sequence[int] = QUIT_SIGNALS) -> Iterator[QuitSignals]:
    """A QuitSignals installed for the duration of the ``with`` block."""
    bridge = QuitSignals(numbers)
    with bridge.installed():
        yield bridge
