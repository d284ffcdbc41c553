"""The history view: the table, its sorting, the figures, the chart, notes, delete, undo, CSV."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import stat
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from prompt_doubles import ScriptedPrompts
from PySide6.QtCharts import QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QStackedWidget
from pytestqt.qtbot import QtBot

from retrocoach.cli.history import run_history
from retrocoach.core.figures.export import CSV_COLUMNS
from retrocoach.core.history.records import Outcome, SessionRecord
from retrocoach.core.history.store import HistoryStore
from retrocoach.core.plan.model import Kind, Plan, parse_spec
from retrocoach.core.session.machine import SegmentRecord
from retrocoach.ui.history.chart import CHART_WEEKS
from retrocoach.ui.history.model import COLUMNS, RECORD_ROLE
from retrocoach.ui.history.view import HistoryView

TZ = timezone(timedelta(hours=1))
# The plans these walks followed, as the built-in plans were then (no turn-arounds; two trial
# doses since taken out of the list): a history keeps its walks as they were walked.
WALKED = {
    name: parse_spec(spec, name=name)
    for name, spec in (
        ("first-steps", "warmup=0s forward=5m backward=1m rounds=3 cooldown=2m"),
        ("gentle-start", "warmup=2m forward=1m backward=1m rounds=5 cooldown=2m"),
        ("daily-ten", "warmup=3m forward=1m backward=2m rounds=5 cooldown=2m"),
    )
}
KNEE_10 = parse_spec("warmup=0s forward=3m backward=10m rounds=1 cooldown=2m", name="knee-10")
STUDY_30 = parse_spec("warmup=3m forward=1m backward=5m rounds=6 cooldown=3m", name="study-30")
TODAY = date(2026, 11, 21)  # a Saturday; its week starts on Monday 16 November


def session(
    number: int,
    day: date,
    plan: Plan = WALKED["first-steps"],
    *,
    outcome: Outcome = Outcome.COMPLETED,
    effort: int | None = None,
    notes: str | None = None,
    hour: int = 7,
) -> SessionRecord:
    """A session of *plan* walked in full, started at *hour* on *day* in TZ."""
    segments = tuple(
        SegmentRecord(s.kind, s.seconds, float(s.seconds), s.round)
        for s in plan.segments()
        if s.kind is not Kind.GETREADY
    )
    started = datetime(day.year, day.month, day.day, hour, 0, tzinfo=TZ)
    return SessionRecord(
        id=f"s{number:03d}",
        started_at=started,
        ended_at=started + timedelta(seconds=plan.total_s),
        outcome=outcome,
        plan=plan,
        segments=segments,
        forward_s=float(sum(s.actual_s for s in segments if s.kind is not Kind.BACKWARD)),
        backward_s=float(sum(s.actual_s for s in segments if s.kind is Kind.BACKWARD)),
        # Estimates as a belt at 3.6 and 1.2 km/h would give; one session has no energy.
        forward_m=plan.forward_total_s * 1.0,
        backward_m=plan.backward_total_s / 3,
        energy_kcal_est=None if number == 3 else 10.0 * number,
        notes=notes,
        effort=effort,
    )


RECORDS = (
    session(1, TODAY - timedelta(days=40), KNEE_10, effort=4),
    session(2, TODAY - timedelta(days=2), WALKED["daily-ten"], notes="windy"),
    session(3, TODAY - timedelta(days=1), outcome=Outcome.STOPPED, effort=8),
    session(4, TODAY, WALKED["gentle-start"], effort=7, notes="easy\nand calm"),
    session(5, TODAY - timedelta(days=9), STUDY_30, outcome=Outcome.INTERRUPTED),
)


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    """A history of RECORDS in a fresh data folder; any warning fails the test."""
    history = HistoryStore(tmp_path / "data", warn=pytest.fail)
    for record in RECORDS:
        history.add(record)
    return history


@pytest.fixture
def prompts() -> ScriptedPrompts:
    """The walker's answers."""
    return ScriptedPrompts()


