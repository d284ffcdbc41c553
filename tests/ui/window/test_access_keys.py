"""Every label's access key (the underlined letter, Alt+letter) reaches a control that takes
the focus, on every page and in the dialogs: a label whose buddy takes no focus does nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from window_kit import MakeWindow

Key = Qt.Key
Ctrl = Qt.KeyboardModifier.ControlModifier


def _dead_keys(top: QWidget) -> list[str]:
    """Each label of *top* with an access key whose buddy is missing or takes no focus."""
    found = []
    for label in top.findChildren(QLabel):
        text = label.text().replace("&&", "")
        if "&" not in text or label.textFormat() is Qt.TextFormat.RichText:
            continue
        buddy = label.buddy()
        target = buddy.focusProxy() or buddy if buddy is not None else None
        if target is None or target.focusPolicy() is Qt.FocusPolicy.NoFocus:
            found.append(f"{text!r} -> {type(buddy).__name__ if buddy else 'nothing'}")
    return found


def test_every_access_key_of_a_label_reaches_a_control(make_window: MakeWindow) -> None:
    kit = make_window()
    window = kit.window
    problems: list[str] = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        problems += _dead_keys(window)
    kit.press(Key.Key_Space)
    kit.walk(60)
    dialog = window.checkin
    assert dialog is not None
    problems += _dead_keys(dialog)
    dialog.reject()
    kit.press(Key.Key_Comma, Ctrl)
    settings = QApplication.activeModalWidget()
    assert settings is not None
    problems += _dead_keys(settings)
    settings.close()
    assert not problems, "\n".join(sorted(set(problems)))
