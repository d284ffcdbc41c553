"""The coloured band naming the direction: a word, an arrow either side, and a pattern."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from retrocoach.ui.coach.big_text import fitted_font
from retrocoach.ui.coach.look import ALL_WORDS, Arrow, Look, Pattern

__all__ = ["PLATE_TINT", "DirectionBand", "plate_colours"]

_PATTERN_ALPHA = 70
PLATE_TINT = 0.72
"""How much white the word's plate mixes into the band's colour."""
BLOCK_INSET = 0.1
"""How much of the band's height the coloured blocks leave free above and below."""
BLOCK_WIDTH = 1.1
"""How wide each coloured block (the arrow's) is, in band heights; the plate fills between."""
PLATE_GAP = 0.6
"""The least plate, in band heights, between the word and each block.

A dark block close beside the letters joins their line for a page scanner (tesseract reads
nothing of it); this much plate keeps them apart even in a screenshot shrunk to a quarter.
"""
FLASH_MS = 600
"""How long the band shows its colours swapped when a cue cannot be heard."""


def plate_colours(look: Look) -> tuple[QColor, QColor]:
    """The word's plate (the band's colour, mostly white) and its ink (black)."""
    band = QColor(look.background)
    mixed = [
        round(part + (255 - part) * PLATE_TINT) for part in (band.red(), band.green(), band.blue())
    ]
    return QColor(*mixed), QColor("#000000")


