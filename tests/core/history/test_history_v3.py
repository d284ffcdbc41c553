"""History schema 3: devices, measured belt and heart rate, waited turns, and the move from 2."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from retrocoach.core.history.measured import (
    BeltTotals,
    BpmFigures,
    DeviceRef,
    Devices,
    HeartRate,
)
from retrocoach.core.history.records import RecordError, SessionRecord
from retrocoach.core.history.store import SCHEMA_VERSION, HistoryStore
from retrocoach.core.plan.model import Kind
from retrocoach.core.session.events import SegmentMeasure

RecordFactory = Callable[..., SessionRecord]


def store(folder: Path, told: list[str] | None = None) -> HistoryStore:
    lines = told if told is not None else []
    return HistoryStore(folder, warn=lines.append, wall_clock=lambda: datetime(2026, 12, 7, 4))


def measured_record(make_record: RecordFactory) -> SessionRecord:
    """A record with every version-3 field given."""
    record = make_record()
    segments = list(record.segments)
    segments[1] = dataclasses.replace(
        segments[1],
        measured=SegmentMeasure(
            distance_m=250.5, speed_kmh=3.0, avg_bpm=98.5, max_bpm=110, above_ceiling_s=0.0
        ),
    )
    turn = dataclasses.replace(segments[2], kind=Kind.TURN, waited=True, actual_s=7.25)
    segments.insert(2, turn)
    return dataclasses.replace(
        record,
        segments=tuple(segments),
        devices=Devices(DeviceRef("F0:11:22:33:44:55", "RetroCoach demo"), None),
        measured=BeltTotals(1200.0, 150.25, 3.5, 1.5),
        heart_rate=HeartRate(
            ceiling_bpm=120,
            avg_bpm=101.5,
            max_bpm=124,
            above_ceiling_s=12.5,
            forward=BpmFigures(100.0, 118),
            backward=BpmFigures(104.0, 124),
            trace=((0.0, 88), (1.0, 90.5)),
        ),
        stopped_unwell=True,
    )


def test_the_current_schema_is_version_3() -> None:
    assert SCHEMA_VERSION == 3


def test_every_version_3_field_round_trips_through_the_file(
    tmp_path: Path, make_record: RecordFactory, assert_schema_valid: Callable[[object], None]
) -> None:
    record = measured_record(make_record)
    store(tmp_path).add(record)
    assert_schema_valid(tmp_path / "history.json")
    (back,) = store(tmp_path).sessions()
    assert back == record
    saved = json.loads((tmp_path / "history.json").read_text())["sessions"][0]
    assert saved["devices"] == {
        "treadmill": {"name": "RetroCoach demo", "address": "F0:11:22:33:44:55"},
        "hr_strap": None,
    }
    assert saved["measured"]["backward_m"] == 150.25
    assert saved["heart_rate"]["trace"] == [[0.0, 88], [1.0, 90.5]]
    assert saved["stopped_unwell"] is True
    assert saved["segments"][2]["waited"] is True
    assert saved["segments"][1]["measured"]["distance_m"] == 250.5
    assert "waited" not in saved["segments"][0]
    assert "measured" not in saved["segments"][0]


def test_a_walk_without_devices_writes_no_version_3_keys(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    store(tmp_path).add(make_record())
    saved = json.loads((tmp_path / "history.json").read_text())["sessions"][0]
    for key in ("devices", "measured", "heart_rate", "stopped_unwell"):
        assert key not in saved
    assert all(
        set(entry) == {"kind", "round", "planned_s", "actual_s", "speed_kmh"}
        for entry in saved["segments"]
    )


def test_null_version_3_keys_read_as_absent(make_record: RecordFactory) -> None:
    data = make_record().to_json()
    data |= {"devices": None, "measured": None, "heart_rate": None, "stopped_unwell": None}
    data["segments"][0] |= {"waited": None, "measured": None}
    record = SessionRecord.from_json(data)
    assert (record.devices, record.measured, record.heart_rate) == (None, None, None)
    assert record.stopped_unwell is False
    assert record.segments[0].waited is False
    assert record.unknown is None


@pytest.mark.parametrize(
    ("where", "key", "value", "named"),
    [
        ("session", "stopped_unwell", "yes", "stopped_unwell"),
        ("session", "measured", {"forward_m": -1}, "forward_m"),
        ("session", "devices", {"treadmill": {"name": "x"}}, "address"),
        ("session", "heart_rate", {"max_bpm": 900}, "max_bpm"),
        ("session", "heart_rate", {"trace": [[1, 2, 3]]}, "trace"),
        ("segment", "waited", 1, "waited"),
        ("segment", "measured", {"speed_kmh": "fast"}, "speed_kmh"),
    ],
)
def test_a_bad_version_3_value_is_named(
    make_record: RecordFactory, where: str, key: str, value: Any, named: str
) -> None:
    data = make_record().to_json()
    (data if where == "session" else data["segments"][0])[key] = value
    with pytest.raises(RecordError, match=named):
        SessionRecord.from_json(data)


@pytest.mark.leaves_bad_history  # history.json.bak is the version-2 file, as it should be
def test_the_first_write_migrates_a_version_2_file_and_keeps_its_bytes(
    tmp_path: Path, make_record: RecordFactory, assert_schema_valid: Callable[[object], None]
) -> None:
    old = make_record(notes="from version 2").to_json()
    v2_bytes = (json.dumps({"schema_version": 2, "sessions": [old]}, indent=1) + "\n").encode()
    (tmp_path / "history.json").write_bytes(v2_bytes)
    (read,) = store(tmp_path).sessions()
    assert read.measured is None
    assert (tmp_path / "history.json").read_bytes() == v2_bytes  # reading changes nothing
    told: list[str] = []
    store(tmp_path, told).add(measured_record(make_record))
    assert (tmp_path / "history.v2.json").read_bytes() == v2_bytes
    assert any("history.v2.json" in line for line in told)
    document = json.loads((tmp_path / "history.json").read_text())
    assert document["schema_version"] == 3
    assert document["sessions"][0] == old  # nothing measured after the fact
    assert_schema_valid(tmp_path / "history.json")
    store(tmp_path).add(make_record())
    assert (tmp_path / "history.v2.json").read_bytes() == v2_bytes


def test_a_version_2_journal_left_by_a_crash_is_recovered(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    journal = {"schema_version": 2, "session": make_record(id="b2").to_json()}
    (tmp_path / "session.journal.json").write_text(json.dumps(journal))
    (recovered,) = store(tmp_path).recover_journals()
    assert recovered.id == "b2"
    assert [s.id for s in store(tmp_path).sessions()] == ["b2"]
