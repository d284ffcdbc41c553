"""Banners across the top of the window for problems the walker should know about."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from retrocoach.ui.coach.lines import announce
from retrocoach.ui.keyboard import keep_keys

__all__ = ["NoticeBar"]

log = logging.getLogger(__name__)

# Amber with dark ink: reads as "attention" in light and dark themes without alarming red.
_STYLE = (
    "QFrame#notice { background: #FFE8A3; border: 2px solid #B07D00; border-radius: 4px; }"
    "QFrame#notice QLabel { color: #1A1A1A; }"
)


class _Notice(QFrame):
    def __init__(self, key: str, text: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("notice")
        self.setStyleSheet(_STYLE)
        self.label = QLabel(text, self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAccessibleName("Notice")
        self.label.setAccessibleDescription(text)  # its value for a reader, as the coach's lines
        self.close_button = QToolButton(self)
        self.close_button.setText("Dismiss")
        self.close_button.setAccessibleName("Dismiss this notice")
        self.close_button.setToolTip("Hide this notice")
        # Reached with Tab; Space and Enter dismiss while it has the focus, and only then.
        keep_keys(self.close_button)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 8, 6)
        row.addWidget(self.label, 1)
        row.addWidget(self.close_button)


class NoticeBar(QWidget):
    """A stack of notices, one per key; a new text under the same key replaces the old.

    It never takes more than its height limit: on a short window (a 1024x600 screen at scale
    2) two long notices took half the window, and the coach's word and time ran into each
    other. Past the limit the notices scroll, each still whole and its Dismiss in reach.
    """

    dismissed = Signal(str)
    focus_released = Signal()
    """The last notice was dismissed from the keyboard: the page should take the focus back."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._notices: dict[str, _Notice] = {}
        self._held = False
        self._limit = 0
        self._fitted_width = -1
        inner = QWidget(self)
        self._column = QVBoxLayout(inner)
        self._column.setContentsMargins(8, 4, 8, 0)
        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab reaches each Dismiss
        self._scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._scroll)
        self.setVisible(False)

    def set_height_limit(self, pixels: int) -> None:
        """Take at most *pixels* of height (0: as much as the notices need)."""
        if pixels != self._limit:
            self._limit = pixels
            self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802  (Qt's name)
        super().resizeEvent(event)
        if event.size().width() != self._fitted_width:
            self._fit()

    def _fit(self) -> None:
        """As tall as the notices need at this width, up to the limit."""
        self._fitted_width = width = self.width()
        # Measured afresh: a notice's new text is not yet in the layouts' cached heights.
        for notice in self._notices.values():
            notice.updateGeometry()
        needed = self._column.heightForWidth(width) if self._column.hasHeightForWidth() else -1
        if needed < 0:
            needed = self._column.sizeHint().height()
        if 0 < self._limit < needed:
            needed = self._whole_notices_within(width, self._limit)
        self._scroll.setFixedHeight(needed)

    def _whole_notices_within(self, width: int, limit: int) -> int:
        """The height of as many whole notices as fit in *limit* (the rest scroll): a notice
        cut across a line looked broken. *limit* itself if not even the first fits."""
        margins = self._column.contentsMargins()
        bar = self._scroll.verticalScrollBar().sizeHint().width()
        inner = width - margins.left() - margins.right() - bar
        bottom, shown = margins.top(), 0
        for notice in self._notices.values():
            height = notice.heightForWidth(inner) if notice.hasHeightForWidth() else -1
            bottom += height if height >= 0 else notice.sizeHint().height()
            if bottom > limit:
                break
            shown = bottom
            bottom += self._column.spacing()
        return shown or limit

    def show_notice(self, key: str, text: str) -> None:
        """Show *text* under *key*; a new text also goes to the log (stderr), where a desktop
        session keeps what the window told the walker."""
        notice = self._notices.get(key)
        if notice is None:
            notice = _Notice(key, text, self)
            notice.close_button.clicked.connect(lambda: self.dismiss(key))
            self._notices[key] = notice
            self._column.addWidget(notice)
            notice.show()  # now, not from the event queue: its height counts in the fit below
            self._fit()
        elif notice.label.text() != text:
            notice.label.setText(text)
            notice.label.setAccessibleDescription(text)
            self._fit()
        else:
            self.setVisible(not self._held)
            return
        log.warning("%s", text)
        self.setVisible(not self._held)
        announce(notice.label, text, urgent=False)

    def hold(self, held: bool) -> None:
        """Keep the notices out of sight (walk mode) or show them again; none is lost."""
        self._held = held
        self.setVisible(bool(self._notices) and not held)

    def dismiss(self, key: str) -> None:
        """Remove the notice under *key*, if any."""
        notice = self._notices.pop(key, None)
        if notice is None:
            return
        focused = QApplication.focusWidget()
        had_focus = focused is not None and (focused is notice or notice.isAncestorOf(focused))
        notice.hide()
        self._column.removeWidget(notice)
        notice.deleteLater()
        self._fit()
        self.setVisible(bool(self._notices) and not self._held)
        if had_focus:
            # Dismissed from the keyboard: on to the next notice's Dismiss, or back to the page
            # (left where it was, the focus kept Space from pausing the walk).
            rest = list(self._notices.values())
            if rest:
                rest[0].close_button.setFocus(Qt.FocusReason.TabFocusReason)
            else:
                self.focus_released.emit()
        self.dismissed.emit(key)

    def messages(self) -> dict[str, str]:
        """Every notice shown, by key."""
        return {key: notice.label.text() for key, notice in self._notices.items()}
