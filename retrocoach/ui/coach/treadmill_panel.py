"""The coach's treadmill lines: connected or not, the belt's real speed, and a lost link, large."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel

from retrocoach.core.speeds import Units, format_speed
from retrocoach.ui.coach.belt_panel import BANNER_STYLE, BANNER_TINT
from retrocoach.ui.coach.big_text import BigText
from retrocoach.ui.coach.view import CoachView

__all__ = ["LOST_SHARE", "TreadmillPanel"]

LOST_SHARE: Final = 0.36
"""A lost treadmill's words take more of the coach's height than the time itself (0.33): the
largest text on the coach, for a walker who must now set the belt by hand."""


class TreadmillPanel(QObject):
    """Two parts added to a CoachView's column: a status line, and the lost-link banner."""

    def __init__(self, coach: CoachView) -> None:
        super().__init__(coach)
        self.units = Units.KMH
        self.line = QLabel(coach)
        self.line.setObjectName("treadmill_line")
        self.line.setAccessibleName("Treadmill")
        self.line.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.line.setTextFormat(Qt.TextFormat.PlainText)
        self.line.setWordWrap(True)
        self.line.setFont(coach.status_label.font())  # as large as the coach's other lines
        self.line.setStyleSheet("QLabel { font-weight: bold; }")
        self.lost = BigText(
            "treadmill disconnected: set the belt by hand",
            accessible_name="Treadmill lost",
            parent=coach,
        )
        self.lost.setObjectName("treadmill_lost")
        self.lost.set_plate(BANNER_TINT)
        self.note = QLabel(coach)
        self.note.setObjectName("treadmill_note")
        self.note.setAccessibleName("Treadmill message")
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.setWordWrap(True)
        self.note.setStyleSheet(BANNER_STYLE)
        coach.column.add(self.lost, rank=0, share=LOST_SHARE, at=0)
        coach.column.add(self.note, rank=1)
        coach.column.add(self.line, rank=3)
        for part in (self.line, self.lost, self.note):
            part.hide()

    def show_state(self, connected: bool, belt_kmh: float | None, target_kmh: float | None) -> None:
        """'Treadmill connected', with the belt's real speed beside the speed asked of it."""
        if not connected:
            self.line.setText("Treadmill not connected: set the belt by hand")
        else:
            text = "Treadmill connected"
            if belt_kmh is not None:
                text += f" · belt {format_speed(belt_kmh, self.units)}"
                if target_kmh:
                    text += f" (set to {format_speed(target_kmh, self.units)})"
            self.line.setText(text)
            self.lost.hide()
        self.line.setAccessibleDescription(self.line.text())
        self.line.show()

    def show_lost(self, text: str) -> None:
        """The link is gone mid-walk: *text* in the coach's largest letters."""
        self.lost.set_text(text)
        self.lost.setAccessibleDescription(text)
        self.lost.show()

    def tell(self, text: str) -> None:
        """One message about the treadmill (a refusal, a clamp, a status), until the next."""
        self.note.setText(text[:1].upper() + text[1:])
        self.note.setAccessibleDescription(self.note.text())
        self.note.show()
