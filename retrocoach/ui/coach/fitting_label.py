"""A wrapped label whose font shrinks until all of its text fits the room it is given."""

from __future__ import annotations

from typing import Final

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

__all__ = ["FittingLabel"]

_SMALLEST_PX: Final = 10


class FittingLabel(QLabel):
    """A word-wrapped label drawn at its largest size, or smaller when the text would be cut.

    The after-walk summary grows by a line with each feature (estimates, a programme): at a
    small window its last lines fell off the bottom instead of being read.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self._largest_px = 14
        self._bold = True

    def set_largest(self, pixels: int, *, bold: bool = True) -> None:
        """The size the text is drawn at when it has room for it."""
        self._largest_px, self._bold = pixels, bold
        self._fit()

    def setText(self, text: str) -> None:  # noqa: N802  (Qt's name)
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802  (Qt's name)
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        font = self.font()
        font.setBold(self._bold)
        pixels = self._largest_px
        while True:
            if font.pixelSize() != pixels:
                font.setPixelSize(pixels)
                self.setFont(font)
            if pixels <= _SMALLEST_PX or self.heightForWidth(self.width()) <= self.height():
                return
            pixels -= 1
