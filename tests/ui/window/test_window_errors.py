"""Problems the walker meets, each told in plain words saying what was kept and where."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from window_kit import MakeWindow

from retrocoach.core.history import journal_writer
from retrocoach.core.session.machine import State
from retrocoach.core.settings.store import SettingsStore
from retrocoach.core.storage import atomic
from retrocoach.core.storage.atomic import StorageError
from retrocoach.core.storage.paths import DataPaths

Key = Qt.Key


def _full_disk_for(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Writing *name* fails as a full disk does; other files still write."""
    real = atomic._write_temp

    def write_temp(folder: Path, file_name: str, data: bytes, *, durable: bool = True) -> Path:
        if file_name == name:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(folder, file_name, data, durable=durable)

    monkeypatch.setattr(atomic, "_write_temp", write_temp)


def test_a_damaged_history_is_reported_with_where_the_copy_is_and_new_walks_still_save(
    make_window: MakeWindow, data_paths: DataPaths
) -> None:
    damaged = b'{"schema_version": 1, "sessions": ['  # cut short
    data_paths.history_file.write_bytes(damaged)
    kit = make_window()
    notice = kit.window.notices.messages()["history"]
    (copy,) = [
        path
        for path in kit.paths.data_dir.iterdir()
        if path != kit.paths.history_file and path.read_bytes() == damaged
    ]
    assert str(copy) in notice
    assert "could not be read" in notice
    kit.press(Key.Key_Space)
    kit.walk(60)
    assert [s["outcome"] for s in kit.history()] == ["completed"]
    assert copy.read_bytes() == damaged  # never overwritten


def test_a_newer_history_file_is_left_alone_and_the_walker_is_told_nothing_will_be_saved(
    make_window: MakeWindow, data_paths: DataPaths
) -> None:
    newer = json.dumps({"schema_version": 99, "sessions": []}).encode()
    data_paths.history_file.write_bytes(newer)
    kit = make_window()
    notice = kit.window.notices.messages()["history"]
    assert "newer RetroCoach" in notice
    assert "will not be saved" in notice
    kit.press(Key.Key_Space)
    kit.walk(60)
    assert kit.session.state is State.FINISHED
    assert kit.paths.history_file.read_bytes() == newer
    assert kit.paths.journal_files() == []
    assert kit.window.checkin is None  # nothing saved, nothing to check in


def test_a_history_that_cannot_be_read_at_all_is_told_and_left_as_it_is(
    make_window: MakeWindow, data_paths: DataPaths
) -> None:
    """A folder where history.json should be: no copy can be made, so nothing is written."""
    data_paths.history_file.mkdir(parents=True)
    kit = make_window()
    notice = kit.window.notices.messages()["history"]
    assert "history.json" in notice
    kit.press(Key.Key_Space)
    kit.walk(60)
    assert kit.session.state is State.FINISHED
    assert kit.paths.history_file.is_dir()


def test_a_full_disk_at_the_end_is_told_with_where_the_journal_keeps_the_walk(
    make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    kit = make_window()
    _full_disk_for(monkeypatch, "history.json")
    kit.press(Key.Key_Space)
    kit.walk(60)
    notice = kit.window.notices.messages()["save"]
    assert "disk is full" in notice
    [journal] = kit.paths.journal_files()  # the walk is kept there for the next start
    assert str(journal) in notice
    assert kit.window.checkin is None
    assert "could not be saved" in kit.window.coach.status_label.text()


def test_a_walk_that_could_not_be_saved_is_still_summed_up_by_the_one_rule(
    make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unsaved, a stopped walk with a skipped segment kept the session clock's bar and 'not
    walked' (skipped time counted as done, turns in, rounded up): it gets the summary now."""
    kit = make_window()
    _full_disk_for(monkeypatch, "history.json")
    kit.press(Key.Key_Space)
    kit.walk(3.5)  # the get-ready countdown
    kit.walk(2.5)  # 2.5 s of the warm-up, then skipped
    kit.press(Key.Key_N)
    kit.walk(4.0)
    kit.press_twice(Key.Key_Escape)  # a second apart: 5 s of forward
    assert kit.session.state is State.STOPPED
    coach = kit.window.coach
    assert "could not be saved" in coach.status_label.text()
    assert coach.middle.currentWidget() is coach.summary_label
    summary = coach.summary_label.text()
    assert summary.startswith("Session stopped early"), summary
    assert "Walked 0:08 of 0:40: 0:08 forward, 0:00 backward" in summary, summary
    assert coach.total_label.text() == "0:32 not walked"
    assert coach.bar.value() == round(8 / 40 * coach.bar.maximum())


def test_a_journal_that_cannot_be_written_is_told_and_the_session_goes_on(
    make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    kit = make_window()

    def full(_fd: int, _data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(journal_writer, "write_all", full)
    kit.press(Key.Key_Space)
    kit.walk(5)
    assert "journalled" in kit.window.notices.messages()["save"]
    assert kit.session.state is State.RUNNING
    monkeypatch.undo()
    kit.walk(60)
    assert [s["outcome"] for s in kit.history()] == ["completed"]


def test_a_check_in_that_cannot_be_saved_is_told_and_the_session_is_kept(
    make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    kit = make_window()
    kit.press(Key.Key_Space)
    kit.walk(60)
    dialog = kit.window.checkin
    assert dialog is not None
    dialog.notes.setPlainText("felt fine")
    _full_disk_for(monkeypatch, "history.json")
    dialog.save_button.click()
    assert "check-in could not be saved" in kit.window.notices.messages()["checkin"]
    assert [s["outcome"] for s in kit.history()] == ["completed"]


def test_settings_that_cannot_be_saved_are_told_and_still_apply(
    make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    kit = make_window()

    def refuse(self: SettingsStore, settings: object) -> None:
        raise StorageError(
            "could not save settings.json: the disk is full", kit.paths.settings_file
        )

    monkeypatch.setattr(SettingsStore, "save", refuse)
    kit.press(Key.Key_M)
    assert kit.sound.muted
    assert "settings could not be saved" in kit.window.notices.messages()["settings"]


def test_no_sound_device_is_told_in_a_banner_in_plain_words(make_window: MakeWindow) -> None:
    detail = "no sound (qt: no sound output device (is a sound server running?)): cues flash"
    kit = make_window(sound_problem=detail)
    banner = kit.window.notices.messages()["sound"]
    assert banner.startswith("No sound:")
    assert "flashes at every switch" in banner
    for developer_word in ("qt:", "output device", "sound server", "("):
        assert developer_word not in banner


def test_a_fallback_engine_is_told_without_its_technical_names(make_window: MakeWindow) -> None:
    kit = make_window(sound_problem="sound: simpleaudio: not installed; using qt instead")
    banner = kit.window.notices.messages()["sound"]
    assert "simpleaudio" not in banner
    assert "qt" not in banner
    assert "another way" in banner


def test_a_notice_can_be_dismissed(make_window: MakeWindow) -> None:
    kit = make_window(sound_problem="No sound device was found.")
    bar = kit.window.notices
    assert bar.isVisible()
    bar.dismiss("sound")
    assert bar.messages() == {}
    assert not bar.isVisible()
