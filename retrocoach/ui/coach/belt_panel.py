"""The belt lines of the coach view: the speed to set, large, and what to do with the belt."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QWidget

from retrocoach.core.plan.model import Kind
from retrocoach.core.session.events import Progress
from retrocoach.core.session.words import belt_lines, slowing_now
from retrocoach.core.speeds import Units
from retrocoach.ui.coach.big_text import BigText

__all__ = ["BANNER_STYLE", "BANNER_TINT", "BeltPanel"]

BANNER_TINT: Final = QColor("#FFE8A3")
BANNER_STYLE: Final = (
    "QLabel { background: #FFE8A3; color: #1A1A1A; border: 3px solid #B07D00;"
    " border-radius: 6px; padding: 6px; font-weight: bold; }"
)
"""The look of a line the walker must act on now: 'Press Esc again', 'Slow the belt'."""
_PLAIN_STYLE: Final = (
    "QLabel { background: transparent; color: #000000; border: 3px solid transparent;"
    " padding: 6px; font-weight: bold; }"
)
"""The line at other times: black on the coach's pale tint in either theme, the banner's size
(a style sheet of "" gave it the dark theme's white ink on the pale plate)."""


class BeltPanel(QObject):
    """The target belt speed in big figures and one line under it; both hidden with no speed.

    Two parts of the coach's column rather than one box, so each is placed (or left out on a
    small screen) by its own importance.
    """

    def __init__(self, view: QWidget) -> None:
        super().__init__(view)
        self.units = Units.KMH
        """The unit speeds are shown in (the walker's setting)."""
        self.speed = BigText("8.8 km/h", accessible_name="Belt speed", parent=view)
        self.speed.setObjectName("belt_speed")
        self.line = QLabel(view)
        self.line.setObjectName("belt_line")
        self.line.setAccessibleName("What to do with the belt")
        self.line.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.line.setWordWrap(True)
        self.line.setStyleSheet(_PLAIN_STYLE)
        self.urgent = False
        """True while the walker must slow the belt: the line wears the banner's look."""
        self.speed.hide()
        self.line.hide()

    def show_progress(self, progress: Progress) -> bool:
        """Show the belt speed and line for *progress*; True when the line is new and is an
        instruction to act on (slow the belt, or the turn-around's), to be announced."""
        speed, line = belt_lines(progress, self.units)
        self.speed.set_text(speed)
        urgent = slowing_now(progress)
        if urgent != self.urgent:
            self.urgent = urgent
            self.line.setStyleSheet(BANNER_STYLE if urgent else _PLAIN_STYLE)
            self.speed.set_plate(BANNER_TINT if urgent else None)
        changed = self.line.text() != line
        if changed:
            self.line.setText(line)
            self.line.setAccessibleDescription(line)
        self.speed.setVisible(bool(speed))
        self.line.setVisible(bool(line))
        turning = progress.segment is not None and progress.segment.kind is Kind.TURN
        return changed and bool(line) and (urgent or turning)
