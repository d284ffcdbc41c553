"""Every text on every page keeps 4.5:1 against what it is drawn on, in the light and dark themes:
the widget tree walked, each label's ink and ground taken from its style sheet or its palette."""

from __future__ import annotations

import pytest
from contrast_check import low_contrast
from look_restored import application_look_restored  # noqa: F401  (used by name)
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from window_kit import MakeWindow

from retrocoach.core.settings.store import Settings

Key = Qt.Key
Ctrl = Qt.KeyboardModifier.ControlModifier


pytestmark = pytest.mark.usefixtures("application_look_restored")


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
