"""The main window: title, keys whatever has focus, buttons, and the walk from Start to saved."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from window_kit import MakeWindow

from retrocoach.core.session.machine import State
from retrocoach.ui.window.keys import BINDINGS, Action

Key = Qt.Key
Ctrl = Qt.KeyboardModifier.ControlModifier


def test_the_window_title_names_retrocoach(make_window: MakeWindow) -> None:
    kit = make_window()
    assert "RetroCoach" in kit.window.windowTitle()


def test_space_starts_pauses_and_resumes(make_window: MakeWindow) -> None:
    kit = make_window()
    kit.press(Key.Key_Space)
    assert kit.session.state is State.GET_READY
    kit.walk(4)
    assert kit.session.state is State.RUNNING
    kit.press(Key.Key_Space)
    assert kit.session.state is State.PAUSED
    assert "Paused" in kit.window.coach.status_label.text()
    kit.press(Key.Key_Space)
    assert kit.session.state is State.RUNNING


def test_page_down_does_what_space_does(make_window: MakeWindow) -> None:
    kit = make_window()
    kit.press(Key.Key_PageDown)
    assert kit.session.state is State.GET_READY


def test_space_with_a_focused_button_pauses_the_session_instead_of_clicking_it(
    make_window: MakeWindow,
) -> None:
    kit = make_window()
    kit.press(Key.Key_Space)
    skip: QPushButton = kit.window.controls.skip_button
    clicks: list[bool] = []
    skip.clicked.connect(clicks.append)
    # The buttons refuse focus; force it anyway, as a mouse click on another toolkit might.
    skip.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    skip.setFocus()
    assert QApplication.focusWidget() is skip
    kit.press(Key.Key_Space, target=skip)
    assert kit.session.state is State.PAUSED
    assert kit.session.index == 0
    assert clicks == []


def test_no_control_button_takes_keyboard_focus(make_window: MakeWindow) -> None:
    kit = make_window()
    for button in kit.window.controls.findChildren(QPushButton):
        assert button.focusPolicy() == Qt.FocusPolicy.NoFocus, button.text()


def test_every_button_has_an_accessible_name_and_a_tooltip_naming_its_key(
    make_window: MakeWindow,
) -> None:
    kit = make_window()
    controls = kit.window.controls
    for button, action in (
        (controls.toggle_button, Action.TOGGLE),
        (controls.skip_button, Action.SKIP),
        (controls.stop_button, Action.STOP),
        (controls.mute_button, Action.MUTE),
        (controls.full_screen_button, Action.FULL_SCREEN),
        (controls.settings_button, Action.SETTINGS),
    ):
        assert button.accessibleName(), button.text()
        assert f"({BINDINGS[action].shown})" in button.toolTip(), button.text()


def test_n_skips_to_the_next_segment(make_window: MakeWindow) -> None:
    kit = make_window()
    kit.press(Key.Key_Space)
    kit.press(Key.Key_N)
    assert kit.session.index == 1
    assert kit.window.coach.band.look.word == "WARM-UP"


def test_esc_stops_and_the_session_is_kept_as_stopped(make_window: MakeWindow) -> None:
    kit = make_window()
    kit.press(Key.Key_Space)
    kit.walk(6)
    kit.press_twice(Key.Key_Escape)
    assert kit.session.state is State.STOPPED
    sessions = kit.history()
    assert [s["outcome"] for s in sessions] == ["stopped"]
    assert kit.window.checkin is not None
    assert kit.window.checkin.isVisible()


def test_ctrl_q_during_a_session_saves_it_as_stopped_and_closes(make_window: MakeWindow) -> None:
    kit = make_window()
    kit.press(Key.Key_Space)
    kit.walk(8)
    kit.press_twice(Key.Key_Q, Ctrl)
    assert not kit.window.isVisible()
    assert [s["outcome"] for s in kit.history()] == ["stopped"]
    assert kit.window.checkin is None  # quitting asks nothing more


@pytest.mark.parametrize("plan_walk", [60])
def test_a_walk_to_the_end_is_saved_as_completed_before_the_check_in(
    make_window: MakeWindow, plan_walk: int
) -> None:
    kit = make_window()
    seen_at_dialog: list[list[dict[str, object]]] = []
    kit.driver.finished.connect(lambda _e: seen_at_dialog.append(kit.history()))
    kit.press(Key.Key_Space)
    kit.walk(plan_walk)
    assert kit.session.state is State.FINISHED
    assert [s["outcome"] for s in seen_at_dialog[0]] == ["completed"]
    assert kit.window.checkin is not None
    assert kit.window.checkin.isVisible()
