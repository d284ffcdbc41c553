"""Test doubles shared by the test suites: they live here, never inside the package."""

from __future__ import annotations

import time

__all__ = ["FakeClock"]


class FakeClock:
    """The one steady clock of the tests: it moves when a test moves it, and, given a *rate*,
    also runs that many times faster than real time (for a whole walk in a second or two).

    ``now()`` serves the core's Clock protocol; calling the clock serves players that take a
    plain callable.
    """

    def __init__(self, start: float = 1000.0, *, rate: float = 0.0) -> None:
        self.time = start
        """The reading when the clock was made, plus every advance()."""
        self.rate = rate
        self._started = time.monotonic()

    def now(self) -> float:
        """The current reading."""
        if not self.rate:
            return self.time
        return self.time + (time.monotonic() - self._started) * self.rate

    def __call__(self) -> float:
        return self.now()

    def advance(self, seconds: float) -> float:
        """Move forward by *seconds* and return the new reading."""
        self.time += seconds
        return self.now()
