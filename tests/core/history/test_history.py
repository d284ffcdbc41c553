"""HistoryStore: round trips, damaged and newer files, migrations, locking and permissions."""

from __future__ import annotations

import dataclasses
import json
import re
import stat
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import filelock
import pytest

from retrocoach.core.errors import StorageError
from retrocoach.core.history.store import (
    MIGRATIONS,
    SCHEMA_VERSION,
    HistoryStore,
    NewerSchemaError,
    Outcome,
    RecordError,
    SessionRecord,
    UnknownSessionError,
    migrate_history,
)
from retrocoach.core.plan.model import Kind, Plan, PlanError
from retrocoach.core.session.machine import SegmentRecord
from retrocoach.core.storage.document import FileState, StoreBusyError

RecordFactory = Callable[..., SessionRecord]
START = datetime(2026, 11, 16, 7, 30, tzinfo=timezone(timedelta(hours=1)))
FIXED_NOW = datetime(2026, 11, 21, 7, 0, 0)


class Told:
    """Collects the lines a store tells the user."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def __call__(self, line: str) -> None:
        self.lines.append(line)


def new_store(folder: Path, told: Told | None = None, **options: Any) -> HistoryStore:
    return HistoryStore(
        folder, warn=told if told is not None else Told(), wall_clock=lambda: FIXED_NOW, **options
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- records ---------------------------------------------------------------------------------


def test_a_record_round_trips_every_field_through_json(make_record: RecordFactory) -> None:
    plan = Plan(forward_s=90, backward_s=45, rounds=2, warmup_s=0, cooldown_s=30, name="Kitchen")
    record = make_record(
        plan=plan,
        started_at=datetime(2026, 3, 29, 1, 59, 58, 123456, tzinfo=timezone(timedelta(hours=-5))),
        outcome=Outcome.STOPPED,
        segments=(
            SegmentRecord(Kind.FORWARD, 90, 90.0, 1),
            SegmentRecord(Kind.BACKWARD, 45, 12.345, 1),
        ),
        forward_s=90.0,
        backward_s=12.345,
        notes="knee felt fine; \u00e9t\u00e9 \U0001f6b6",
        effort=7,
    )
    again = SessionRecord.from_json(json.loads(json.dumps(record.to_json())))
    assert again == record
    for field in dataclasses.fields(SessionRecord):
        assert getattr(again, field.name) == getattr(record, field.name), field.name


def test_a_record_round_trips_through_the_store(tmp_path: Path, make_record: RecordFactory) -> None:
    records = [
        make_record(),
        make_record(outcome=Outcome.INTERRUPTED, notes="rain", effort=0),
        make_record(effort=10, started_at=START.astimezone(UTC)),
    ]
    store = new_store(tmp_path)
    for record in records:
        store.add(record)
    assert new_store(tmp_path).sessions() == tuple(records)


def test_the_file_carries_the_contract_fields(tmp_path: Path, make_record: RecordFactory) -> None:
    new_store(tmp_path).add(make_record())
    data = json.loads((tmp_path / "history.json").read_text())
    assert data["schema_version"] == 3
    (session,) = data["sessions"]
    assert {"id", "started_at", "ended_at", "outcome", "plan", "segments"} <= session.keys()
    assert session["started_at"] == "2026-11-16T07:30:00+01:00"
    assert session["forward_s"] == 2 * 120 + 3 * 300  # warm-up and cool-down count as forward
    assert session["backward_s"] == 3 * 60
    assert {"kind", "planned_s", "actual_s"} <= session["segments"][0].keys()


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"started_at": "2026-11-16T07:30:00"}, RecordError),  # no UTC offset
        ({"started_at": "yesterday"}, ValueError),
        ({"ended_at": "2026-11-16T06:00:00+01:00"}, RecordError),  # before the start
        ({"outcome": "abandoned"}, ValueError),
        ({"effort": 11}, RecordError),
        ({"effort": True}, RecordError),
        ({"effort": 5.0}, RecordError),
        ({"notes": 5}, RecordError),
        ({"notes": "x" * 2001}, RecordError),
        ({"id": ""}, RecordError),
        ({"id": "../../etc"}, RecordError),
        ({"forward_s": -1}, RecordError),
        ({"forward_s": 10**400}, RecordError),
        ({"backward_s": "60"}, RecordError),
        ({"plan": {"name": "x"}}, PlanError),
        ({"plan": None}, RecordError),
        ({"segments": {}}, RecordError),
        ({"segments": [{"kind": "getready", "planned_s": 5, "actual_s": 5}]}, RecordError),
        ({"segments": [{"kind": "forward", "planned_s": 5.5, "actual_s": 5}]}, RecordError),
        ({"segments": [{"kind": "forward", "planned_s": 5, "actual_s": None}]}, RecordError),
        (
            {"segments": [{"kind": "forward", "planned_s": 5, "actual_s": 5, "round": -1}]},
            RecordError,
        ),
        ({"segments": ["forward"]}, RecordError),
    ],
)
def test_a_bad_field_is_refused_with_a_named_error(
    make_record: RecordFactory, change: dict[str, Any], error: type[Exception]
) -> None:
    data = make_record().to_json() | change
    with pytest.raises(error):
        SessionRecord.from_json(data)


def test_unknown_keys_in_a_record_are_ignored(make_record: RecordFactory) -> None:
    record = make_record()
    assert SessionRecord.from_json(record.to_json() | {"mood": "sunny"}) == record


def test_with_checkin_sets_notes_and_effort_within_limits(make_record: RecordFactory) -> None:
    record = make_record().with_checkin("good", 4)
    assert (record.notes, record.effort) == ("good", 4)
    with pytest.raises(RecordError):
        record.with_checkin(None, 11)


# -- the store ---------------------------------------------------------------------------------


def test_a_missing_file_is_an_empty_history_and_loading_creates_nothing(tmp_path: Path) -> None:
    told = Told()
    loaded = new_store(tmp_path / "data", told).load()
    assert loaded.items == ()
    assert loaded.state is FileState.MISSING
    assert told.lines == []
    assert not (tmp_path / "data").exists()


def test_update_replaces_a_session_and_delete_removes_it(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    store = new_store(tmp_path)
    first, second = make_record(), make_record()
    store.add(first)
    store.add(second)
    store.update(second.with_checkin("windy", 6))
    assert store.sessions()[1].notes == "windy"
    store.delete(first.id)
    assert [r.id for r in store.sessions()] == [second.id]
    with pytest.raises(UnknownSessionError):
        store.delete(first.id)
    with pytest.raises(UnknownSessionError):
        store.update(first)


def test_adding_the_same_session_twice_is_refused(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    store = new_store(tmp_path)
    record = make_record()
    store.add(record)
    with pytest.raises(RecordError):
        store.add(record)
    assert len(store.sessions()) == 1


def test_each_save_keeps_the_previous_file_as_bak(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    store = new_store(tmp_path)
    store.add(make_record())
    first = (tmp_path / "history.json").read_bytes()
    store.add(make_record())
    assert (tmp_path / "history.json.bak").read_bytes() == first


def test_the_folder_is_0700_and_every_file_0600(tmp_path: Path, make_record: RecordFactory) -> None:
    folder = tmp_path / "fresh"
    store = new_store(folder)
    store.add(make_record())
    store.add(make_record())
    store.claim_journal()
    store.open_journal("abc", lambda: [b"{}\n"]).append([])
    assert mode(folder) == 0o700
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "history.json",
        "history.json.bak",
        "history.json.lock",
        "session-abc.journal.jsonl",
        "session.journal.json.lock",
    ]
    for path in folder.iterdir():
        assert mode(path) == 0o600, path.name
    store.release_claim()


# -- damaged files -------------------------------------------------------------------------------


@pytest.mark.leaves_bad_history
def test_an_unreadable_file_is_copied_aside_and_never_overwritten_by_loading(
    tmp_path: Path,
) -> None:
    damaged = b'{"schema_version": 1, "sessions": [\x00\x00\x00'
    (tmp_path / "history.json").write_bytes(damaged)
    told = Told()
    loaded = new_store(tmp_path, told).load()
    assert loaded.items == ()
    assert loaded.state is FileState.DAMAGED
    assert (tmp_path / "history.json").read_bytes() == damaged
    copy = tmp_path / "history.corrupt-20261121T070000.json"
    assert loaded.corrupt_copy == copy
    assert copy.read_bytes() == damaged
    (line,) = told.lines
    assert "\n" not in line
    assert "zero bytes" in line
    assert str(copy) in line


def test_saving_after_damage_keeps_the_copy_and_leaves_bak_alone(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    store = new_store(tmp_path)
    store.add(make_record())
    good = (tmp_path / "history.json").read_bytes()
    store.add(make_record())  # history.json.bak now holds the first good file
    (tmp_path / "history.json").write_bytes(b"not json at all")
    store.add(make_record(notes="after the damage"))
    assert (tmp_path / "history.corrupt-20261121T070000.json").read_bytes() == b"not json at all"
    assert (tmp_path / "history.json.bak").read_bytes() == good
    assert [r.notes for r in store.sessions()] == ["after the damage"]


def test_a_partly_bad_file_keeps_the_good_records_and_copies_the_original(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    good = [make_record(), make_record()]
    bad = make_record().to_json() | {"outcome": "lost"}
    document = {
        "schema_version": 3,
        "sessions": [good[0].to_json(), bad, good[1].to_json(), good[0].to_json()],
    }
    raw = json.dumps(document).encode()
    (tmp_path / "history.json").write_bytes(raw)
    told = Told()
    store = new_store(tmp_path, told)
    loaded = store.load()
    assert loaded.items == tuple(good)
    assert loaded.state is FileState.DAMAGED
    assert loaded.corrupt_copy is not None
    assert loaded.corrupt_copy.read_bytes() == raw
    assert "2 of its 4 sessions are unreadable" in told.lines[0]
    store.add(make_record())
    assert len(store.sessions()) == 3


@pytest.mark.leaves_bad_history
def test_repeated_loads_tell_once_and_make_one_copy(tmp_path: Path) -> None:
    (tmp_path / "history.json").write_bytes(b"[]")
    told = Told()
    store = new_store(tmp_path, told)
    for _ in range(3):
        store.load()
    new_store(tmp_path, told).load()
    assert len(list(tmp_path.glob("history.corrupt-*.json"))) == 1
    assert len(told.lines) == 2  # once per store; each command builds one store


@pytest.mark.leaves_bad_history
def test_a_damaged_file_that_cannot_be_copied_is_protected_from_saving(
    tmp_path: Path, make_record: RecordFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "history.json").write_bytes(b"{broken")
    real_open = __import__("os").open

    def no_new_files(path: Any, flags: int, *args: Any) -> int:
        if "corrupt" in str(path):
            raise OSError(28, "No space left on device")
        result: int = real_open(path, flags, *args)
        return result

    monkeypatch.setattr("retrocoach.core.storage.atomic.os.open", no_new_files)
    told = Told()
    store = new_store(tmp_path, told)
    assert store.load().state is FileState.PROTECTED
    with pytest.raises(StorageError, match="nothing is saved over it"):
        store.add(make_record())
    assert (tmp_path / "history.json").read_bytes() == b"{broken"
    assert "disk is full" in told.lines[0]


# -- schema versions ------------------------------------------------------------------------------


@pytest.mark.leaves_bad_history
def test_a_newer_file_is_shown_but_never_written(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    record = make_record()
    raw = json.dumps({"schema_version": 4, "sessions": [record.to_json()], "goals": []}).encode()
    (tmp_path / "history.json").write_bytes(raw)
    told = Told()
    store = new_store(tmp_path, told)
    loaded = store.load()
    assert loaded.state is FileState.NEWER
    assert loaded.items == (record,)
    assert "newer RetroCoach" in told.lines[0]
    with pytest.raises(NewerSchemaError) as caught:
        store.add(make_record())
    assert caught.value.found == 4
    assert "newer RetroCoach" in str(caught.value)
    assert snapshot(tmp_path) == {"history.json": raw, "history.json.lock": b""}


def test_migrate_history_leaves_a_current_document_as_it_is() -> None:
    document = {"schema_version": SCHEMA_VERSION, "sessions": []}
    assert migrate_history(dict(document)) == document


def minutes_to_seconds(document: dict[str, Any]) -> dict[str, Any]:
    """An example step from a made-up version 0 that stored minutes under other keys."""
    sessions = []
    for old in document["log"]:
        session = dict(old)
        session["forward_s"] = session.pop("forward_min") * 60
        session["backward_s"] = session.pop("backward_min") * 60
        sessions.append(session)
    return {"schema_version": 1, "sessions": sessions}


@pytest.mark.leaves_bad_history  # the .bak is the version-0 file, as it should be
def test_an_older_file_is_migrated_step_by_step_and_saved_with_a_backup(
    tmp_path: Path, make_record: RecordFactory, assert_schema_valid: Callable[[Path], None]
) -> None:
    record = make_record()
    old = record.to_json()
    old["forward_min"] = old.pop("forward_s") / 60
    old["backward_min"] = old.pop("backward_s") / 60
    raw = json.dumps({"schema_version": 0, "log": [old]}).encode()
    (tmp_path / "history.json").write_bytes(raw)
    store = new_store(tmp_path, migrations={**MIGRATIONS, 0: minutes_to_seconds})
    assert store.sessions() == (record,)
    store.add(make_record())
    assert (tmp_path / "history.json.bak").read_bytes() == raw
    assert_schema_valid(tmp_path / "history.json")


@pytest.mark.leaves_bad_history
@pytest.mark.parametrize("version", [0, -1, None, "1", True])
def test_a_version_without_a_migration_is_treated_as_unreadable(
    tmp_path: Path, version: object
) -> None:
    (tmp_path / "history.json").write_text(json.dumps({"schema_version": version, "sessions": []}))
    told = Told()
    assert new_store(tmp_path, told).load().state is FileState.DAMAGED
    assert re.search(r"schema.version", told.lines[0])


@pytest.mark.leaves_bad_history
def test_a_migration_step_that_trips_on_a_bad_shape_does_not_crash(tmp_path: Path) -> None:
    (tmp_path / "history.json").write_text(json.dumps({"schema_version": 0, "log": "oops"}))
    store = new_store(tmp_path, migrations={**MIGRATIONS, 0: minutes_to_seconds})
    assert store.load().state is FileState.DAMAGED


# -- the lock --------------------------------------------------------------------------------------


def test_a_save_waits_for_the_lock_and_gives_up_with_a_named_error(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    store = new_store(tmp_path, lock_timeout_s=0.05)
    store.add(make_record())
    before = snapshot(tmp_path)
    other = filelock.FileLock(tmp_path / "history.json.lock")
    with other, pytest.raises(StoreBusyError, match="locked"):
        store.add(make_record())
    assert snapshot(tmp_path) == before
    store.add(make_record())
    assert len(store.sessions()) == 2


def test_temp_files_left_by_a_killed_writer_are_removed_at_the_next_save(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    store = new_store(tmp_path)
    store.add(make_record())
    stale = [tmp_path / ".history.json.k1ll3d.tmp", tmp_path / ".history.json.bak.99.tmp"]
    for path in stale:
        path.write_bytes(b'{"schema_version": 1, "sess')
    unrelated = tmp_path / ".plans.json.abc.tmp"
    unrelated.write_bytes(b"")
    store.add(make_record())
    assert not any(path.exists() for path in stale)
    assert unrelated.exists()  # another file's writer may still be busy with it


def test_a_change_made_by_another_process_is_read_before_the_next_save(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    mine, theirs, more = make_record(), make_record(), make_record()
    store = new_store(tmp_path)
    store.add(mine)
    assert store.sessions() == (mine,)  # read once; the store may now reuse what it read
    new_store(tmp_path).add(theirs)
    store.add(more)
    assert new_store(tmp_path).sessions() == (mine, theirs, more)


@pytest.mark.parametrize(
    "layout",
    [
        '{{"sessions": [{items}], "schema_version": 3}}',
        '{{"schema_version": 3, "sessions": [{items}]}}',
        '{{"schema_version": 3,\n  "sessions": [ {items} ]  }}\n\n',
        '\ufeff{{"schema_version":3,"sessions":[{items}]}}',
    ],
)
def test_adding_to_a_file_of_any_layout_keeps_every_session(
    tmp_path: Path, make_record: RecordFactory, layout: str
) -> None:
    old = [make_record(), make_record()]
    text = layout.format(items=", ".join(json.dumps(r.to_json()) for r in old))
    (tmp_path / "history.json").write_text(text, encoding="utf-8")
    store = new_store(tmp_path)
    assert store.sessions() == tuple(old)
    new = make_record()
    store.add(new)
    assert new_store(tmp_path).sessions() == (*old, new)
