"""The journal of a running session: written as it runs, recovered as interrupted after a crash."""

from __future__ import annotations

import errno
import json
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from fakes import FakeClock

from retrocoach.core import atomic
from retrocoach.core.history import (
    HistoryStore,
    JournalBusyError,
    NewerSchemaError,
    Outcome,
    SessionRecord,
    StorageError,
)
from retrocoach.core.plan import Kind, parse_spec
from retrocoach.core.session import Session

RecordFactory = Callable[..., SessionRecord]
WALL_START = datetime(2026, 11, 21, 7, 0, tzinfo=timezone(timedelta(hours=1)))


def new_store(folder: Path, lines: list[str] | None = None) -> HistoryStore:
    sink = lines if lines is not None else []
    return HistoryStore(folder, warn=sink.append, wall_clock=lambda: datetime(2026, 11, 21, 7, 0))


def walk(session: Session, clock: FakeClock, seconds: float) -> None:
    """Advance in small steps, as a ticking driver would (a long jump would count as a gap)."""
    end = clock.time + seconds
    while clock.time < end:
        session.advance(clock.advance(min(0.5, end - clock.time)))


def test_from_session_records_what_was_walked_with_steady_clock_times() -> None:
    plan = parse_spec("getready=3s warmup=4s forward=5s backward=3s rounds=2 cooldown=4s")
    clock = FakeClock()
    session = Session(plan)
    session.start(clock.now())
    walk(session, clock, 3 + 4 + 5 + 1.25)  # into the first backward segment
    session.pause(clock.now())
    clock.advance(60)  # a pause counts in the wall time, not in the walking
    record = SessionRecord.from_session(
        session, started_at=WALL_START, now=clock.now(), outcome="interrupted"
    )
    assert [(s.kind, s.actual_s) for s in record.segments] == [
        (Kind.WARMUP, 4.0),
        (Kind.FORWARD, 5.0),
        (Kind.BACKWARD, 1.25),
    ]
    assert record.forward_s == 9.0
    assert record.backward_s == 1.25
    assert record.outcome is Outcome.INTERRUPTED
    assert record.ended_at - record.started_at == timedelta(seconds=13.25 + 60)
    assert len(record.id) == 32


def test_from_session_of_a_finished_session_ends_at_its_finish() -> None:
    plan = parse_spec("getready=0s warmup=0s forward=2s backward=1s rounds=1 cooldown=0s")
    clock = FakeClock()
    session = Session(plan)
    session.start(clock.now())
    walk(session, clock, 10)
    record = SessionRecord.from_session(
        session, started_at=WALL_START, now=clock.now(), outcome=Outcome.COMPLETED, record_id="a1"
    )
    assert record.id == "a1"
    assert record.ended_at == WALL_START + timedelta(seconds=3)
    assert (record.forward_s, record.backward_s) == (2.0, 1.0)


def test_a_leftover_journal_becomes_an_interrupted_session(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    running = make_record(outcome=Outcome.COMPLETED)
    crashed = new_store(tmp_path)
    crashed.write_journal(running)
    crashed._journal_lock.release()  # type: ignore[union-attr]  # what the kernel does on a kill
    (tmp_path / ".session.journal.json.x1.tmp").write_bytes(b"half a journ")
    lines: list[str] = []
    store = new_store(tmp_path, lines)
    recovered = store.recover_journal()
    assert recovered is not None
    assert recovered.outcome is Outcome.INTERRUPTED
    assert recovered.segments == running.segments
    assert store.sessions() == (recovered,)
    assert not store.journal_path.exists()
    assert not list(tmp_path.glob(".session.journal.json.*.tmp"))
    assert lines == []  # the caller words the news; the store only returns the session
    assert store.recover_journal() is None


def test_recovery_without_a_journal_finds_nothing(tmp_path: Path) -> None:
    assert new_store(tmp_path).recover_journal() is None
    assert list(tmp_path.iterdir()) == []


def test_the_journal_of_a_live_session_is_left_alone(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    live = new_store(tmp_path)
    live.write_journal(make_record())
    journal = live.journal_path.read_bytes()
    assert new_store(tmp_path).recover_journal() is None
    assert live.journal_path.read_bytes() == journal
    assert new_store(tmp_path).sessions() == ()
    live.clear_journal()


def test_a_second_live_session_in_the_same_folder_is_refused(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    live = new_store(tmp_path)
    live.write_journal(make_record())
    with pytest.raises(JournalBusyError):
        new_store(tmp_path).write_journal(make_record())
    live.clear_journal()


def test_adding_the_journalled_session_clears_the_journal(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    store = new_store(tmp_path)
    record = make_record()
    store.write_journal(record)
    store.write_journal(record)  # rewritten at each segment start
    store.add(record)
    assert not store.journal_path.exists()
    store.write_journal(make_record())  # the lock was released, so a next session can start
    store.clear_journal()


def test_a_journal_left_after_its_session_was_saved_is_not_counted_twice(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    record = make_record()
    crashed = new_store(tmp_path)
    crashed.write_journal(record)
    new_store(tmp_path).add(record)  # saved, then killed before the journal was cleared
    crashed._journal_lock.release()  # type: ignore[union-attr]
    store = new_store(tmp_path)
    assert store.recover_journal() is None
    assert store.sessions() == (record,)
    assert not store.journal_path.exists()


def test_an_unreadable_journal_is_copied_aside_and_removed(tmp_path: Path) -> None:
    (tmp_path / "session.journal.json").write_bytes(b'{"schema_version": 1, "session": {')
    lines: list[str] = []
    store = new_store(tmp_path, lines)
    assert store.recover_journal() is None
    copy = tmp_path / "session.journal.corrupt-20261121T070000.json"
    assert copy.read_bytes() == b'{"schema_version": 1, "session": {'
    assert not store.journal_path.exists()
    assert str(copy) in lines[0]
    assert not (tmp_path / "history.json").exists()


@pytest.mark.leaves_bad_history
def test_a_journal_is_kept_when_the_history_is_newer(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    (tmp_path / "history.json").write_text(json.dumps({"schema_version": 9, "sessions": []}))
    journal = {"schema_version": 1, "session": make_record().to_json()}
    (tmp_path / "session.journal.json").write_text(json.dumps(journal))
    with pytest.raises(NewerSchemaError):
        new_store(tmp_path).recover_journal()
    assert json.loads((tmp_path / "session.journal.json").read_text()) == journal


def test_a_session_whose_save_failed_is_recovered_before_the_next_one_is_journalled(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    """In one window: the save at the end failed, then the walker starts another session."""
    store = new_store(tmp_path)
    unsaved, following = make_record(), make_record()
    store.write_journal(unsaved)  # ... and store.add(unsaved) failed, so the journal stays
    store.write_journal(following)
    (recovered,) = store.sessions()
    assert recovered.id == unsaved.id
    assert recovered.outcome is Outcome.INTERRUPTED
    assert json.loads(store.journal_path.read_text())["session"]["id"] == following.id


def test_an_unsaved_journal_is_never_written_over_while_the_disk_still_refuses(
    tmp_path: Path, make_record: RecordFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = new_store(tmp_path)
    unsaved = make_record()
    store.write_journal(unsaved)
    kept = store.journal_path.read_bytes()
    real = atomic._write_temp

    def full_for_history(folder: Path, name: str, data: bytes) -> Path:
        if name == "history.json":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(folder, name, data)

    monkeypatch.setattr(atomic, "_write_temp", full_for_history)
    with pytest.raises(StorageError, match=r"still only in session\.journal\.json"):
        store.write_journal(make_record())
    assert store.journal_path.read_bytes() == kept
