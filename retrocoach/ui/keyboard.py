"""Keys a focused control keeps from the window's shortcuts (Space ticks the box under focus),
and the wheel a control in a scrolling page leaves to the page until it has the focus."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QWidget,
)

__all__ = ["keep_keys", "wheel_scrolls_page"]

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


class _WheelToPage(QObject):
    """Gives the page a wheel turned over a control that does not have the focus.

    In a page that scrolls (the settings, the Plan form), a walker scrolling with the wheel
    changed whichever list, number or slider passed under the pointer: the sound engine or the
    theme, unseen. A control takes the wheel once it has the focus (a click or Tab), as before.
    """

    def __init__(self, area: QAbstractScrollArea) -> None:
        super().__init__(area)
        self._area = area

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802  (Qt's name)
        if event.type() is not QEvent.Type.Wheel or not isinstance(watched, QWidget):
            return False
        if watched.hasFocus():
            return False
        QCoreApplication.sendEvent(self._area.verticalScrollBar(), event)
        return True


def wheel_scrolls_page(area: QAbstractScrollArea, page: QWidget) -> None:
    """Let the wheel over *page*'s lists, numbers and sliders scroll *area* until one of them
    has the focus; the wheel no longer gives them the focus either."""
    guard = _WheelToPage(area)
    for kind in (QComboBox, QAbstractSpinBox, QAbstractSlider):
        for control in page.findChildren(kind):
            if control.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                control.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            control.installEventFilter(guard)
