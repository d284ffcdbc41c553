"""History schema 2: speeds, turn-arounds and estimates in the file, and the move from version 1."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from retrocoach.core.history.store import HistoryStore, SessionRecord
from retrocoach.core.plan.model import Kind, parse_spec
from retrocoach.core.session.estimates import EstimateBasis
from retrocoach.core.session.machine import Session

RecordFactory = Callable[..., SessionRecord]
START = datetime(2026, 11, 16, 7, 30, tzinfo=timezone(timedelta(hours=1)))

V1_SESSION = {
    "id": "a1",
    "started_at": "2026-11-01T07:00:00+01:00",
    "ended_at": "2026-11-01T07:20:00+01:00",
    "outcome": "completed",
    "plan": {
        "name": "first-steps",
        "getready_s": 10,
        "warmup_s": 0,
        "forward_s": 300,
        "backward_s": 60,
        "rounds": 3,
        "cooldown_s": 120,
    },
    "segments": [{"kind": "forward", "round": 1, "planned_s": 300, "actual_s": 300}],
    "forward_s": 300,
    "backward_s": 0,
    "notes": "kept",
}
V1_BYTES = (json.dumps({"schema_version": 1, "sessions": [V1_SESSION]}, indent=1) + "\n").encode()


def store(folder: Path, told: list[str] | None = None) -> HistoryStore:
    lines = told if told is not None else []
    return HistoryStore(folder, warn=lines.append, wall_clock=lambda: datetime(2026, 11, 21, 7))


@pytest.mark.leaves_bad_history  # the file stays version 1, as it should
def test_a_version_1_file_reads_with_nulls_and_is_not_changed_by_reading(tmp_path: Path) -> None:
    (tmp_path / "history.json").write_bytes(V1_BYTES)
    (old,) = store(tmp_path).sessions()
    assert (old.forward_m, old.backward_m, old.energy_kcal_est) == (None, None, None)
    assert old.plan.turn_s == 0
    assert old.plan.forward_speed_kmh is None
    assert old.segments[0].speed_kmh is None
    assert (tmp_path / "history.json").read_bytes() == V1_BYTES
    assert not (tmp_path / "history.v1.json").exists()


@pytest.mark.leaves_bad_history  # history.json.bak is the version-1 file, as it should be
def test_the_first_write_migrates_a_version_1_file_to_the_current_version_keeping_its_bytes(
    tmp_path: Path, make_record: RecordFactory, assert_schema_valid: Callable[[object], None]
) -> None:
    (tmp_path / "history.json").write_bytes(V1_BYTES)
    told: list[str] = []
    store(tmp_path, told).add(make_record())
    assert (tmp_path / "history.v1.json").read_bytes() == V1_BYTES
    assert any("history.v1.json" in line for line in told)
    document = json.loads((tmp_path / "history.json").read_text())
    assert document["schema_version"] == 3
    old = document["sessions"][0]
    assert old["notes"] == "kept"
    assert (old["forward_m"], old["backward_m"], old["energy_kcal_est"]) == (None, None, None)
    assert old["plan"]["turn_s"] == 0
    assert old["plan"]["backward_speed_kmh"] is None
    assert old["segments"][0]["speed_kmh"] is None
    assert_schema_valid(tmp_path / "history.json")
    # Later writes leave the kept copy alone.
    store(tmp_path).add(make_record())
    assert (tmp_path / "history.v1.json").read_bytes() == V1_BYTES


@pytest.mark.leaves_bad_history  # history.json.bak is the version-1 file, as it should be
def test_a_version_1_copy_already_there_is_never_overwritten(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    (tmp_path / "history.v1.json").write_bytes(b"an earlier copy")
    (tmp_path / "history.json").write_bytes(V1_BYTES)
    store(tmp_path).add(make_record())
    assert (tmp_path / "history.v1.json").read_bytes() == b"an earlier copy"
    assert len(store(tmp_path).sessions()) == 2


def test_a_walk_with_speeds_and_turns_is_stored_with_its_estimates(
    tmp_path: Path, assert_schema_valid: Callable[[object], None]
) -> None:
    plan = parse_spec(
        "getready=0s warmup=0s forward=60s backward=30s rounds=1 cooldown=0s turn=5s "
        "forward-speed=3.6km/h backward-speed=1.2km/h"
    )
    session = Session(plan)
    session.start(0.0)
    now = 0.0
    while not session.is_over:
        now += 0.5
        session.advance(now)
    record = SessionRecord.from_session(
        session, started_at=START, now=now, outcome="completed", basis=EstimateBasis(80.0)
    )
    store(tmp_path).add(record)
    document = json.loads((tmp_path / "history.json").read_text())
    saved = document["sessions"][0]
    assert [s["kind"] for s in saved["segments"]] == ["forward", "turn", "backward"]
    assert [s["speed_kmh"] for s in saved["segments"]] == [3.6, None, 1.2]
    assert (saved["forward_s"], saved["backward_s"]) == (60.0, 30.0)  # the turn is neither
    assert (saved["forward_m"], saved["backward_m"]) == (60.0, 10.0)
    # 3.6 km/h = 2.24 mph: 3.0 MET x 80 kg x 1/60 h = 4.0; 1.2 km/h: 2.1 x 1.3 x 80 / 120 = 1.82.
    assert saved["energy_kcal_est"] == 5.8
    assert saved["plan"]["turn_s"] == 5
    assert_schema_valid(tmp_path / "history.json")
    assert store(tmp_path).sessions()[0].segments[1].kind is Kind.TURN


@pytest.mark.leaves_bad_history  # history.json.bak is the version-1 file, as it should be
def test_the_kept_version_1_file_is_private(tmp_path: Path, make_record: RecordFactory) -> None:
    (tmp_path / "history.json").write_bytes(V1_BYTES)
    store(tmp_path).add(make_record())
    assert stat.S_IMODE((tmp_path / "history.v1.json").stat().st_mode) == 0o600


def test_a_journal_left_by_a_version_1_retrocoach_is_recovered(tmp_path: Path) -> None:
    journal = {"schema_version": 1, "session": {**V1_SESSION, "outcome": "interrupted"}}
    (tmp_path / "session.journal.json").write_text(json.dumps(journal))
    (recovered,) = store(tmp_path).recover_journals()
    assert recovered.id == "a1"
    assert recovered.segments[0].speed_kmh is None
    assert [s.id for s in store(tmp_path).sessions()] == ["a1"]


@pytest.mark.leaves_bad_history  # version-1 copies stay beside it, as they should
def test_the_version_1_bytes_are_kept_under_a_free_name_when_a_different_copy_is_there(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    # An earlier copy (another machine's, say) must stay, and these bytes must not end up
    # only in history.json.bak, which the next write replaces.
    (tmp_path / "history.v1.json").write_bytes(b"an earlier copy")
    (tmp_path / "history.json").write_bytes(V1_BYTES)
    told: list[str] = []
    store(tmp_path, told).add(make_record())
    store(tmp_path).add(make_record())
    store(tmp_path).add(make_record())
    assert (tmp_path / "history.v1.json").read_bytes() == b"an earlier copy"
    assert (tmp_path / "history.v1.2.json").read_bytes() == V1_BYTES
    assert any("history.v1.2.json" in line for line in told)


@pytest.mark.leaves_bad_history  # the version-1 copy stays beside it, as it should
def test_the_same_version_1_bytes_already_kept_are_not_kept_twice(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    (tmp_path / "history.v1.json").write_bytes(V1_BYTES)
    (tmp_path / "history.json").write_bytes(V1_BYTES)
    store(tmp_path).add(make_record())
    assert sorted(p.name for p in tmp_path.glob("history.v1*")) == ["history.v1.json"]
