"""The stop signs after a walk stopped because the walker felt unwell: read whole on any screen."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from retrocoach.ui.dialogs import fit_to_screen

__all__ = ["StopSignsDialog"]


class StopSignsDialog(QDialog):
    """The advice in bold, the stop signs under it, OK below: what does not fit scrolls.

    A message box sized itself to its text, 400x448 at scale 2: on a 1366x768 screen at
    scale 2 (683x384) its last signs and its OK ran off the screen. It answers text() and
    informativeText() as the message box did.
    """

    def __init__(self, advice: str, signs: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Stop signs - RetroCoach")
        self.setAccessibleName("Stop signs")
        self._advice = QLabel(advice, self)
        self._advice.setObjectName("stop_signs_advice")
        self._advice.setWordWrap(True)
        self._advice.setTextFormat(Qt.TextFormat.PlainText)
        font = self._advice.font()
        font.setBold(True)
        self._advice.setFont(font)
        self._signs = QLabel(signs)
        self._signs.setObjectName("stop_signs_list")
        self._signs.setWordWrap(True)
        self._signs.setTextFormat(Qt.TextFormat.PlainText)
        self._signs.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self._signs.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        page = QScrollArea(self)
        page.setWidgetResizable(True)
        page.setFrameShape(QScrollArea.Shape.NoFrame)
        page.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        page.setWidget(self._signs)
        self.page = page
        icon = QLabel(self)
        side = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize, None, self)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        icon.setPixmap(warning.pixmap(side, side))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setDefault(True)
        ok.setAccessibleDescription("Close the stop signs; the programme waits until resumed")
        buttons.accepted.connect(self.accept)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.addWidget(self._advice)
        text.addWidget(page, 1)
        top.addLayout(text, 1)
        column = QVBoxLayout(self)
        column.addLayout(top, 1)
        column.addWidget(buttons)
        # As tall as the signs need at a comfortable width, no taller than the screen.
        width = 560
        inner = width - side - 60
        wanted = (
            self._advice.heightForWidth(inner)
            + self._signs.heightForWidth(inner)
            + buttons.sizeHint().height()
            + 60
        )
        fit_to_screen(self, QSize(width, wanted), parent)
        ok.setFocus()

    def text(self) -> str:
        """The advice (what the message box called its text)."""
        return self._advice.text()

    def informativeText(self) -> str:  # noqa: N802  (the message box's name)
        """The stop signs, one a line with their sources."""
        return self._signs.text()