@pytest.fixture
def view(qtbot: QtBot, store: HistoryStore, prompts: ScriptedPrompts) -> HistoryView:
    """A view of the store, read, on a fixed day and time zone."""
    widget = HistoryView(store, prompts=prompts, today=lambda: TODAY, tz=TZ)
    qtbot.addWidget(widget)
    widget.refresh()
    return widget


def shown(view: HistoryView) -> list[SessionRecord]:
    """The records in the order the table shows them."""
    proxy = view.table.model()
    return [proxy.index(row, 0).data(RECORD_ROLE) for row in range(proxy.rowCount())]


def cell(view: HistoryView, record_id: str, column: int) -> str:
    proxy = view.table.model()
    row = next(n for n, r in enumerate(shown(view)) if r.id == record_id)
    return str(proxy.index(row, column).data())


def text(view: HistoryView, name: str) -> str:
    label = view.findChild(QLabel, name)
    assert label is not None
    return label.text()


def click(qtbot: QtBot, view: HistoryView, name: str) -> None:
    button = view.findChild(QPushButton, f"history_{name}_button")
    assert button is not None
    assert button.isEnabled(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def file_ids(store: HistoryStore) -> list[str]:
    return [entry["id"] for entry in json.loads(store.path.read_text())["sessions"]]


def test_the_rows_are_the_sessions_of_history_json_newest_first(
    view: HistoryView, store: HistoryStore
) -> None:
    assert sorted(r.id for r in shown(view)) == sorted(file_ids(store))
    assert [r.id for r in shown(view)] == ["s004", "s003", "s002", "s005", "s001"]
    assert view.table.horizontalHeader().sortIndicatorSection() == 0


def test_each_cell_shows_the_session_in_words(view: HistoryView) -> None:
    assert cell(view, "s004", 0) == "2026-11-21 07:00"
    assert cell(view, "s004", 1) == "gentle-start"
    assert cell(view, "s004", 2) == "14:00"  # 2 + 5 x (1 + 1) + 2 minutes
    assert cell(view, "s004", 3) == "5:00"
    assert cell(view, "s004", 4) == "Completed"
    assert cell(view, "s004", 5) == "7 of 10"
    assert cell(view, "s004", 6) == "easy and calm", "a note stays on one line"
    assert cell(view, "s003", 4) == "Stopped early"
    assert cell(view, "s005", 4) == "Cut short"
    assert cell(view, "s002", 5) == ""


def test_dates_are_shown_in_the_local_time_zone(
    qtbot: QtBot, store: HistoryStore, prompts: ScriptedPrompts
) -> None:
    utc_view = HistoryView(store, prompts=prompts, today=lambda: TODAY, tz=UTC)
    qtbot.addWidget(utc_view)
    utc_view.refresh()
    assert cell(utc_view, "s004", 0) == "2026-11-21 06:00"


@pytest.mark.parametrize("column", range(len(COLUMNS)))
@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_every_column_sorts_both_ways(view: HistoryView, column: int, order: Qt.SortOrder) -> None:
    keys = {
        0: lambda r: r.started_at,
        1: lambda r: r.plan.name,
        2: lambda r: r.walking_s,
        3: lambda r: r.backward_s,
        4: lambda r: r.outcome.value,
        5: lambda r: -1 if r.effort is None else r.effort,
        6: lambda r: r.notes or "",
        7: lambda r: r.forward_m + r.backward_m,
        8: lambda r: -1 if r.energy_kcal_est is None else r.energy_kcal_est,
    }
    view.table.sortByColumn(column, order)
    values = [keys[column](r) for r in shown(view)]
    descending = order == Qt.SortOrder.DescendingOrder
    assert values == sorted(values, reverse=descending)
    assert len(set(map(keys[column], RECORDS))) > 1, "the data tells the orders apart"


def test_a_sort_keeps_the_selection_on_the_same_session(view: HistoryView) -> None:
    assert view.select_session("s002")
    view.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    rows = view.table.selectionModel().selectedRows()
    assert [index.data(RECORD_ROLE).id for index in rows] == ["s002"]


def test_totals_this_week_and_streak_are_shown(view: HistoryView) -> None:
    # Backward: knee-10 10, daily-ten 10, first-steps 3, gentle-start 5, study-30 30 minutes.
    assert text(view, "history_totals").startswith("5 sessions, ")
    assert "53:00 forward, 58:00 backward" in text(view, "history_totals")
    # This week (from Monday 16 November): daily-ten, first-steps, gentle-start.
    assert text(view, "history_week") == "This week: 18:00 backward"
    assert text(view, "history_streak") == "Streak: 3 days"


def test_the_chart_has_a_forward_and_a_backward_set_for_each_recent_week(
    view: HistoryView,
) -> None:
    chart = view.chart
    assert len(chart.categories()) == CHART_WEEKS
    assert chart.categories()[-1] == "Nov 16"
    assert chart.forward_set.label() == "Forward"
    assert chart.backward_set.label() == "Backward"
    backward = [chart.backward_set.at(n) for n in range(chart.backward_set.count())]
    forward = [chart.forward_set.at(n) for n in range(chart.forward_set.count())]
    # The last bar is this week (daily-ten, first-steps, gentle-start); the one before holds
    # study-30 nine days ago; knee-10, forty days ago, is five weeks before this one.
    expected_backward = [0.0] * CHART_WEEKS
    expected_forward = [0.0] * CHART_WEEKS
    expected_backward[-1], expected_forward[-1] = 10 + 3 + 5, 10 + 17 + 9
    expected_backward[-2], expected_forward[-2] = 30, 12
    expected_backward[-6], expected_forward[-6] = 10, 5
    assert backward == expected_backward
    assert forward == expected_forward


def test_the_minutes_axis_ticks_on_whole_round_minutes(view: HistoryView) -> None:
    """The tallest week here is 42 minutes: the axis runs to 60 in steps of 15, never 2.5.

    At most four steps: a short chart (the window at its smallest) keeps every label whole.
    """
    axis = next(a for a in view.chart.chart().axes() if isinstance(a, QValueAxis))
    assert (axis.min(), axis.max()) == (0, 60)
    assert axis.tickType() is QValueAxis.TickType.TicksDynamic
    assert axis.tickInterval() == 15
    assert axis.tickAnchor() == 0
    assert axis.labelFormat() == "%d"


def test_an_edited_note_is_saved_in_history_json(
    qtbot: QtBot, view: HistoryView, store: HistoryStore, prompts: ScriptedPrompts
) -> None:
    view.select_session("s002")
    prompts.notes.append("  calm morning, rails light  ")
    with qtbot.waitSignal(view.history_changed, timeout=1000):
        click(qtbot, view, "note")
    assert prompts.asked[-1] == ("Session note", "windy")
    saved = {entry["id"]: entry for entry in json.loads(store.path.read_text())["sessions"]}
    assert saved["s002"]["notes"] == "calm morning, rails light"
    assert saved["s002"].get("effort") is None
    assert cell(view, "s002", 6) == "calm morning, rails light"
    assert view.banner() == "Note and effort saved."


def test_an_emptied_note_is_removed(
    qtbot: QtBot, view: HistoryView, store: HistoryStore, prompts: ScriptedPrompts
) -> None:
    view.select_session("s004")
    prompts.notes.append("   ")
    click(qtbot, view, "note")
    saved = {r.id: r for r in store.sessions()}
    assert saved["s004"].notes is None
    assert saved["s004"].effort == 7, "the effort is kept"


def test_a_deleted_session_comes_back_the_same_with_undo(
    qtbot: QtBot, view: HistoryView, store: HistoryStore
) -> None:
    original = next(r for r in RECORDS if r.id == "s003")
    view.select_session("s003")
    click(qtbot, view, "delete")
    assert "s003" not in file_ids(store)
    assert "s003" not in [r.id for r in shown(view)]
    assert view.banner().startswith("Deleted the session of 2026-11-20 07:00")
    assert text(view, "history_totals").startswith("4 sessions")
    click(qtbot, view, "undo")
    restored = {r.id: r for r in store.sessions()}["s003"]
    assert restored == original
    assert [r.id for r in shown(view)] == ["s004", "s003", "s002", "s005", "s001"]
    assert [i.data(RECORD_ROLE).id for i in view.table.selectionModel().selectedRows()] == ["s003"]
    assert text(view, "history_totals").startswith("5 sessions")
    undo = view.findChild(QPushButton, "history_undo_button")
    assert undo is not None
    assert not undo.isEnabled()


def test_undo_brings_back_several_deletions_last_first(
    qtbot: QtBot, view: HistoryView, store: HistoryStore
) -> None:
    for record_id in ("s001", "s004"):
        view.select_session(record_id)
        click(qtbot, view, "delete")
    click(qtbot, view, "undo")
    assert "s004" in file_ids(store)
    assert "s001" not in file_ids(store)
    click(qtbot, view, "undo")
    assert sorted(file_ids(store)) == sorted(r.id for r in RECORDS)


def test_deleting_the_only_session_keeps_the_undo_button_in_reach(
    qtbot: QtBot, tmp_path: Path
) -> None:
    single = HistoryStore(tmp_path / "one", warn=pytest.fail)
    single.add(RECORDS[0])
    alone = HistoryView(single, today=lambda: TODAY, tz=TZ)
    qtbot.addWidget(alone)
    alone.refresh()
    alone.select_session(RECORDS[0].id)
    click(qtbot, alone, "delete")
    assert single.sessions() == ()
    undo = alone.findChild(QPushButton, "history_undo_button")
    assert undo is not None
    assert undo.isVisibleTo(alone)
    click(qtbot, alone, "undo")
    assert single.sessions() == (RECORDS[0],)


def test_export_writes_the_cli_csv_with_its_header(
    qtbot: QtBot, view: HistoryView, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    target = tmp_path / "export" / "walks.csv"
    target.parent.mkdir()
    prompts.paths.append(target)
    click(qtbot, view, "export")
    with target.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert sorted(row[0] for row in rows[1:]) == sorted(r.id for r in RECORDS)
    notes = {row[0]: row[CSV_COLUMNS.index("notes")] for row in rows[1:]}
    assert notes["s004"] == "easy\nand calm"
    assert view.banner() == f"Exported the history to {target}."
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600, "health data stays private"


def test_an_export_to_a_folder_that_does_not_exist_says_nothing_was_exported(
    qtbot: QtBot, view: HistoryView, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    prompts.paths.append(blocked / "walks.csv")
    click(qtbot, view, "export")
    assert view.banner().startswith("Nothing was exported: could not save walks.csv")


def test_an_empty_history_shows_a_friendly_message(qtbot: QtBot, tmp_path: Path) -> None:
    empty = HistoryView(HistoryStore(tmp_path / "none", warn=pytest.fail), today=lambda: TODAY)
    qtbot.addWidget(empty)
    empty.refresh()
    pages = empty.findChild(QStackedWidget)
    assert pages is not None
    shown = pages.currentWidget()
    assert shown is not None
    assert shown.objectName() == "history_empty"
    assert text(empty, "history_empty").startswith("No sessions yet.")


def test_a_newer_history_file_is_shown_but_never_changed(
    qtbot: QtBot, store: HistoryStore, tmp_path: Path
) -> None:
    document = json.loads(store.path.read_text())
    document["schema_version"] = 99
    store.path.write_text(json.dumps(document))
    told: list[str] = []
    newer = HistoryView(HistoryStore(store.path.parent, warn=told.append), today=lambda: TODAY)
    qtbot.addWidget(newer)
    newer.refresh()
    assert len(shown(newer)) == len(RECORDS)
    assert "newer RetroCoach" in newer.banner()
    newer.select_session("s001")
    delete = newer.findChild(QPushButton, "history_delete_button")
    assert delete is not None
    assert not delete.isEnabled()


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_the_history_is_read_when_first_shown_and_keys_delete_and_undo(
    qtbot: QtBot, store: HistoryStore
) -> None:
    lazy = HistoryView(store, today=lambda: TODAY, tz=TZ)
    qtbot.addWidget(lazy)
    assert lazy.model.rowCount() == 0, "building the view reads nothing"
    lazy.show()
    qtbot.waitExposed(lazy)
    assert lazy.model.rowCount() == len(RECORDS)
    with qtbot.waitActive(lazy):
        lazy.activateWindow()
    lazy.select_session("s002")
    lazy.table.setFocus()
    qtbot.keyClick(lazy.table, Qt.Key.Key_Delete)
    assert "s002" not in file_ids(store)
    qtbot.keyClick(lazy.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "s002" in file_ids(store)


def test_the_export_is_the_command_lines_csv_byte_for_byte(
    qtbot: QtBot, view: HistoryView, store: HistoryStore, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    target = tmp_path / "walks.csv"
    prompts.paths.append(target)
    click(qtbot, view, "export")
    out, err = io.StringIO(), io.StringIO()
    assert run_history(store, "csv", out, err, tz=TZ) == 0
    assert target.read_bytes().decode("utf-8") == out.getvalue()


def test_an_export_after_the_history_became_unreadable_says_why(
    qtbot: QtBot, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    told: list[str] = []
    history = HistoryStore(tmp_path / "data", warn=told.append)
    history.add(RECORDS[0])
    widget = HistoryView(history, prompts=prompts, today=lambda: TODAY, tz=TZ)
    qtbot.addWidget(widget)
    widget.refresh()
    history.path.unlink()
    history.path.mkdir()  # a folder where the file was: it cannot be read, nor copied aside
    target = tmp_path / "walks.csv"
    prompts.paths.append(target)
    click(qtbot, widget, "export")
    assert widget.banner() == "Nothing was exported: history.json cannot be read"
    assert not target.exists()
    assert told  # the store said why, too


@pytest.mark.parametrize(
    "tz", [timezone(timedelta(hours=14)), timezone(timedelta(hours=-12)), None]
)
def test_dates_at_the_ends_of_the_calendar_are_shown_and_exported_without_a_crash(
    qtbot: QtBot, tmp_path: Path, prompts: ScriptedPrompts, tz: timezone | None
) -> None:
    early = datetime(1, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=5)))
    late = datetime(9999, 12, 31, 23, 0, tzinfo=timezone(timedelta(hours=-5)))
    history = HistoryStore(tmp_path / "data", warn=pytest.fail)
    for number, start in enumerate((early, late, datetime(2026, 11, 20, 7, tzinfo=TZ))):
        base = session(number, TODAY)
        history.add(
            dataclasses.replace(
                base, started_at=start, ended_at=start + timedelta(minutes=5), notes="\ud800 \u2192"
            )
        )
    widget = HistoryView(history, prompts=prompts, today=lambda: TODAY, tz=tz)
    qtbot.addWidget(widget)
    widget.refresh()
    widget.show()
    qtbot.wait(10)  # let the table and the chart paint
    assert len(shown(widget)) == 3
    assert cell(widget, "s000", 0) == "0001-01-01 00:30"  # kept in its own offset
    target = tmp_path / "walks.csv"
    prompts.paths.append(target)
    click(qtbot, widget, "export")
    assert widget.banner() == f"Exported the history to {target}."
    with target.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 4


def test_a_second_delete_never_takes_another_walk_and_undo_brings_the_first_back(
    qtbot: QtBot, view: HistoryView, store: HistoryStore
) -> None:
    """Delete once removes the chosen walk and leaves nothing selected, so pressing it again
    (a double press, a key held) removes nothing more; Ctrl+Z restores the one deleted."""
    view.show()
    qtbot.waitExposed(view)
    with qtbot.waitActive(view):
        view.activateWindow()
    view.select_session("s003")  # a row in the middle: rows stand above and below it
    view.table.setFocus()
    for _ in range(3):
        qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert sorted(file_ids(store)) == ["s001", "s002", "s004", "s005"]
    assert view.table.selectionModel().selectedRows() == []
    assert len(shown(view)) == len(RECORDS) - 1
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert sorted(file_ids(store)) == ["s001", "s002", "s003", "s004", "s005"]
    assert [record.id for record in view._chosen()] == ["s003"]
