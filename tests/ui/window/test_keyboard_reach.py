"""Keyboard alone: Esc leaves walk mode before it asks to stop, a banner's Dismiss and the pages'
controls are reached with Tab and pressed with Space, History rows open their note with Enter."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from window_kit import MakeWindow, WindowKit

from retrocoach.core.session.machine import State
from retrocoach.ui.window.main_window import WALK_MODE_LEFT

Key = Qt.Key
Ctrl = Qt.KeyboardModifier.ControlModifier


def _tab_to(kit: WindowKit, target: QWidget, limit: int = 40) -> None:
    """Press Tab until *target* has the focus (as a keyboard user would)."""
    for _ in range(limit):
        if QApplication.focusWidget() is target:
            return
        kit.press(Key.Key_Tab)
    pytest.fail(f"Tab never reached {target.accessibleName() or target}")


def test_esc_in_walk_mode_leaves_it_first_and_says_so_never_arming_stop(
    make_window: MakeWindow,
) -> None:
    kit = make_window()
    kit.press(Key.Key_Space)
    kit.walk(4)
    kit.press(Key.Key_F11)
    assert kit.window.coach.walk_mode
    kit.press(Key.Key_Escape)
    assert not kit.window.coach.walk_mode
    assert kit.session.state is State.RUNNING
    assert not kit.window.coach.question_label.isVisible(), "Stop was armed"
    assert kit.window.coach.status_label.text() == WALK_MODE_LEFT
    kit.clock.advance(0.5)
    kit.press(Key.Key_Escape)  # now the first Esc of the walk: it asks
    assert kit.window.coach.question_label.isVisible()
    assert kit.session.state is State.RUNNING


def test_a_banners_dismiss_is_reached_with_tab_and_pressed_with_space(
    make_window: MakeWindow,
) -> None:
    kit = make_window(sound_problem="no sound here")
    (notice,) = kit.window.notices.findChildren(QWidget, "notice")
    button = notice.close_button  # type: ignore[attr-defined]
    assert QApplication.focusWidget() is kit.window.coach, "Space must start at first"
    _tab_to(kit, button)
    kit.press(Key.Key_Space)
    assert not kit.window.notices.isVisible()
    assert kit.driver.session is not None
    assert kit.session.state is State.IDLE, "Space on Dismiss started the walk"


def test_the_history_row_opens_its_note_with_enter_and_delete_keeps_no_selection(
    make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    kit = make_window()
    kit.press(Key.Key_Space)
    kit.walk(50)
    dialog = kit.window.checkin
    assert dialog is not None
    dialog.reject()
    kit.press(Key.Key_H, Ctrl)
    view = kit.window._pages.history.page  # type: ignore[attr-defined]
    asked: list[str] = []
    monkeypatch.setattr(view._prompts, "ask_checkin", lambda *_args: asked.append("note"))
    view.table.setFocus()
    view.select_session(kit.history()[0]["id"])
    kit.press(Key.Key_Return, target=view.table)
    assert asked == ["note"]
    kit.press(Key.Key_Delete, target=view.table)
    assert kit.history() == []
    assert view.table.selectionModel().selectedRows() == []
