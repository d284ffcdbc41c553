"""SIGINT, SIGTERM and SIGHUP for the terminal coach: a flag, and a byte on a pipe it watches."""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import FrameType
from typing import Final

__all__ = ["STOP_SIGNALS", "StopSignals"]

STOP_SIGNALS: Final = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


@dataclass
class StopSignals:
    """SIGINT, SIGTERM and SIGHUP, turned into a flag and a byte on a pipe the loop waits on.

    SIGHUP (the terminal closed, the SSH link dropped) stops the walk as SIGTERM does: the
    session is kept as 'stopped' with every second walked, not lost with the process.
    """

    stop_requested: bool = False
    number: int = 0
    read_fd: int = -1
    write_fd: int = -1
    _saved: dict[int, object] = field(default_factory=dict)

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        self.read_fd, self.write_fd = os.pipe()
        os.set_blocking(self.write_fd, False)
        for signum in STOP_SIGNALS:
            self._saved[signum] = signal.signal(signum, self._handle)
        # The C-level handler writes to the pipe at once, so a wait in C (Qt's event loop,
        # when the terminal coach serves D-Bus) wakes without waiting for Python to run.
        saved_wakeup = -1
        with contextlib.suppress(ValueError):  # not the main thread: the handler still writes
            saved_wakeup = signal.set_wakeup_fd(self.write_fd)
        try:
            yield
        finally:
            with contextlib.suppress(ValueError):
                signal.set_wakeup_fd(saved_wakeup)
            for saved_signum, handler in self._saved.items():
                signal.signal(saved_signum, handler)  # type: ignore[arg-type]
            os.close(self.read_fd)
            os.close(self.write_fd)

    def _handle(self, number: int, _frame: FrameType | None) -> None:
        self.stop_requested = True
        self.number = number
        with contextlib.suppress(BlockingIOError):
            os.write(self.write_fd, b"x")
