"""``retrocoach history`` and ``retrocoach plans``: table, CSV and JSON, dates, the plan list."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import jsonschema
import pytest

from retrocoach.cli.history import run_history, run_plans
from retrocoach.core.figures.export import CSV_COLUMNS
from retrocoach.core.history.store import HistoryStore, Outcome, SessionRecord
from retrocoach.core.plan.model import Kind, Plan
from retrocoach.core.plan.presets import Preset
from retrocoach.core.plan.store import PlanStore
from retrocoach.core.session.machine import SegmentRecord
from retrocoach.core.storage.shipped import asset_path

ZONE = timezone(timedelta(hours=1))
PLAN = Plan(forward_s=300, backward_s=60, rounds=3, warmup_s=120, cooldown_s=120, name="daily")


def record(
    day: int, *, hour: int = 7, outcome: Outcome = Outcome.COMPLETED, **more: object
) -> SessionRecord:
    segments = tuple(
        SegmentRecord(s.kind, s.seconds, float(s.seconds), s.round)
        for s in PLAN.segments()
        if s.kind is not Kind.GETREADY
    )
    start = datetime(2026, 11, day, hour, 0, tzinfo=ZONE)
    fields: dict[str, object] = {
        "id": f"{day:02d}{hour:02d}" + "0" * 28,
        "started_at": start,
        "ended_at": start + timedelta(seconds=PLAN.total_s),
        "outcome": outcome,
        "plan": PLAN,
        "segments": segments,
        "forward_s": 1140.0,
        "backward_s": 180.0,
    }
    fields.update(more)
    return SessionRecord(**fields)  # type: ignore[arg-type]


def store_with(folder: Path, *records: SessionRecord) -> HistoryStore:
    store = HistoryStore(folder, warn=pytest.fail)
    for one in records:
        store.add(one)
    return store


def history(
    store: HistoryStore, fmt: str, since: date | None = None, until: date | None = None
) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_history(store, fmt, out, err, tz=ZONE, since=since, until=until)
    return code, out.getvalue(), err.getvalue()


def test_the_table_lists_sessions_oldest_first_with_totals_underneath(tmp_path: Path) -> None:
    store = store_with(
        tmp_path,
        record(18, outcome=Outcome.STOPPED, plan=PLAN.renamed("tab\there"), backward_s=90.0),
        record(16),
    )
    code, out, err = history(store, "table")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == [
        "Date", "Plan", "Walked", "Backward", "Belt", "est.*", "Energy", "est.*", "Outcome"
    ]  # fmt: skip
    assert lines[1].split() == [
        "2026-11-16", "07:00", "daily", "22:00", "3:00", "-", "-", "completed"
    ]  # fmt: skip
    assert lines[2].split() == [
        "2026-11-18",
        "07:00",
        "tab",
        "here",
        "20:30",
        "1:30",
        "-",
        "-",
        "stopped",
    ]
    assert lines[4] == "2 sessions, 42:30 walked: 38:00 forward, 4:30 backward"
    assert lines[5].startswith("* Estimates:")  # what the starred columns are


def test_an_empty_history_says_so(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path, warn=pytest.fail)
    assert history(store, "table") == (0, "No sessions recorded yet.\n", "")
    assert history(store, "table", since=date(2026, 1, 1)) == (
        0,
        "No sessions from 2026-01-01 to today.\n",
        "",
    )


def test_since_and_until_pick_local_days_both_included(tmp_path: Path) -> None:
    store = store_with(tmp_path, record(15), record(16), record(17, hour=23), record(18))
    code, out, _ = history(store, "csv", since=date(2026, 11, 16), until=date(2026, 11, 17))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["date"] for row in rows] == ["2026-11-16", "2026-11-17"]


def test_since_after_until_exits_2_in_one_line(tmp_path: Path) -> None:
    store = store_with(tmp_path, record(16))
    code, out, err = history(store, "table", since=date(2026, 11, 20), until=date(2026, 11, 1))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert "--since 2026-11-20 is after --until 2026-11-01" in err


def test_an_unknown_format_exits_2_in_one_line(tmp_path: Path) -> None:
    code, _, err = history(HistoryStore(tmp_path, warn=pytest.fail), "xml")
    assert code == 2
    assert err == "retrocoach: unknown format 'xml': use table, csv, json, fit\n"


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_quoted(tmp_path: Path) -> None:
    plan = Plan(name="=HYPERLINK(1)")
    store = store_with(tmp_path, record(16, plan=plan, notes="+1 felt fine"), record(17, notes="-"))
    rows = list(csv.DictReader(io.StringIO(history(store, "csv")[1])))
    assert rows[0]["plan"] == "'=HYPERLINK(1)"
    assert rows[0]["notes"] == "'+1 felt fine"
    assert rows[1]["notes"] == "'-"
    assert rows[1]["plan"] == "daily"


def test_csv_has_a_header_iso_dates_and_seconds(tmp_path: Path) -> None:
    notes = 'said "hi", then, left\nnext line'
    store = store_with(tmp_path, record(16, effort=6, notes=notes, backward_s=12.345), record(17))
    code, out, _ = history(store, "csv")
    assert code == 0
    assert out.splitlines()[0] == ",".join(CSV_COLUMNS)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0] == {
        "id": "1607" + "0" * 28,
        "date": "2026-11-16",
        "started_at": "2026-11-16T07:00:00+01:00",
        "ended_at": "2026-11-16T07:22:05+01:00",
        "plan": "daily",
        "outcome": "completed",
        "walking_s": "1152.345",
        "forward_s": "1140",
        "backward_s": "12.345",
        "effort": "6",
        "notes": notes,
        "forward_m_est": "",
        "backward_m_est": "",
        "energy_kcal_est": "",
    }
    assert rows[1]["effort"] == rows[1]["notes"] == ""


def test_json_output_is_a_history_document_that_fits_the_schema(tmp_path: Path) -> None:
    records = [record(16, notes="n", effort=2), record(17, outcome=Outcome.INTERRUPTED)]
    code, out, _ = history(store_with(tmp_path, *records), "json")
    assert code == 0
    data = json.loads(out)
    schema = json.loads(asset_path("data", "history.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(data)
    assert [SessionRecord.from_json(s) for s in data["sessions"]] == records


def test_a_damaged_history_still_lists_and_the_warning_goes_to_stderr(tmp_path: Path) -> None:
    (tmp_path / "history.json").write_bytes(b"\xff\xfe garbage")
    warnings: list[str] = []
    store = HistoryStore(tmp_path, warn=warnings.append)
    out, err = io.StringIO(), io.StringIO()
    assert run_history(store, "table", out, err) == 0
    assert out.getvalue() == "No sessions recorded yet.\n"
    assert "not UTF-8" in warnings[0]
    (tmp_path / "history.json").unlink()  # leave no unreadable history for the schema check


def test_an_unreadable_folder_exits_1_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "history.json").mkdir()  # reading a folder as a file fails with an OSError
    out, err = io.StringIO(), io.StringIO()
    told: list[str] = []
    assert run_history(HistoryStore(tmp_path, warn=told.append), "table", out, err) == 1
    assert len(told) == 1
    assert "could not read history.json" in told[0]
    assert "nothing will be saved over it" in told[0]
    assert out.getvalue() == err.getvalue() == ""


def test_plans_lists_built_in_presets_and_saved_plans(tmp_path: Path) -> None:
    presets: Mapping[str, Preset] = {
        "stroll": Preset(
            "stroll", Plan(name="stroll"), "An easy start.", "From a study.", ("hooper-2004",)
        ),
    }
    plans = PlanStore(tmp_path, warn=pytest.fail)
    plans.save(Plan(forward_s=60, backward_s=30, rounds=2, name="Lunch break"))
    out, err = io.StringIO(), io.StringIO()
    assert run_plans(plans, out, err, presets=presets) == 0
    text = out.getvalue()
    assert err.getvalue() == ""
    assert text.startswith("Built-in plans:\n  stroll ")
    assert "An easy start.\n" in text
    assert "From a study.\n" in text
    assert "Source: Hooper et al. 2004\n" in text
    assert "\nReferences (RetroCoach is not medical advice):\n  - " in text
    assert "\n  - Hooper TL" in text  # besides the sources of the rules listed before them
    assert "https://doi.org/10.2519/jospt.2004.34.2.65" in text
    assert "\nSaved plans:\n  Lunch break  2 x (1:00 forward, 0:30 backward)" in text
    assert "forward=1m backward=30s rounds=2" in text


def test_plans_says_when_nothing_is_saved_and_lists_the_real_presets(tmp_path: Path) -> None:
    out = io.StringIO()
    assert run_plans(PlanStore(tmp_path, warn=pytest.fail), out, io.StringIO()) == 0
    assert "first-steps" in out.getvalue()
    assert "Saved plans:\n  none yet\n" in out.getvalue()
