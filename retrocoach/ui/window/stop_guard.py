"""Esc and Ctrl+Q during a walk: the first press asks, a second within a few seconds acts."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from retrocoach.core.session.confirm import CONFIRM_WINDOW_S, SecondPress

__all__ = ["StopGuard", "question_text"]


def question_text(key: str, doing: str, seconds: float) -> str:
    """The line shown while a first press waits: 'Press Esc again within 4 s to stop.'"""
    return f"Press {key} again within {math.ceil(seconds)} s to {doing}."


class StopGuard(QObject):
    """One SecondPress per key that ends a walk; says so on the first press and when it lapses.

    The clock is the session's steady clock (a FakeClock in tests). The timer only tells the
    window when the question lapses; whether a second press counts is the clock's to say.
    """

    asked = Signal(str)
    """A first press is waiting: the text to show (the window also plays the cue)."""
    lapsed = Signal()
    """The question was answered, withdrawn or ran out: hide it."""

    def __init__(
        self,
        clock: Callable[[], float],
        window_s: float = CONFIRM_WINDOW_S,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._rule = SecondPress(clock, window_s)
        self._key = ""
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(round(window_s * 1000) + 50)
        self.timer.timeout.connect(self._on_timer_timeout)

    @property
    def waiting(self) -> bool:
        """Whether a first press waits for its second."""
        return self._rule.waiting()

    def press(self, key: str, doing: str) -> bool:
        """A press of *key*; True when it is the second within the window (go ahead)."""
        if self._key != key:
            self._rule.cancel()  # Esc then Ctrl+Q is two first presses, not a confirmation
        self._key = key
        if self._rule.press():
            self.withdraw()
            return True
        self.asked.emit(question_text(key, doing, self._rule.window_s))
        self.timer.start()
        return False

    def withdraw(self) -> None:
        """Forget the waiting press (the session ended, or it was answered)."""
        was_waiting = self._rule.waiting() or self.timer.isActive()
        self._rule.cancel()
        self._key = ""
        self.timer.stop()
        if was_waiting:
            self.lapsed.emit()

    def _on_timer_timeout(self) -> None:
        if self._rule.waiting():
            # The steady clock says there is time left (the timer ran early): look again then.
            self.timer.start(max(50, round(self._rule.seconds_left() * 1000) + 50))
            return
        self.withdraw()
        self.lapsed.emit()
