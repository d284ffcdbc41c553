"""A second press within a few seconds confirms: one stray key must never end a walk."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

__all__ = ["CONFIRM_WINDOW_S", "SecondPress"]

CONFIRM_WINDOW_S: Final = 4.0


class SecondPress:
    """Asks for a second press within ``window_s`` seconds of the first one.

    The clock is injected (a steady clock in seconds), so the rule is tested without waiting.
    """

    def __init__(self, clock: Callable[[], float], window_s: float = CONFIRM_WINDOW_S) -> None:
        if window_s <= 0:
            raise ValueError("the confirmation window must be longer than zero seconds")
        self._clock = clock
        self.window_s = window_s
        self._first_at: float | None = None

    def press(self) -> bool:
        """Record a press; True when it confirms an earlier one still waiting, else False.

        A confirmed press, like an expired one, leaves nothing waiting: the next press asks
        again.
        """
        now = self._clock()
        if self.waiting(now):
            self._first_at = None
            return True
        self._first_at = now
        return False

    def waiting(self, now: float | None = None) -> bool:
        """Whether a first press is waiting for its second one at *now* (default: the clock)."""
        if self._first_at is None:
            return False
        at = self._clock() if now is None else now
        # A clock that went backwards (it should not) counts as expired, not as forever.
        return 0.0 <= at - self._first_at <= self.window_s

    def seconds_left(self) -> float:
        """How long the waiting press still counts; 0.0 when nothing waits."""
        if self._first_at is None or not self.waiting():
            return 0.0
        return max(0.0, self._first_at + self.window_s - self._clock())

    def cancel(self) -> None:
        """Forget a waiting press (the session ended, another key was pressed)."""
        self._first_at = None
