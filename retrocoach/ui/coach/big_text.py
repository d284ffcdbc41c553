"""A single line of text drawn as large as its space allows, repainted only when it changes."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

__all__ = ["BigText", "fit_labels", "fitted_font"]


def fitted_font(base: QFont, sample: str, box: QSize, height_share: float = 0.9) -> QFont:
    """*base* at the largest pixel size whose *sample* fits *box*."""
    font = QFont(base)
    probe = 100
    font.setPixelSize(probe)
    metrics = QFontMetricsF(font)
    width = max(1.0, metrics.horizontalAdvance(sample))
    height = max(1.0, metrics.height())
    scale = min(box.width() * 0.96 / width, box.height() * height_share / height)
    font.setPixelSize(max(8, int(probe * scale)))
    return font


def fit_labels(shares: Iterable[tuple[QLabel, float]], size: int, *, bold: bool) -> None:
    """Set each label's font to its share of *size* pixels (never below 14); no needless change."""
    for label, share in shares:
        font = label.font()
        pixels = max(14, round(size * share))
        if font.pixelSize() != pixels or font.bold() != bold:
            font.setPixelSize(pixels)
            font.setBold(bold)
            label.setFont(font)


class BigText(QWidget):
    """Text that scales with the widget; *sample* is the widest text it must fit.

    Fitting to a fixed sample rather than to the text itself keeps the size steady as the
    digits change, so nothing jumps each second.
    """

    def __init__(
        self,
        sample: str,
        *,
        bold: bool = True,
        accessible_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._text = ""
        self._sample = sample
        self._ink: QColor | None = None
        self._plate: QColor | None = None
        self._base = QFont(self.font())
        self._largest: int | None = None
        self._base.setBold(bold)
        # Tabular digits: every figure the same width, so 1:11 does not shrink against 8:88.
        self._base.setFeature(QFont.Tag("tnum"), 1)
        self._font = QFont(self._base)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(accessible_name)
        self.setMinimumSize(40, 20)

    def text(self) -> str:
        """The text shown."""
        return self._text

    def set_text(self, text: str) -> None:
        """Show *text*; no repaint when it is what is already shown."""
        if text == self._text:
            return
        old = self._text
        self._text = text
        self.setAccessibleDescription(text)
        # Repaint only where ink was or will be: a second's change is a few digits, not the
        # whole widget, which keeps a running session cheap.
        self.update(self._ink_rect(old).united(self._ink_rect(text)))

    def set_sample(self, sample: str) -> None:
        """Fit to another widest text (an hour-long segment needs h:mm:ss)."""
        if sample != self._sample:
            self._sample = sample
            self._refit()

    def set_ink(self, ink: QColor | None) -> None:
        """Draw in *ink*, or None for the palette's text colour (follows light and dark)."""
        if ink != self._ink:
            self._ink = ink
            self.update()

    def set_largest(self, pixels: int | None) -> None:
        """Never draw larger than *pixels* (None: as large as the widget allows)."""
        if pixels != self._largest:
            self._largest = pixels
            self._refit()

    def set_plate(self, plate: QColor | None) -> None:
        """Draw the text on a solid box of *plate*, or None for none (the widget's background)."""
        if plate != self._plate:
            self._plate = plate
            self.update()

    def plate_rect(self) -> QRectF:
        """Where the plate is drawn: the widest text's box and a wide margin, the full height.

        Sized by the sample, not the text, so the plate does not change width with the digits.
        """
        metrics = QFontMetricsF(self._font)
        # A margin of most of a line: shrunk to a quarter, a pattern close to the digits blurs
        # into them, and a scanner takes the text for part of a picture.
        pad = metrics.height() * 0.5
        width = min(float(self.width()), metrics.horizontalAdvance(self._sample) + 2 * pad)
        return QRectF((self.width() - width) / 2, 0.0, width, float(self.height()))

    def pixel_size(self) -> int:
        """The font's pixel size now."""
        return self._font.pixelSize()

    def ink_height(self, text: str | None = None) -> int:
        """How tall the drawn text (default: the shown text) is on screen, in pixels."""
        metrics = QFontMetricsF(self._font)
        return round(metrics.tightBoundingRect(text or self._text or self._sample).height())

    def sizeHint(self) -> QSize:  # noqa: N802  (Qt's name)
        return QSize(200, 80)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802  (Qt's name)
        self._refit()
        super().resizeEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802  (Qt's name)
        painter = QPainter(self)
        if self._plate is not None:
            painter.fillRect(self.plate_rect(), self._plate)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setFont(self._font)
        painter.setPen(self._ink if self._ink is not None else self.palette().windowText().color())
        painter.drawText(
            QRect(0, 0, self.width(), self.height()), Qt.AlignmentFlag.AlignCenter, self._text
        )
        painter.end()

    def _ink_rect(self, text: str) -> QRect:
        if not text:
            return QRect()
        metrics = QFontMetricsF(self._font)
        area = QRect(0, 0, self.width(), self.height())
        flags = int(Qt.AlignmentFlag.AlignCenter)
        return (
            metrics.boundingRect(area.toRectF(), flags, text).toAlignedRect().adjusted(-4, -4, 4, 4)
        )

    def _refit(self) -> None:
        font = fitted_font(self._base, self._sample, self.size())
        if self._largest is not None and font.pixelSize() > self._largest:
            font.setPixelSize(max(8, self._largest))
        self._font = font
        self.update()
