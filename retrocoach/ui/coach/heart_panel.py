"""The coach's heart lines: the live heart rate and its zone, and the ease-off banner."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QWidget

from retrocoach.core.devices.hr_words import HeartShown, Urgency
from retrocoach.core.session.cues import Cue
from retrocoach.ui.coach.belt_panel import BANNER_STYLE

__all__ = ["HeartPanel"]

_PLAIN = (
    "QLabel { background: transparent; color: #000000; border: 3px solid transparent;"
    " padding: 4px; font-weight: bold; }"
)


class _Column(Protocol):
    def add(self, widget: QWidget, *, rank: int, share: float = 0.0, at: int | None = None) -> None:
        """Place *widget* in the coach's column."""


class _Sound(Protocol):
    def prompt(self, cue: Cue) -> bool:
        """Play *cue* now."""


class HeartPanel(QObject):
    """A HeartSide for the window: one line under the belt's, and a banner for ease-off.

    Both are lines of the coach's column, below the direction word, the time and the belt
    speed: they never take those texts' room (the column gives way by rank on a small screen).
    """

    def __init__(
        self,
        view: QWidget,
        sound: _Sound,
        say: Callable[[str], None],
        *,
        like: QLabel | None = None,
    ) -> None:
        """*like*: the coach line whose size the heart line takes (the view sizes its lines)."""
        super().__init__(view)
        self._like = like
        self._sound = sound
        self._say = say
        self.line = QLabel(view)
        self.line.setObjectName("heart_line")
        self.line.setAccessibleName("Heart rate")
        self.line.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.line.setStyleSheet(_PLAIN)
        self.banner = QLabel(view)
        self.banner.setObjectName("heart_banner")
        self.banner.setAccessibleName("Heart-rate warning")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.line.hide()
        self.banner.hide()

    def attach(self, column: _Column, at: int) -> None:
        """Put the banner (rank 1: it stays longest) and the line (rank 3) at *at*."""
        column.add(self.line, rank=3, at=at)
        column.add(self.banner, rank=1, at=at)

    def show_heart(self, shown: HeartShown) -> None:
        if self._like is not None and self.line.font() != self._like.font():
            self.line.setFont(self._like.font())  # as large as the coach's other lines
        if self.line.text() != shown.text:
            self.line.setText(shown.text)
            self.line.setAccessibleDescription(shown.text)
        self.line.show()

    def tell_heart(self, text: str, urgency: Urgency) -> None:
        if urgency is Urgency.QUIET:
            self.banner.hide()  # back under, or heard again: the warning is over
            self._say(text)
            return
        self._sound.prompt(Cue.EASE_OFF)
        if self._like is not None:
            self.banner.setFont(self._like.font())  # the coach's lines' size, in a banner
        self.banner.setText(text)
        self.banner.setAccessibleDescription(text)
        self.banner.show()
