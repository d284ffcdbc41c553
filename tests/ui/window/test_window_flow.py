"""The window around a session: checklist, check-in, pages, mute, full screen, screen saver."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from window_kit import MakeWindow

from retrocoach.core.plan.model import Kind
from retrocoach.core.session.machine import State
from retrocoach.core.settings.store import Settings, SettingsStore
from retrocoach.ui.dialogs.checkin import EFFORT_WORDS
from retrocoach.ui.dialogs.safety import SafetyPage
from retrocoach.ui.dialogs.settings import SettingsDialog

Key = Qt.Key
Ctrl = Qt.KeyboardModifier.ControlModifier


def test_the_first_launch_shows_the_safety_checklist_and_enter_confirms_it(
    make_window: MakeWindow,
) -> None:
    kit = make_window(first_run=True)
    dialog = kit.window.checklist
    assert dialog is not None
    assert dialog.isModal()
    assert "Safety" in dialog.windowTitle()
    # Every item of the checklist data is there, with its source, as a tick box.
    rows = [item.text() for item in dialog.checks()]
    reminders = kit.window._services.reminders.checklist()
    assert rows == [f"{reminder.text}\n{reminder.citation}" for reminder in reminders]
    kit.press(Key.Key_Return, target=dialog)  # nothing ticked: Enter confirms nothing
    assert kit.window.checklist is dialog
    assert not dialog.confirm_button.isEnabled()
    kit.tick_checklist()
    kit.press(Key.Key_Return, target=dialog)
    assert kit.window.checklist is None
    assert SettingsStore(kit.paths, warn=print).load().checklist_confirmed
    assert kit.session.state is State.IDLE  # confirming does not start the walk by itself
    kit.press(Key.Key_Space)
    assert kit.session.state is State.GET_READY


def test_a_confirmed_checklist_stays_away(make_window: MakeWindow) -> None:
    kit = make_window()
    assert kit.window.checklist is None
    kit.press(Key.Key_Space)
    assert kit.window.checklist is None
    assert kit.session.state is State.GET_READY


def test_closing_the_checklist_unconfirmed_brings_it_back_at_start(make_window: MakeWindow) -> None:
    kit = make_window(first_run=True)
    assert kit.window.checklist is not None
    kit.press(Key.Key_Escape, target=kit.window.checklist)
    assert kit.window.checklist is None
    assert "safety checklist" in kit.window.coach.status_label.text()
    kit.press(Key.Key_Space)
    dialog = kit.window.checklist
    assert dialog is not None
    assert kit.session.state is State.IDLE
    kit.tick_checklist()
    kit.press(Key.Key_Return, target=dialog)
    assert kit.session.state is State.GET_READY  # confirmed at Start: the walk begins


def test_the_checklist_comes_at_every_start_when_the_setting_asks(make_window: MakeWindow) -> None:
    kit = make_window(Settings(checklist_confirmed=True, checklist_every_start=True))
    kit.press(Key.Key_Space)
    assert kit.window.checklist is not None
    kit.tick_checklist()
    kit.press(Key.Key_Return, target=kit.window.checklist)
    assert kit.session.state is State.GET_READY
    kit.press_twice(Key.Key_Escape)  # stopped in the get-ready: nothing walked, nothing to check in
    assert kit.window.checkin is None
    kit.press(Key.Key_Space)
    assert kit.window.checklist is not None  # again, before the next session


def test_a_session_stopped_before_any_walking_leaves_no_entry(make_window: MakeWindow) -> None:
    kit = make_window()
    kit.press(Key.Key_Space)
    assert kit.session.state is State.GET_READY
    kit.press_twice(Key.Key_Escape)
    assert kit.window.checkin is None
    assert kit.history() == []
    assert kit.paths.journal_files() == []
    assert "nothing to keep" in kit.window.coach.status_label.text()


def test_the_check_in_is_saved_into_history_json(make_window: MakeWindow) -> None:
    kit = make_window()
    kit.press(Key.Key_Space)
    kit.walk(60)
    dialog = kit.window.checkin
    assert dialog is not None
    assert "Saved to your history" in dialog.summary.text()
    kit.wait_active(dialog)
    dialog.effort.setCurrentIndex(dialog.effort.findData(6))
    dialog.notes.setPlainText("belt at 1.5 km/h")
    kit.press(Key.Key_Return, Ctrl, target=dialog.notes)
    (session,) = kit.history()
    assert session["outcome"] == "completed"
    assert session["effort"] == 6
    assert session["notes"] == "belt at 1.5 km/h"


def test_esc_skips_the_check_in_and_leaves_the_session_as_saved(make_window: MakeWindow) -> None:
    kit = make_window()
    kit.press(Key.Key_Space)
    kit.walk(60)
    dialog = kit.window.checkin
    assert dialog is not None
    kit.press(Key.Key_Escape, target=dialog)
    assert not dialog.isVisible()
    (session,) = kit.history()
    assert "effort" not in session
    assert "notes" not in session


def test_the_effort_words_are_our_own_and_cover_0_to_10() -> None:
    assert sorted(EFFORT_WORDS) == list(range(11))
    licensed = ("borg", "extremely light", "somewhat hard", "very, very", "maximal")
    for words in EFFORT_WORDS.values():
        assert not any(term in words.lower() for term in licensed)


def test_ctrl_h_shows_the_history_and_it_lists_the_saved_session(make_window: MakeWindow) -> None:
    kit = make_window()
    kit.press(Key.Key_Space)
    kit.walk(60)
    kit.press(Key.Key_Escape, target=kit.window.checkin)
    kit.press(Key.Key_H, Ctrl)
    assert kit.window.tabs.currentWidget() is kit.window._pages.history
    assert kit.window._pages.history.page.model.rowCount() == 1  # type: ignore[attr-defined]


def test_f1_shows_the_safety_page_with_every_reminder_and_its_source(
    make_window: MakeWindow,
) -> None:
    kit = make_window()
    kit.press(Key.Key_F1)
    assert kit.window.tabs.currentWidget() is kit.window._pages.safety
    page = kit.window._pages.safety.page  # type: ignore[attr-defined]
    assert isinstance(page, SafetyPage)
    text = page.items.toPlainText()
    for reminder in kit.window._services.reminders.all():
        assert reminder.text in text
        assert reminder.citation in text
    kit.press(Key.Key_1, Ctrl)
    assert kit.window.tabs.currentWidget() is kit.window.coach


def test_m_mutes_and_unmutes_and_the_choice_is_kept(make_window: MakeWindow) -> None:
    kit = make_window()
    kit.press(Key.Key_M)
    assert kit.sound.muted
    assert kit.window.controls.mute_button.text() == "Unmute"
    assert json.loads(kit.paths.settings_file.read_text())["muted"] is True
    kit.window.controls.mute_button.click()
    assert not kit.sound.muted
    assert kit.window.controls.mute_button.text() == "Mute"


def test_f11_toggles_full_screen_and_esc_leaves_it_when_nothing_runs(
    make_window: MakeWindow,
) -> None:
    kit = make_window()
    kit.press(Key.Key_F11)
    assert kit.window.isFullScreen()
    kit.press(Key.Key_Escape)
    assert not kit.window.isFullScreen()
    kit.window.controls.full_screen_button.click()
    assert kit.window.isFullScreen()
    kit.press(Key.Key_F11)
    assert not kit.window.isFullScreen()


def test_the_buttons_do_what_their_keys_do(make_window: MakeWindow) -> None:
    kit = make_window()
    controls = kit.window.controls
    assert not controls.skip_button.isEnabled()
    assert not controls.stop_button.isEnabled()
    controls.toggle_button.click()
    assert kit.session.state is State.GET_READY
    assert controls.toggle_button.text() == "Pause"
    controls.skip_button.click()
    assert kit.session.segment.kind is Kind.WARMUP
    controls.toggle_button.click()
    assert controls.toggle_button.text() == "Resume"
    controls.stop_button.click()
    assert kit.session.state is State.STOPPED
    assert controls.toggle_button.text() == "Start again"


def test_start_again_after_a_session_walks_a_fresh_one(make_window: MakeWindow) -> None:
    kit = make_window()
    kit.press(Key.Key_Space)
    kit.press_twice(Key.Key_Escape)
    first = kit.session
    kit.press(Key.Key_Escape, target=kit.window.checkin)
    kit.press(Key.Key_Space)
    assert kit.session is not first
    assert kit.session.state is State.GET_READY


def test_start_is_disabled_while_the_plan_has_a_mistake(make_window: MakeWindow) -> None:
    kit = make_window()
    editor = kit.window._pages.plan_editor
    kit.press(Key.Key_P, Ctrl)
    edit = editor._fields.edits["forward"]
    edit.clear()
    kit.qtbot.keyClicks(edit, "5")  # a bare number: no unit
    assert editor.plan is None
    assert not kit.window.controls.toggle_button.isEnabled()
    kit.window._on_toggle_requested()
    assert kit.session.state is State.IDLE
    assert "mistake" in kit.window.coach.status_label.text()
    kit.qtbot.keyClicks(edit, "s")
    assert editor.plan is not None
    assert kit.window.controls.toggle_button.isEnabled()
    assert kit.session.plan.forward_s == 5


def test_the_screen_saver_is_held_off_only_while_a_session_runs(make_window: MakeWindow) -> None:
    kit = make_window()
    assert not kit.inhibitor.active
    kit.press(Key.Key_Space)
    assert kit.inhibitor.active
    kit.press(Key.Key_Space)
    assert kit.inhibitor.active  # paused is still a session under way
    kit.press_twice(Key.Key_Escape)
    assert not kit.inhibitor.active


def test_a_gap_pause_waits_for_the_walker_and_says_why(make_window: MakeWindow) -> None:
    kit = make_window()
    kit.press(Key.Key_Space)
    kit.clock.advance(600)  # the laptop slept for ten minutes
    kit.driver.tick()
    assert kit.session.state is State.PAUSED
    status = kit.window.coach.status_label.text()
    assert "asleep" in status
    assert "10:00" in status
    assert "Space" in status
    kit.press(Key.Key_Space)
    assert kit.session.state is State.GET_READY


def test_the_coach_shows_a_safety_reminder_from_the_picker(make_window: MakeWindow) -> None:
    kit = make_window()
    kit.press(Key.Key_Space)
    reminder = kit.window.coach.reminder
    assert reminder is not None
    assert reminder.text in kit.window.coach.reminder_label.text()
    assert reminder.citation in kit.window.coach.reminder_label.toolTip()


def test_the_sound_warms_up_at_start_and_hears_every_event(make_window: MakeWindow) -> None:
    kit = make_window()
    kit.press(Key.Key_Space)
    kit.walk(60)
    assert kit.sound.warmed == 1
    kinds = [type(event).__name__ for event in kit.sound.heard()]
    assert kinds[0] == "SessionStarted"
    assert kinds[-1] == "SessionFinished"


def test_the_settings_button_opens_the_settings_and_their_choice_applies_at_once(
    make_window: MakeWindow,
) -> None:
    kit = make_window()
    assert kit.window.controls.settings_button.isVisible()
    kit.window.controls.settings_button.click()
    dialog = kit.window.findChild(SettingsDialog)
    assert dialog is not None
    assert dialog.isVisible()
    chosen = Settings(checklist_confirmed=True, muted=True, volume=0.5, pips=5)
    dialog.result_settings = lambda: chosen  # type: ignore[method-assign]  # the walker's picks
    dialog.accept()
    assert kit.sound.muted
    assert kit.sound.volume == 0.5
    assert kit.sound.pips == 5
    assert SettingsStore(kit.paths, warn=print).load() == chosen
    assert kit.session.countdown_s == 5  # the next session counts down with the new pips


@pytest.mark.parametrize("ticked", [False, True])
def test_the_checklists_balance_check_is_kept_with_the_confirmation(
    make_window: MakeWindow, ticked: bool
) -> None:
    """Optional: confirming needs every item, not the one-leg stand; its answer is kept."""
    kit = make_window(first_run=True)
    dialog = kit.window.checklist
    assert dialog is not None
    assert not dialog.one_leg.isChecked()
    assert dialog.one_leg.font().pointSizeF() >= 10
    kit.tick_checklist()
    dialog.one_leg.setChecked(ticked)
    kit.press(Key.Key_Return, target=dialog)
    saved = SettingsStore(kit.paths, warn=print).load()
    assert saved.checklist_confirmed
    assert saved.one_leg_stand is ticked
