"""The programme in the window: today's line on the Coach page, Start walks it, and it moves on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fakes import FakeClock
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from window_doubles import RecordingInhibitor, RecordingSound
from window_kit import MakeWindow, WindowKit

from retrocoach.app.window import build_window
from retrocoach.core.history.store import HistoryStore
from retrocoach.core.plan.store import PlanStore
from retrocoach.core.programme.model import PROGRAMMES_FILE_ENV
from retrocoach.core.programme.state import ProgrammeStateStore
from retrocoach.core.session.machine import State
from retrocoach.core.settings.store import Settings, SettingsStore
from retrocoach.core.storage.paths import DataPaths
from retrocoach.ui.programme.page import ProgrammePage
from retrocoach.ui.programme.today_strip import TodayStrip
from retrocoach.ui.window.main_window import MainWindow

Key = Qt.Key
Ctrl = Qt.KeyboardModifier.ControlModifier
SESSION = "getready=0s warmup=0s forward=2s backward={b}s rounds=1 cooldown=0s"
TINY = {
    "schema_version": 1,
    "programmes": [
        {
            "name": "tiny",
            "title": "Tiny test programme",
            "audience": "tests",
            "about": "short sessions",
            "build_up": "none",
            "references": ["retrocoach-own"],
            "weeks": [{"sessions": [SESSION.format(b=1), SESSION.format(b=2)]}],
        }
    ],
}


@pytest.fixture
def tiny(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(TINY), encoding="utf-8")
    monkeypatch.setenv(PROGRAMMES_FILE_ENV, str(path))


def _start_tiny(paths: DataPaths) -> None:
    ProgrammeStateStore(paths, warn=pytest.fail).start("tiny")


def _strip(kit: WindowKit) -> TodayStrip:
    found = kit.window.coach.findChild(TodayStrip)
    assert found is not None
    return found


def _walk_today(kit: WindowKit) -> None:
    kit.press(Key.Key_Space)
    kit.walk(10)
    assert kit.session.state is State.FINISHED


@pytest.mark.usefixtures("tiny")
def test_the_coach_page_says_todays_session_and_start_walks_it(
    make_window: MakeWindow, data_paths: DataPaths
) -> None:
    _start_tiny(data_paths)
    kit = make_window()  # opened on another plan, as with --plan
    strip = _strip(kit)
    assert strip.headline.text() == "Week 1, session 1 of 2: 0:01 backward in all"
    assert strip.load_button.isVisible()
    kit.qtbot.mouseClick(strip.load_button, Qt.MouseButton.LeftButton)
    assert kit.window.plan is not None
    assert kit.window.plan.name == "tiny week 1 session 1"
    assert not strip.load_button.isVisible()
    _walk_today(kit)
    (session,) = kit.history()
    mark = session["programme"]
    assert isinstance(mark, dict)
    assert (mark["name"], mark["week"], mark["session"]) == ("tiny", 1, 1)
    dialog = kit.window.checkin
    assert dialog is not None
    kit.wait_active(dialog)
    dialog.effort.setCurrentIndex(dialog.effort.findData(3))
    kit.press(Key.Key_Return, Ctrl, target=dialog.notes)
    # Rated easy: the window moved on to the next session, and says it was walked today.
    assert kit.window.plan.name == "tiny week 1 session 2"
    assert strip.headline.text() == "Week 1, session 2 of 2: 0:02 backward in all"
    assert "You have walked today's session" in strip.note.text()
    kit.window.controls.toggle_button.click()  # the keyboard may still be with the dialog
    kit.walk(10)
    assert kit.session.state is State.FINISHED
    last = kit.history()[-1]["programme"]
    assert isinstance(last, dict)
    assert (last["week"], last["session"]) == (1, 2)


@pytest.mark.usefixtures("tiny")
def test_a_session_rated_hard_at_the_check_in_is_loaded_again(
    make_window: MakeWindow, data_paths: DataPaths
) -> None:
    _start_tiny(data_paths)
    kit = make_window()
    kit.qtbot.mouseClick(_strip(kit).load_button, Qt.MouseButton.LeftButton)
    _walk_today(kit)
    dialog = kit.window.checkin
    assert dialog is not None
    kit.wait_active(dialog)
    dialog.effort.setCurrentIndex(dialog.effort.findData(9))
    kit.press(Key.Key_Return, Ctrl, target=dialog.notes)
    assert kit.history()[0]["effort"] == 9
    assert kit.window.plan is not None
    assert kit.window.plan.name == "tiny week 1 session 1"
    assert "(again)" in _strip(kit).headline.text()
    assert "felt hard (9 out of 10)" in _strip(kit).headline.text()


@pytest.mark.usefixtures("tiny")
def test_ctrl_g_opens_the_programme_page_and_starting_there_loads_today(
    make_window: MakeWindow,
) -> None:
    kit = make_window()
    assert _strip(kit).isHidden()
    kit.press(Key.Key_G, Ctrl)
    page = kit.window.tabs.currentWidget().findChild(ProgrammePage)
    assert page is not None
    kit.qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert kit.window.plan is not None
    assert kit.window.plan.name == "tiny week 1 session 1"
    assert not _strip(kit).isHidden()
    kit.qtbot.mouseClick(page.stop_button, Qt.MouseButton.LeftButton)
    assert _strip(kit).isHidden()


@pytest.mark.usefixtures("tiny")
def test_starting_a_programme_after_a_stopped_walk_leaves_its_summary_behind(
    make_window: MakeWindow,
) -> None:
    """After a stopped walk, 'Start this programme' loaded the programme's session under the
    old 'STOPPED' summary and 'Start again': as if the new plan had been stopped."""
    kit = make_window()
    kit.press(Key.Key_Space)
    kit.walk(6)
    kit.press_twice(Key.Key_Escape)
    assert kit.session.state is State.STOPPED
    if kit.window.checkin is not None:
        kit.window.checkin.reject()
    coach = kit.window.coach
    assert coach.middle.currentWidget() is coach.summary_label
    kit.press(Key.Key_G, Ctrl)
    page = kit.window.tabs.currentWidget().findChild(ProgrammePage)
    assert page is not None
    kit.qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert kit.window.plan is not None
    assert kit.window.plan.name == "tiny week 1 session 1"
    assert kit.session.state is State.IDLE
    assert coach.middle.currentWidget() is not coach.summary_label
    assert "STOPPED" not in coach.band.look.word
    assert kit.window.controls.toggle_button.text() == "Start"
    assert coach.status_label.text() == "Press Space to start."
    assert not coach.whole_row.total_label.text().endswith("not walked")


def test_with_no_programmes_file_the_window_opens_without_the_page(
    make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PROGRAMMES_FILE_ENV, str(tmp_path / "missing.json"))
    kit = make_window()
    titles = [kit.window.tabs.tabText(i) for i in range(kit.window.tabs.count())]
    assert "Programme" not in titles
    assert any("programmes are unavailable" in warning for warning in kit.warnings)
    assert kit.window.plan is not None


def _bare_window(qtbot: QtBot, paths: DataPaths, warnings: list[str]) -> MainWindow:
    """A window opened with no --plan, as a plain 'retrocoach' does."""
    window = build_window(
        paths,
        HistoryStore(paths, warn=warnings.append),
        PlanStore(paths, warn=warnings.append),
        plan=None,
        warn=warnings.append,
        clock=FakeClock(),
        inhibitor=RecordingInhibitor(),
        sound=RecordingSound(),
    )
    qtbot.addWidget(window)
    return window


@pytest.mark.usefixtures("tiny")
def test_a_window_opened_without_a_plan_opens_on_todays_session(
    qtbot: QtBot, data_paths: DataPaths
) -> None:
    SettingsStore(data_paths, warn=pytest.fail).save(Settings(checklist_confirmed=True))
    _start_tiny(data_paths)
    warnings: list[str] = []
    window = _bare_window(qtbot, data_paths, warnings)
    # Today's session needs the history read: it replaces the first plan once the window is on
    # screen, so a long history never keeps the coach from showing.
    with qtbot.waitExposed(window):
        window.show()
    qtbot.waitUntil(lambda: window.started_up, timeout=2000)
    assert window.plan is not None
    assert window.plan.name == "tiny week 1 session 1"
    assert warnings == []


@pytest.mark.usefixtures("tiny")
def test_space_pressed_before_the_first_frame_walks_todays_session(
    qtbot: QtBot, data_paths: DataPaths
) -> None:
    SettingsStore(data_paths, warn=pytest.fail).save(Settings(checklist_confirmed=True))
    _start_tiny(data_paths)
    window = _bare_window(qtbot, data_paths, [])
    window.request_toggle()  # never shown yet
    session = window.driver.session
    assert session is not None
    assert session.plan.name == "tiny week 1 session 1"
    assert window.driver.is_active


@pytest.mark.usefixtures("tiny")
def test_a_programme_session_remembered_from_last_time_opens_again_after_a_stop(
    qtbot: QtBot, data_paths: DataPaths
) -> None:
    SettingsStore(data_paths, warn=pytest.fail).save(
        Settings(checklist_confirmed=True, last_plan="tiny week 1 session 2")
    )
    warnings: list[str] = []
    window = _bare_window(qtbot, data_paths, warnings)  # no programme is active
    assert window.plan is not None
    assert window.plan.name == "tiny week 1 session 2"
    assert warnings == []


@pytest.mark.usefixtures("tiny")
def test_another_plan_walked_while_a_programme_is_followed_carries_no_mark(
    make_window: MakeWindow, data_paths: DataPaths
) -> None:
    _start_tiny(data_paths)
    kit = make_window()  # the short plan, not today's session
    kit.press(Key.Key_Space)
    kit.walk(60)
    (session,) = kit.history()
    assert "programme" not in session
    # The programme has not moved on: today is still its first session.
    assert _strip(kit).headline.text() == "Week 1, session 1 of 2: 0:01 backward in all"


@pytest.mark.usefixtures("tiny")
def test_felt_unwell_at_the_check_in_shows_the_stop_signs_and_pauses_until_resumed(
    make_window: MakeWindow, data_paths: DataPaths
) -> None:
    _start_tiny(data_paths)
    kit = make_window()
    kit.qtbot.mouseClick(_strip(kit).load_button, Qt.MouseButton.LeftButton)
    _walk_today(kit)
    dialog = kit.window.checkin
    assert dialog is not None
    kit.wait_active(dialog)
    assert dialog.unwell.accessibleName() == "I stopped because I felt unwell"
    assert dialog.unwell.text() == "I stopped because I felt &unwell"  # Alt+U ticks it
    dialog.unwell.setChecked(True)
    kit.press(Key.Key_Return, Ctrl, target=dialog.notes)
    assert kit.history()[0]["stopped_unwell"] is True
    box = kit.window.flow.walk_end.stop_signs
    assert box is not None
    assert box.isVisible()
    assert "see a doctor or physiotherapist" in box.text()
    assert "Stop signs:" in box.informativeText()
    assert "chest pain" in box.informativeText().lower()
    box.accept()
    strip = _strip(kit)
    assert "Programme paused" in strip.note.text()
    assert strip.load_button.isHidden()
    kit.window.activateWindow()  # as the desktop gives the keyboard back after a dialog
    kit.wait_active(kit.window)
    kit.press(Key.Key_G, Ctrl)
    page = kit.window.tabs.currentWidget().findChild(ProgrammePage)
    assert page is not None
    assert "Programme paused" in page.status.text()
    assert "How the programme moves on" in page.rule.text()
    assert page.resume_button.isVisible()
    kit.qtbot.mouseClick(page.resume_button, Qt.MouseButton.LeftButton)
    assert "Resumed" in page.message.text()
    assert not page.resume_button.isVisible()
    assert "Programme paused" not in strip.note.text()


@pytest.mark.usefixtures("tiny")
def test_with_a_programme_followed_the_history_is_read_only_after_the_first_frame(
    qtbot: QtBot, data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    SettingsStore(data_paths, warn=pytest.fail).save(Settings(checklist_confirmed=True))
    _start_tiny(data_paths)
    reads: list[str] = []
    for name in ("load", "sessions"):
        real = getattr(HistoryStore, name)

        def read(self: HistoryStore, *, _name: str = name, _real: object = real) -> object:
            reads.append(_name)
            return _real(self)  # type: ignore[operator]

        monkeypatch.setattr(HistoryStore, name, read)
    window = _bare_window(qtbot, data_paths, [])
    assert reads == []
    with qtbot.waitExposed(window):
        window.show()
    qtbot.waitUntil(lambda: window.started_up, timeout=2000)
    assert reads
    strip = window.coach.findChild(TodayStrip)
    assert strip is not None
    assert strip.headline.text() == "Week 1, session 1 of 2: 0:01 backward in all"
    editor = window._pages.plan_editor  # built now, after today's session replaced the first
    assert editor.plan is not None
    assert editor.plan.name == "tiny week 1 session 1"


@pytest.mark.usefixtures("tiny")
@pytest.mark.parametrize("size", [(683, 384), (800, 540), (1024, 690)])
def test_before_a_walk_the_today_line_keeps_its_room_beside_the_large_prompt(
    make_window: MakeWindow, data_paths: DataPaths, size: tuple[int, int]
) -> None:
    """At scale 2 on a 1366x768 screen the larger "Press Space to start." once took the today
    line's room, and its "Load today's session" button with it: the prompt now gives way to
    the programme's line, and takes the room of next and round instead."""
    _start_tiny(data_paths)
    kit = make_window()
    window, coach = kit.window, kit.window.coach
    window.setMinimumSize(200, 150)
    window.resize(*size)
    kit.qtbot.waitUntil(lambda: window.size().toTuple() == size, timeout=2000)
    kit.qtbot.wait(1)
    strip = _strip(kit)
    assert strip not in coach.column.dropped
    assert strip.load_button.isVisible()
    assert strip.load_button.height() > 0
