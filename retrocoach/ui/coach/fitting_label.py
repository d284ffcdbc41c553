"""A wrapped label whose font shrinks until all of its text fits the room it is given."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

__all__ = ["FittingLabel"]

_SMALLEST_PX: Final = 10
_READABLE_PX: Final = 14
"""A shorter version of the text is shown rather than a fuller one under this size (about
10.5 pt at 96 dpi: the coach's small lines never go below it either)."""


class FittingLabel(QLabel):
    """A word-wrapped label drawn at its largest size, or smaller when the text would be cut.

    The after-walk summary grows by a line with each feature (estimates, a programme): at a
    small window its last lines fell off the bottom instead of being read. Given shorter
    versions of its text (:meth:`set_versions`), it shows the fullest one that fits at a
    readable size, rather than clipping one that does not; its tooltip then has the whole.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self._largest_px = 14
        self._bold = True
        self._versions: tuple[str, ...] = ("",)

    def set_largest(self, pixels: int, *, bold: bool = True) -> None:
        """The size the text is drawn at when it has room for it."""
        self._largest_px, self._bold = pixels, bold
        self._fit()

    def setText(self, text: str) -> None:  # noqa: N802  (Qt's name)
        self.set_versions([text])

    def set_versions(self, versions: Sequence[str]) -> None:
        """Show the first of *versions* (fullest first) that fits; the last one if none does."""
        self._versions = tuple(versions) or ("",)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802  (Qt's name)
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        # The fullest version that fits at a readable size; failing that, the shortest, as
        # small as it must be.
        smallest = min(_READABLE_PX, self._largest_px)
        for version in self._versions:
            super().setText(version)
            if self._fits(smallest):
                break
        else:
            smallest = min(_SMALLEST_PX, self._largest_px)
        # The largest size that fits, between the smallest and the largest.
        low, high = smallest, self._largest_px
        while low < high:
            middle = (low + high + 1) // 2
            low, high = (middle, high) if self._fits(middle) else (low, middle - 1)
        self._fits(low)
        self.setToolTip(self._versions[0] if self.text() != self._versions[0] else "")

    def _fits(self, pixels: int) -> bool:
        """Set the font to *pixels* and say whether the text then fits."""
        font = self.font()
        if font.pixelSize() != pixels or font.bold() != self._bold:
            font.setPixelSize(pixels)
            font.setBold(self._bold)
            self.setFont(font)
        return self.heightForWidth(self.width()) <= self.height()
