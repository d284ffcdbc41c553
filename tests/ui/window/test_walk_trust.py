"""During a walk the window shows what runs: the coach comes forward, plan mistakes are said at
once, a stop never looks like a finish, one stray key never ends the walk, and a summary follows.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QSpinBox
from window_kit import MakeWindow, WindowKit

from retrocoach.core.plan.model import parse_spec
from retrocoach.core.session.confirm import CONFIRM_WINDOW_S
from retrocoach.core.session.cues import Cue
from retrocoach.core.session.machine import State

Key = Qt.Key
Ctrl = Qt.KeyboardModifier.ControlModifier


def _page(kit: WindowKit) -> str:
    return kit.window.tabs.tabText(kit.window.tabs.currentIndex())


def test_space_on_the_plan_page_starts_the_walk_on_the_coach(make_window: MakeWindow) -> None:
    kit = make_window()
    kit.press(Key.Key_P, Ctrl)
    assert _page(kit) == "Plan"
    kit.press(Key.Key_Space)
    assert kit.session.state is State.GET_READY
    assert _page(kit) == "Coach"
    assert kit.window.coach.isVisible()


def test_the_start_button_on_the_history_page_shows_the_coach(make_window: MakeWindow) -> None:
    kit = make_window()
    kit.press(Key.Key_H, Ctrl)
    assert _page(kit) == "History"
    kit.window.controls.toggle_button.click()
    assert _page(kit) == "Coach"


def test_another_page_opened_during_a_walk_gives_way_at_the_next_switch(
    make_window: MakeWindow,
) -> None:
    kit = make_window()  # get ready 3 s, then a 5 s warm-up
    kit.press(Key.Key_Space)
    kit.press(Key.Key_H, Ctrl)
    kit.walk(1)
    assert _page(kit) == "History"  # a look at the history is allowed...
    kit.walk(2.5)
    assert kit.session.segment.kind.value == "warmup"
    assert _page(kit) == "Coach"  # ...until the next switch


def _type_rounds(kit: WindowKit, text: str) -> None:
    kit.press(Key.Key_P, Ctrl)
    spin = kit.window._pages.plan_editor.findChild(QSpinBox, "rounds_spin")
    assert spin is not None
    spin.selectAll()
    kit.qtbot.keyClicks(spin, text)


def test_a_plan_mistake_is_said_on_the_coach_at_once_with_where_it_is(
    make_window: MakeWindow,
) -> None:
    kit = make_window()
    _type_rounds(kit, "1000")
    coach = kit.window.coach
    assert "mistake" in coach.status_label.text()
    assert "Rounds must be at most 100" in coach.status_label.text()
    assert coach.time.text() == "-:--"  # no figure of the older plan
    assert not kit.window.controls.toggle_button.isEnabled()
    kit.press(Key.Key_1, Ctrl)
    kit.press(Key.Key_Space)
    assert kit.session.state is State.IDLE
    _type_rounds(kit, "2")
    assert coach.status_label.text() == "Press Space to start."
    assert coach.time.text() == "0:43"  # the whole short plan: 3+5+2x(10+5)+5 s


def test_a_second_mistake_typed_over_the_first_is_the_one_said(make_window: MakeWindow) -> None:
    kit = make_window(plan=parse_spec("forward=2h backward=1m rounds=3", name="long"))
    _type_rounds(kit, "100")  # on the way through 10 and 100: over eight hours
    assert "whole session would last" in kit.window.coach.status_label.text()
    _type_rounds(kit, "1000")  # still no plan, but now the rounds field is at fault
    assert "Rounds must be at most 100" in kit.window.coach.status_label.text()


def test_a_plan_over_eight_hours_is_said_on_the_coach(make_window: MakeWindow) -> None:
    kit = make_window(plan=parse_spec("forward=2h backward=1m rounds=3", name="long"))
    _type_rounds(kit, "5")
    assert "whole session would last" in kit.window.coach.status_label.text()


def test_before_a_walk_the_big_figure_is_the_whole_session(make_window: MakeWindow) -> None:
    kit = make_window()
    assert kit.window.coach.time.text() == "0:43"
    kit.press(Key.Key_Space)
    assert kit.window.coach.time.text() == "0:03"  # now the get-ready countdown


def test_one_esc_during_a_walk_only_asks_and_is_heard(make_window: MakeWindow) -> None:
    kit = make_window()
    kit.press(Key.Key_Space)
    kit.walk(5)
    kit.press(Key.Key_Escape)
    assert kit.session.state is State.RUNNING
    coach = kit.window.coach
    assert coach.question_label.isVisible()
    assert "Press Esc again" in coach.question_label.text()
    assert kit.sound.prompts == [Cue.CONFIRM_STOP]
    kit.clock.advance(CONFIRM_WINDOW_S - 0.5)
    kit.press(Key.Key_Escape)
    assert kit.session.state is State.STOPPED
    assert not coach.question_label.isVisible()


def test_a_second_esc_too_late_asks_again(make_window: MakeWindow) -> None:
    kit = make_window()
    kit.press(Key.Key_Space)
    kit.press(Key.Key_Escape)
    kit.walk(CONFIRM_WINDOW_S + 0.5)
    kit.window.stop_guard.timer.timeout.emit()  # what the timer does when the time is up
    assert not kit.window.coach.question_label.isVisible()
    kit.press(Key.Key_Escape)
    assert kit.session.state is not State.STOPPED
    assert kit.window.coach.question_label.isVisible()
    assert kit.sound.prompts == [Cue.CONFIRM_STOP, Cue.CONFIRM_STOP]


def test_esc_then_ctrl_q_is_two_questions_not_a_stop(make_window: MakeWindow) -> None:
    kit = make_window()
    kit.press(Key.Key_Space)
    kit.press(Key.Key_Escape)
    kit.press(Key.Key_Q, Ctrl)
    assert kit.window.isVisible()
    assert kit.session.state is State.GET_READY
    assert "Ctrl+Q again" in kit.window.coach.question_label.text()


def test_one_ctrl_q_during_a_walk_keeps_the_window(make_window: MakeWindow) -> None:
    kit = make_window()
    kit.press(Key.Key_Space)
    kit.press(Key.Key_Q, Ctrl)
    assert kit.window.isVisible()
    assert kit.session.state is State.GET_READY


def test_ctrl_q_with_nothing_running_quits_at_once(make_window: MakeWindow) -> None:
    kit = make_window()
    kit.press(Key.Key_Q, Ctrl)
    assert not kit.window.isVisible()


def test_esc_closes_an_open_dialog_first_and_does_not_count_towards_a_stop(
    make_window: MakeWindow,
) -> None:
    kit = make_window()
    kit.press(Key.Key_Space)
    kit.press(Key.Key_Comma, Ctrl)  # the settings dialog, modal
    opened = QApplication.activeModalWidget()
    assert isinstance(opened, QDialog)
    kit.press(Key.Key_Escape, target=opened)
    kit.qtbot.waitUntil(lambda: not opened.isVisible(), timeout=2000)
    assert not kit.window.coach.question_label.isVisible()
    kit.press(Key.Key_Escape, target=kit.window)
    assert kit.session.state is not State.STOPPED  # that was the first Esc of the walk


def test_a_stopped_walk_shows_what_was_walked_and_what_was_left(make_window: MakeWindow) -> None:
    kit = make_window()
    kit.press(Key.Key_Space)
    kit.walk(12)  # 3 s get-ready, 5 s warm-up, 4 s of the first forward (10 s)
    kit.press_twice(Key.Key_Escape)  # a second apart: 5 s of forward in all
    coach = kit.window.coach
    assert coach.bar.value() < coach.bar.maximum() // 2
    assert coach.total_label.text() != "0:00 left in all"
    assert coach.total_label.text().endswith("not walked")
    assert coach.middle.currentWidget() is coach.summary_label
    summary = coach.summary_label.text()
    assert summary.startswith("Session stopped early")
    assert "Walked 0:10 of 0:40: 0:10 forward, 0:00 backward" in summary
    assert "Segments: 2 done, 4 not reached" in summary


def test_a_walk_skipped_to_its_end_is_saved_as_stopped(make_window: MakeWindow) -> None:
    kit = make_window()
    kit.press(Key.Key_Space)
    kit.walk(4)  # a second of the warm-up
    while not kit.session.is_over:
        kit.press(Key.Key_N)
    assert kit.session.state is State.FINISHED
    assert [s["outcome"] for s in kit.history()] == ["stopped"]
    assert kit.window.coach.summary_label.text().startswith("Session stopped early")
    # One outcome, said once: no 'Well done' in the status above a stopped walk's summary.
    status = kit.window.coach.status_label.text()
    assert status == "Stopped: what you walked is saved as stopped.", status


def test_the_summary_takes_the_effort_given_at_the_check_in(make_window: MakeWindow) -> None:
    kit = make_window()
    kit.press(Key.Key_Space)
    kit.walk(60)
    dialog = kit.window.checkin
    assert dialog is not None
    assert "Effort: not rated" in kit.window.coach.summary_label.text()
    dialog.effort.setCurrentIndex(dialog.effort.findData(7))
    dialog.accept()
    assert "Effort: 7 of 10" in kit.window.coach.summary_label.text()
    assert kit.window.coach.summary_label.text().startswith("Session completed")
    assert kit.window.coach.status_label.text().startswith("Well done")
