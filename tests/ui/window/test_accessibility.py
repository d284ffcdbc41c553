"""Accessibility through Qt's own QAccessible interface: every control has a name and a
description, and the coach's direction and time are text a screen reader reads at each switch.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QWidget,
)
from window_kit import MakeWindow, WindowKit

from retrocoach.core.plan.model import Kind

Key = Qt.Key
Ctrl = Qt.KeyboardModifier.ControlModifier
CONTROLS = (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
)


def _text(widget: QWidget, kind: QAccessible.Text) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None, widget
    return interface.text(kind)


def _controls(root: QWidget) -> list[QWidget]:
    return [
        widget
        for kind in CONTROLS
        for widget in root.findChildren(kind)
        if widget.isVisibleTo(root)
        and not widget.objectName().startswith("qt_")
        and not isinstance(widget, QScrollBar)  # part of its view, which is named
    ]


def _unnamed(root: QWidget) -> list[str]:
    missing = []
    for widget in _controls(root):
        name = _text(widget, QAccessible.Text.Name)
        description = _text(widget, QAccessible.Text.Description)
        if not name.strip() or not description.strip():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} {name!r}")
    return missing


def _open_every_page(kit: WindowKit) -> None:
    tabs = kit.window.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        kit.qtbot.wait(1)


def test_every_control_of_the_window_has_a_name_and_a_description(
    make_window: MakeWindow,
) -> None:
    kit = make_window()
    _open_every_page(kit)
    for index in range(kit.window.tabs.count()):
        kit.window.tabs.setCurrentIndex(index)
        assert _unnamed(kit.window) == []


def test_every_control_of_the_dialogs_has_a_name_and_a_description(
    make_window: MakeWindow,
) -> None:
    kit = make_window()
    kit.press(Key.Key_Space)
    kit.walk(60)
    dialog = kit.window.checkin
    assert dialog is not None
    assert _unnamed(dialog) == []
    dialog.reject()
    kit.press(Key.Key_Comma, Ctrl)
    settings = QApplication.activeModalWidget()
    assert settings is not None
    assert "settings" in settings.windowTitle().lower()
    assert _unnamed(settings) == []
    settings.close()


def test_the_direction_and_the_time_are_read_at_each_switch(make_window: MakeWindow) -> None:
    kit = make_window()
    coach = kit.window.coach
    kit.press(Key.Key_Space)
    kit.walk(3.5)  # the warm-up begins
    assert kit.session.segment.kind is Kind.WARMUP
    announced = _text(coach.band, QAccessible.Text.Name)
    assert "warm-up" in announced.lower()
    assert "0:05" in announced or "0:04" in announced
    kit.walk(5)  # forward begins
    assert kit.session.segment.kind is Kind.FORWARD
    announced = _text(coach.band, QAccessible.Text.Name)
    assert "forward" in announced.lower()
    assert "0:10" in announced
    assert announced.endswith(coach.announcement)
    assert _text(coach.time, QAccessible.Text.Description) == coach.time.text()
