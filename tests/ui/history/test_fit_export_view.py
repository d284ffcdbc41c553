"""The History page's "Export as FIT": the selected walks, each a file Garmin's SDK reads."""

from __future__ import annotations

from datetime import date, timedelta, timezone
from pathlib import Path

import pytest
from fit_walks import decode_file, walk_record
from prompt_doubles import ScriptedPrompts
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from retrocoach.core.history.records import SessionRecord
from retrocoach.core.history.store import HistoryStore
from retrocoach.ui.history.model import RECORD_ROLE
from retrocoach.ui.history.view import HistoryView

TZ = timezone(timedelta(hours=1))
SEGMENTS = [
    {"kind": "warmup", "actual_s": 30.0, "speed_kmh": 3.0},
    {"kind": "backward", "round": 1, "actual_s": 20.0, "speed_kmh": 1.5},
]
RECORDS = (
    walk_record(SEGMENTS, record_id="w1", started_at="2026-12-01T09:00:00+01:00"),
    walk_record(SEGMENTS, record_id="w2", started_at="2026-12-02T09:00:00+01:00"),
    walk_record([], record_id="w3", started_at="2026-12-03T09:00:00+01:00", outcome="stopped"),
)


@pytest.fixture
def prompts() -> ScriptedPrompts:
    return ScriptedPrompts()


@pytest.fixture
def view(qtbot: QtBot, tmp_path: Path, prompts: ScriptedPrompts) -> HistoryView:
    store = HistoryStore(tmp_path / "data", warn=pytest.fail)
    for record in RECORDS:
        store.add(record)
    widget = HistoryView(store, prompts=prompts, today=lambda: date(2026, 12, 5), tz=TZ)
    qtbot.addWidget(widget)
    widget.refresh()
    return widget


def _select(view: HistoryView, *ids: str) -> None:
    proxy = view.table.model()
    selection = view.table.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in range(proxy.rowCount()):
        record = proxy.index(row, 0).data(RECORD_ROLE)
        if isinstance(record, SessionRecord) and record.id in ids:
            selection.select(proxy.index(row, 0), flags)


def _button(view: HistoryView, name: str) -> QPushButton:
    button = view.findChild(QPushButton, f"history_{name}_button")
    assert button is not None
    return button


def _click_fit(qtbot: QtBot, view: HistoryView) -> None:
    button = _button(view, "fit")
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_selected_walks_become_fit_files_in_the_chosen_folder(
    qtbot: QtBot, view: HistoryView, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    _select(view, "w1", "w2")
    prompts.folders.append(tmp_path / "fit")
    _click_fit(qtbot, view)
    files = sorted((tmp_path / "fit").iterdir())
    assert [f.name for f in files] == [
        "2026-12-01-090000-steady-steps.fit",
        "2026-12-02-090000-steady-steps.fit",
    ]
    for path in files:
        decoded = decode_file(path)
        assert decoded.integrity
        assert [lap["intensity"] for lap in decoded.all("lap")] == ["warmup", "interval"]
    assert view.banner() == f"Exported 2 walks as FIT files to {tmp_path / 'fit'}."
    assert prompts.asked[-1][0] == "Export the selected 2 walks as FIT files"


def test_export_as_fit_waits_for_a_selection_and_a_note_for_one_walk(view: HistoryView) -> None:
    assert not _button(view, "fit").isEnabled()
    _select(view, "w1", "w2")
    assert _button(view, "fit").isEnabled()
    assert not _button(view, "note").isEnabled()
    assert not _button(view, "delete").isEnabled()
    _select(view, "w1")
    assert _button(view, "note").isEnabled()


def test_a_walk_without_segments_is_named_and_nothing_written(
    qtbot: QtBot, view: HistoryView, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    _select(view, "w3")
    prompts.folders.append(tmp_path)
    _click_fit(qtbot, view)
    assert view.banner().startswith("Nothing was exported. Skipped the walk of 2026-12-03 09:00")
    assert "no segments to export" in view.banner()
    assert not list(tmp_path.glob("*.fit"))


def test_files_already_there_are_replaced_only_when_the_walker_agrees(
    qtbot: QtBot, view: HistoryView, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    mine = tmp_path / "2026-12-01-090000-steady-steps.fit"
    mine.write_bytes(b"mine")
    _select(view, "w1", "w2")
    prompts.folders.append(tmp_path)
    prompts.confirms.append(False)
    _click_fit(qtbot, view)
    assert mine.read_bytes() == b"mine"
    assert sorted(p.name for p in tmp_path.glob("*.fit")) == [mine.name]
    assert "kept" in view.banner()
    prompts.folders.append(tmp_path)
    prompts.confirms.append(True)
    _click_fit(qtbot, view)
    assert decode_file(mine).integrity
    assert len(list(tmp_path.glob("*.fit"))) == 2


def test_a_folder_that_cannot_be_written_says_the_export_stopped(
    qtbot: QtBot, view: HistoryView, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    _select(view, "w1")
    prompts.folders.append(blocker / "fit")
    _click_fit(qtbot, view)
    assert view.banner().startswith("The FIT export stopped: could not make the folder")
