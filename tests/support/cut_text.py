"""What a window cuts: words wider than their button, box or label, wrapped lines taller than
their label, parts reaching past the window's edge. Shared by the small-screen tests."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QCheckBox,
    QLabel,
    QRadioButton,
    QStyle,
    QTabBar,
    QWidget,
)

BUTTON_MARGIN_PX = 8
"""The least room a button's words need besides themselves (its frame and margins)."""


def _words(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _scrolls(widget: QWidget) -> bool:
    """Whether *widget* sits in a scroll area: there what does not show is scrolled to."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def cut_texts(root: QWidget) -> list[str]:  # noqa: PLR0912  (one branch per kind of widget)
    """Each visible text of *root* that is cut, said with the room it has and needs."""
    cut: list[str] = []
    window = QRect(QPoint(0, 0), root.size())
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.width() <= 0:
            continue
        name = f"{type(widget).__name__} {widget.objectName()!r}"
        metrics = widget.fontMetrics()
        if isinstance(widget, QCheckBox | QRadioButton) and widget.text():
            box = widget.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, widget)
            need = box + 4 + metrics.horizontalAdvance(_words(widget.text()))
            if widget.width() < need:
                cut.append(f"{name} {widget.text()!r}: {widget.width()} px for {need}")
        elif isinstance(widget, QAbstractButton) and widget.text():
            need = metrics.horizontalAdvance(_words(widget.text())) + BUTTON_MARGIN_PX
            if widget.width() < need:
                cut.append(f"{name} {widget.text()!r}: {widget.width()} px for {need}")
        elif type(widget) is QLabel and widget.text() and not widget.text().startswith("<"):
            text = _words(widget.text()) if widget.buddy() is not None else widget.text()
            if widget.wordWrap():
                need = widget.heightForWidth(widget.width())
                if widget.height() + 1 < need:
                    cut.append(f"{name} {text[:50]!r}: {widget.height()} px tall for {need}")
            else:
                need = max(metrics.horizontalAdvance(line) for line in text.splitlines())
                if widget.contentsRect().width() + 1 < need:
                    cut.append(f"{name} {text[:50]!r}: {widget.width()} px for {need}")
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                need = metrics.horizontalAdvance(_words(widget.tabText(index)))
                if widget.tabRect(index).width() < need or widget.tabRect(index).right() >= (
                    widget.width()
                ):
                    cut.append(f"tab {widget.tabText(index)!r} cut")
        if not _scrolls(widget):
            shown = QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())
            if not window.contains(shown):
                cut.append(f"{name} reaches past the edge: {shown} in {window}")
    return cut
