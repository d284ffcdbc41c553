"""programme.json: starting and stopping programmes, and the file rules shared with the history."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from retrocoach.core.programme.state import Enrolment, ProgrammeStateStore
from retrocoach.core.storage.atomic import StorageError
from retrocoach.core.storage.document import FileState, NewerSchemaError


class _Ticks:
    """A wall clock that moves one hour at every reading."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(hours=1)
        return self.now


def _store(folder: Path, told: list[str]) -> ProgrammeStateStore:
    return ProgrammeStateStore(folder, warn=told.append, wall_clock=_Ticks())


def test_no_file_means_no_active_programme(tmp_path: Path) -> None:
    told: list[str] = []
    store = _store(tmp_path, told)
    assert store.active() is None
    assert store.stop() is None
    assert told == []


def test_starting_a_programme_makes_it_active_and_keeps_it_in_a_private_file(
    tmp_path: Path,
) -> None:
    store = _store(tmp_path, [])
    started = store.start("beginners")
    assert store.active() == started
    assert started.programme == "beginners"
    assert started.active
    assert (store.path.stat().st_mode & 0o777) == 0o600
    document = json.loads(store.path.read_text())
    assert document["schema_version"] == 1
    assert document["enrolments"][0]["programme"] == "beginners"
    # Another store (another process) reads the same.
    assert _store(tmp_path, []).active() == started


def test_starting_another_programme_stops_the_first_and_keeps_it_on_record(
    tmp_path: Path,
) -> None:
    store = _store(tmp_path, [])
    first = store.start("beginners")
    second = store.start("knee-oa")
    assert store.active() == second
    enrolments = store.load().items
    assert [e.programme for e in enrolments] == ["beginners", "knee-oa"]
    assert enrolments[0].id == first.id
    assert enrolments[0].stopped_at is not None
    assert second.started_at > first.started_at


def test_stopping_leaves_no_active_programme(tmp_path: Path) -> None:
    store = _store(tmp_path, [])
    store.start("beginners")
    stopped = store.stop()
    assert stopped is not None
    assert stopped.programme == "beginners"
    assert stopped.stopped_at is not None
    assert store.active() is None
    assert (tmp_path / "programme.json.bak").exists()  # the previous state is kept


def test_an_unreadable_file_is_copied_aside_before_a_start_writes_over_it(tmp_path: Path) -> None:
    told: list[str] = []
    store = _store(tmp_path, told)
    store.path.write_bytes(b'{"schema_version": 1, "enrolments": [')
    assert store.active() is None
    assert len(told) == 1
    assert "programme.json" in told[0]
    assert "copy" in told[0]
    copies = [p for p in tmp_path.iterdir() if "corrupt" in p.name]
    assert len(copies) == 1
    assert copies[0].read_bytes().endswith(b"[")
    store.start("beginners")
    assert store.active() is not None


def test_a_newer_file_is_read_but_never_written(tmp_path: Path) -> None:
    told: list[str] = []
    store = _store(tmp_path, told)
    raw = json.dumps({"schema_version": 9, "enrolments": []}).encode()
    store.path.write_bytes(raw)
    assert store.load().state is FileState.NEWER
    with pytest.raises(NewerSchemaError):
        store.start("beginners")
    assert store.path.read_bytes() == raw


def test_a_file_that_cannot_be_read_is_protected_not_replaced(tmp_path: Path) -> None:
    store = _store(tmp_path, [])
    store.path.mkdir()  # a folder in its place: nothing can be read or copied aside
    (store.path / "keep").write_text("mine")
    assert store.load().state is FileState.PROTECTED
    with pytest.raises(StorageError):
        store.start("beginners")
    assert (store.path / "keep").read_text() == "mine"


def test_a_bad_entry_costs_only_that_entry(tmp_path: Path) -> None:
    told: list[str] = []
    store = _store(tmp_path, told)
    good = {"id": "a1", "programme": "beginners", "started_at": "2026-11-02T08:00:00+00:00"}
    bad = {"id": "b2", "programme": "Beginners!", "started_at": "yesterday"}
    store.path.write_text(json.dumps({"schema_version": 1, "enrolments": [good, bad]}))
    active = store.active()
    assert active is not None
    assert active.id == "a1"
    assert len(told) == 1
    assert "1 of its 2" in told[0]


@pytest.mark.parametrize(
    "entry",
    [
        {"id": "x", "programme": "beginners", "started_at": "2026-11-02T08:00:00"},
        {"id": "x", "programme": "beginners"},
        {"id": "x y", "programme": "beginners", "started_at": "2026-11-02T08:00:00+00:00"},
        {"id": "x", "programme": 5, "started_at": "2026-11-02T08:00:00+00:00"},
        "beginners",
    ],
)
def test_an_enrolment_missing_or_mistyped_is_refused(entry: object) -> None:
    with pytest.raises((ValueError, TypeError)):
        Enrolment.from_json(entry)
