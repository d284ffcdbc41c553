"""The belt line of the coach view: the speed to set, large, and what to do with the belt."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from retrocoach.core.session.events import Progress
from retrocoach.core.session.words import belt_lines
from retrocoach.core.speeds import Units
from retrocoach.ui.coach.big_text import BigText

__all__ = ["BeltPanel"]


class BeltPanel(QWidget):
    """The target belt speed in big figures and one line under it; hidden with no speed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.units = Units.KMH
        """The unit speeds are shown in (the walker's setting)."""
        self.speed = BigText("8.8 km/h", accessible_name="Belt speed", parent=self)
        self.speed.setObjectName("belt_speed")
        self.line = QLabel(self)
        self.line.setObjectName("belt_line")
        self.line.setAccessibleName("What to do with the belt")
        self.line.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.line.setWordWrap(True)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.speed, 3)
        column.addWidget(self.line, 1)

    def show_progress(self, progress: Progress) -> None:
        """Show the belt speed and line for *progress*; nothing when there is no belt to set."""
        speed, line = belt_lines(progress, self.units)
        self.speed.set_text(speed)
        if self.line.text() != line:
            self.line.setText(line)
        self.speed.setVisible(bool(speed))
        self.line.setVisible(bool(line))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802  (Qt's name)
        font = self.line.font()
        pixels = max(14, round(self.height() * 0.2))
        if font.pixelSize() != pixels:
            font.setPixelSize(pixels)
            font.setBold(True)
            self.line.setFont(font)
        super().resizeEvent(event)