class DirectionBand(QWidget):
    """Paints a :class:`Look`: the band colour, its pattern, the arrows and the word."""

    word_fitted = Signal(int)
    """The word's new pixel size, each time the band is resized."""

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._look = look
        self._base = self.font()
        self._base.setBold(True)
        self._font = self._base
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(120, 40)
        self.setAccessibleName("Direction")
        self.setAccessibleDescription(look.word)
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.setInterval(FLASH_MS)
        self._flash_timer.timeout.connect(self.update)

    @property
    def look(self) -> Look:
        """What is drawn now."""
        return self._look

    def set_look(self, look: Look) -> None:
        """Draw *look*; nothing is repainted when it is already shown."""
        if look == self._look:
            return
        self._look = look
        self.setAccessibleDescription(look.word)
        self.update()

    def flash(self) -> None:
        """Swap the band's colours for a moment: the cue for a switch nobody can hear."""
        self._flash_timer.start()
        self.update()

    @property
    def flashing(self) -> bool:
        """True while the colours are swapped."""
        return self._flash_timer.isActive()

    def word_pixel_size(self) -> int:
        """The pixel size of the word's font."""
        return self._font.pixelSize()

    def word_ink_height(self) -> int:
        """How tall the word's capitals are on screen, in pixels."""
        return round(QFontMetricsF(self._font).tightBoundingRect("FORWARD").height())

    def sizeHint(self) -> QSize:  # noqa: N802  (Qt's name)
        return QSize(400, 100)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802  (Qt's name)
        # The blocks and gaps are capped by the width: sized by the height alone, a tall band
        # in a narrow window left the word a sliver (28 px where 80 would fit).
        free = 2 * (self._block() + self._gap())
        box = QSize(int(self.width() - free), self.height())
        # One size for every word, fitted to the widest, so the band does not breathe.
        metrics = QFontMetricsF(self._base)
        widest = max(ALL_WORDS, key=metrics.horizontalAdvance)
        self._font = fitted_font(self._base, widest, box, height_share=0.8)
        super().resizeEvent(event)
        self.word_fitted.emit(self._font.pixelSize())

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802  (Qt's name)
        look = self._look
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        band = QRectF(self.rect())
        background, ink = QColor(look.background), QColor(look.ink)
        if self.flashing:
            background, ink = ink, background
        # The colour stops short of the plate's top and bottom: a plate flush with two dark
        # blocks reads to a page scanner as one picture, and the word with it is lost.
        inset = band.height() * BLOCK_INSET
        blocks = band.adjusted(0, inset, 0, -inset)
        painter.fillRect(blocks, background)
        self.paint_pattern(painter, blocks, look.pattern, ink.name())
        side = min(band.height() * 0.7, self._block() * 0.64)
        margin = (self._block() - side) / 2
        self._paint_arrow(painter, QRectF(margin, (band.height() - side) / 2, side, side), ink)
        right = QRectF(band.width() - margin - side, (band.height() - side) / 2, side, side)
        self._paint_arrow(painter, right, ink)
        # The word sits on a solid plate, a pale tint of the band's colour, in black: the
        # pattern stays around it for anyone who cannot tell the colours, never behind the
        # letters, and the word keeps its contrast even in grey (a photo, a glance, OCR).
        # A flash swaps the band's colours only: the word stays readable through it.
        plate, word_ink = plate_colours(look)
        painter.fillRect(self.plate_rect(), plate)
        painter.setPen(word_ink)
        painter.setFont(self._font)
        painter.drawText(band, Qt.AlignmentFlag.AlignCenter, look.word)
        painter.end()

    def plate_rect(self) -> QRectF:
        """Where the solid plate behind the word is drawn: all the band between the blocks.

        The full height: a plate boxed in by the dark band reads as a hole to a scanner.
        """
        block = self._block()
        return QRectF(block, 0.0, max(0.0, self.width() - 2 * block), float(self.height()))

    def _block(self) -> float:
        """How wide each coloured block is: BLOCK_WIDTH band heights, at most 12% of the width."""
        return min(BLOCK_WIDTH * self.height(), self.width() * 0.12)

    def _gap(self) -> float:
        """The least plate between the word and a block: PLATE_GAP heights, at most 5% wide."""
        return min(PLATE_GAP * self.height(), self.width() * 0.05)

    @staticmethod
    def paint_frame(painter: QPainter, area: QRect, look: Look, side: int) -> None:
        """*look*'s colour and pattern as a frame *side* px wide, its pale tint inside."""
        painter.fillRect(area, QColor(look.background))
        DirectionBand.paint_pattern(painter, area.toRectF(), look.pattern, look.ink)
        painter.fillRect(area.adjusted(side, side, -side, -side), plate_colours(look)[0])

    @staticmethod
    def paint_pattern(painter: QPainter, band: QRectF, pattern: Pattern, ink_name: str) -> None:
        """A coarse texture, visible from a few metres, faint enough to keep the word clear.

        The texture moves the colour away from the ink (lighter under dark ink, darker under
        light ink), so it never lowers the word's contrast.
        """
        if pattern is Pattern.SOLID:
            return
        ink = QColor(ink_name)
        light = 255 if ink.lightness() < 128 else 0
        shade = QColor(light, light, light, _PATTERN_ALPHA)
        step = max(12.0, band.height() / 4)
        painter.save()
        painter.setClipRect(band)
        if pattern is Pattern.STRIPES:
            painter.setPen(QPen(shade, step / 3))
            x = -band.height()
            while x < band.width():
                painter.drawLine(QPointF(x, band.height()), QPointF(x + band.height(), 0))
                x += step
        elif pattern is Pattern.BARS:
            for number in range(int(band.height() // step) + 1):
                painter.fillRect(QRectF(0, number * step, band.width(), step / 3), shade)
        elif pattern is Pattern.DOTS:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(shade)
            radius = step / 8
            for row in range(int(band.height() // step) + 1):
                for col in range(int(band.width() // step) + 1):
                    offset = step / 2 if row % 2 else 0.0
                    centre = QPointF(col * step + offset + step / 4, row * step + step / 2)
                    painter.drawEllipse(centre, radius, radius)
        elif pattern is Pattern.CHECKS:
            half = step / 2
            for row in range(int(band.height() // half) + 1):
                for col in range(int(band.width() // half) + 1):
                    if (row + col) % 2:
                        painter.fillRect(QRectF(col * half, row * half, half, half), shade)
        painter.restore()

    def _paint_arrow(self, painter: QPainter, box: QRectF, ink: QColor) -> None:
        arrow = self._look.arrow
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(ink)
        x, y, w, h = box.x(), box.y(), box.width(), box.height()
        if arrow in (Arrow.UP, Arrow.DOWN):
            shape = [
                (0.5, 0.0),
                (1.0, 0.5),
                (0.68, 0.5),
                (0.68, 1.0),
                (0.32, 1.0),
                (0.32, 0.5),
                (0.0, 0.5),
            ]
            if arrow is Arrow.DOWN:
                shape = [(px, 1.0 - py) for px, py in shape]
            painter.drawPolygon(QPolygonF([QPointF(x + px * w, y + py * h) for px, py in shape]))
        elif arrow is Arrow.DOT:
            painter.drawEllipse(box.adjusted(w * 0.2, h * 0.2, -w * 0.2, -h * 0.2))
        elif arrow is Arrow.BARS:
            painter.drawRect(QRectF(x + w * 0.15, y, w * 0.25, h))
            painter.drawRect(QRectF(x + w * 0.6, y, w * 0.25, h))
        elif arrow is Arrow.SQUARE:
            painter.drawRect(box.adjusted(w * 0.12, h * 0.12, -w * 0.12, -h * 0.12))
        elif arrow is Arrow.CHECK:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            pen = QPen(ink, w * 0.16)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            points = [QPointF(x + w * 0.1, y + h * 0.55), QPointF(x + w * 0.4, y + h * 0.85)]
            painter.drawPolyline([*points, QPointF(x + w * 0.92, y + h * 0.15)])
        painter.restore()
