"""A row of buttons that wraps onto a second line when the page is too narrow for one."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QStyle, QWidget

__all__ = ["FlowRow"]


class FlowRow(QLayout):
    """Lays its widgets out left to right at their preferred widths, going on to a new line
    when the next would not fit: each keeps its whole words however narrow the page.

    A plain row of six buttons on the History page was wider than a 1024x600 screen at scale 2
    leaves, and each button's words were cut ("elete sessio", "xport as FIT").
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802  (Qt's name)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802  (Qt's name)
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802  (Qt's name)
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802  (Qt's name)
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802  (Qt's name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802  (Qt's name)
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802  (Qt's name)
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802  (Qt's name)
        """All on one line."""
        shown = self._shown()
        margins = self.contentsMargins()
        width = sum(item.sizeHint().width() for item in shown)
        width += self._gap() * max(0, len(shown) - 1) + margins.left() + margins.right()
        height = max((item.sizeHint().height() for item in shown), default=0)
        return QSize(width, height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802  (Qt's name)
        """As wide as the widest part: each on a line of its own."""
        margins = self.contentsMargins()
        width = max((item.sizeHint().width() for item in self._shown()), default=0)
        return QSize(width + margins.left() + margins.right(), margins.top() + margins.bottom())

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _gap(self) -> int:
        if self.spacing() >= 0:
            return self.spacing()
        parent = self.parentWidget()
        style = parent.style() if parent is not None else None
        if style is None:
            return 6
        return style.pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing, None, parent)

    def _place(self, rect: QRect, *, move: bool) -> int:
        """Place the parts in *rect* (or only measure); the height they take."""
        inner = rect.marginsRemoved(self.contentsMargins())
        gap = self._gap()
        x, y, line = inner.x(), inner.y(), 0
        for item in self._shown():
            hint = item.sizeHint()
            if x > inner.x() and x + hint.width() > inner.right() + 1:
                x, y, line = inner.x(), y + line + gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + gap
            line = max(line, hint.height())
        margins = self.contentsMargins()
        return y + line - inner.y() + margins.top() + margins.bottom()
