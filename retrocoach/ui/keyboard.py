"""Keys a focused control keeps from the window's shortcuts: Space ticks the box under focus."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QWidget

__all__ = ["keep_keys"]

_KEPT: Final = frozenset({Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter})


class _KeepKeys(QObject):
    """Claims Space and Enter for the control that has the focus.

    Space is the window's start/pause key everywhere, so its controls used to refuse the
    keyboard focus and a keyboard user could not reach them at all. A control reached with Tab
    now takes Space (and Enter, which presses a button or ticks a box) for itself, as in any
    desktop program; the session keys work again as soon as the focus leaves it.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802  (Qt's name)
        if (
            not isinstance(event, QKeyEvent)
            or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            return False
        if event.key() not in _KEPT:
            return False
        if event.type() is QEvent.Type.ShortcutOverride:
            event.accept()  # the key goes to the control, not to a shortcut
            return True
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if event.type() is QEvent.Type.KeyPress and enter and isinstance(watched, QAbstractButton):
            watched.click()
            return True
        return False


def keep_keys(*widgets: QWidget) -> None:
    """Let each of *widgets* take the focus by Tab and keep Space and Enter while it has it."""
    for widget in widgets:
        keeper = _KeepKeys(widget)
        widget.installEventFilter(keeper)
        # Tab only: a click must not leave the focus on a button, or the next Space meant
        # for the session would press it again.
        widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)
