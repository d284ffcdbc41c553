"""Every text on every page keeps 4.5:1 against what it is drawn on, in the light and dark themes:
the widget tree walked, each label's ink and ground taken from its style sheet or its palette."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontInfo, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from window_kit import MakeWindow

from retrocoach.core.settings.store import Settings
from retrocoach.ui.coach.direction_band import plate_colours
from retrocoach.ui.coach.view import CoachView

Key = Qt.Key
Ctrl = Qt.KeyboardModifier.ControlModifier
_COLOUR = re.compile(r"(?<![-\w])color:\s*(#[0-9A-Fa-f]{6}|white|black)")
_GROUND = re.compile(r"background(?:-color)?:\s*(#[0-9A-Fa-f]{6})")


@pytest.fixture(autouse=True)
def _application_look_restored() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style, palette = app.style().name(), QPalette(app.palette())
    yield
    app.setStyle(style)
    app.setPalette(palette)


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _ground(widget: QWidget) -> QColor:
    """What *widget* is drawn on: the nearest style-sheet background, the coach's plate, or
    the palette's window colour."""
    node: QWidget | None = widget
    while node is not None:
        found = _GROUND.search(node.styleSheet())
        if found:
            return QColor(found.group(1))
        if isinstance(node, CoachView):
            return plate_colours(node.band.look)[0]
        node = node.parentWidget()
    role = QPalette.ColorRole.Base if isinstance(widget, QLineEdit) else QPalette.ColorRole.Window
    return widget.palette().color(role)


def _ink(widget: QWidget) -> QColor:
    node: QWidget | None = widget
    while node is not None:
        found = _COLOUR.search(node.styleSheet())
        if found:
            return QColor(found.group(1))
        node = node.parentWidget()
    roles = QPalette.ColorRole
    return widget.palette().color(roles.Text if isinstance(widget, QLineEdit) else roles.WindowText)


def low_contrast(page: QWidget) -> list[str]:
    """Each shown, enabled text on *page* under 4.5:1, named with its colours."""
    found = []
    for widget in page.findChildren(QWidget):
        shown = widget.isVisible() and widget.isEnabled() and widget.width() > 0
        if not shown or not isinstance(widget, QLabel | QLineEdit) or not widget.text():
            continue
        ink, ground = _ink(widget), _ground(widget)
        ratio = contrast(ink, ground)
        if ratio < 4.5:
            name = widget.objectName() or widget.accessibleName() or widget.text()[:30]
            found.append(f"{name}: {ink.name()} on {ground.name()} is {ratio:.1f}:1")
    return found


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_page_keeps_every_text_at_4_5_to_1(make_window: MakeWindow, theme: str) -> None:
    kit = make_window(Settings(checklist_confirmed=True, theme=theme), sound_problem="no sound")
    window = kit.window
    problems = low_contrast(window)  # the coach, with a banner
    editor = window._pages.plan_editor
    kit.press(Key.Key_P, Ctrl)
    field = editor.findChild(QLineEdit, "forward_edit")
    assert field is not None
    field.selectAll()
    field.insert("5")  # a bare number, typed: the error beside the field
    error = editor.findChild(QLabel, "forward_error")
    assert error is not None
    assert error.text(), "the plan editor shows no error"
    problems += low_contrast(window)
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        problems += low_contrast(window)
    assert not problems, "\n".join(sorted(set(problems)))


def test_no_text_on_any_page_is_smaller_than_the_desktops_own(make_window: MakeWindow) -> None:
    """The Programme page's sources were about 7 pt (<small>) beside the desktop's 9 or 10."""
    kit = make_window()
    window = kit.window
    least = QFontInfo(QApplication.font()).pointSizeF()
    small: list[str] = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        for label in window.findChildren(QLabel):
            if not label.isVisible() or not label.text():
                continue
            name = label.objectName() or label.accessibleName() or label.text()[:30]
            points = QFontInfo(label.font()).pointSizeF()
            if points < least - 0.05 or "<small>" in label.text():
                small.append(f"{name}: {points:.1f} pt")
    assert not small, "\n".join(sorted(set(small)))
