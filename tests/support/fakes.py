"""Test doubles shared by the test suites: they live here, never inside the package."""

from __future__ import annotations


class FakeClock:
    """A steady clock that moves only when a test moves it."""

    def __init__(self, start: float = 1000.0) -> None:
        self.time = start

    def now(self) -> float:
        """The current reading."""
        return self.time

    def advance(self, seconds: float) -> float:
        """Move forward by *seconds* and return the new reading."""
        self.time += seconds
        return self.time
