"""The history's optional programme key: kept on save, read back, and left alone by every edit."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from retrocoach.core.history.journal import parse_journal
from retrocoach.core.history.recorder import SessionRecorder
from retrocoach.core.history.records import SessionRecord
from retrocoach.core.history.store import HistoryStore
from retrocoach.core.plan.model import parse_spec
from retrocoach.core.programme.model import ProgrammeMark
from retrocoach.core.session.machine import Session

RecordFactory = Callable[..., SessionRecord]


def test_a_programme_session_keeps_its_mark_in_history_json(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    store = HistoryStore(tmp_path, warn=pytest.fail)
    marked = make_record(programme=ProgrammeMark("beginners", 2, 1))
    plain = make_record()
    store.add(marked)
    store.add(plain)
    sessions = json.loads(store.path.read_text())["sessions"]
    assert sessions[0]["programme"] == {"name": "beginners", "week": 2, "session": 1}
    assert "programme" not in sessions[1]
    again = HistoryStore(tmp_path, warn=pytest.fail).sessions()
    assert again[0].programme == ProgrammeMark("beginners", 2, 1)
    assert again[1].programme is None


def test_a_check_in_keeps_the_programme_mark(tmp_path: Path, make_record: RecordFactory) -> None:
    store = HistoryStore(tmp_path, warn=pytest.fail)
    record = make_record(programme=ProgrammeMark("knee-oa", 1, 3))
    store.add(record)
    store.update(record.with_checkin("fine", 4))
    (saved,) = HistoryStore(tmp_path, warn=pytest.fail).sessions()
    assert saved.programme == ProgrammeMark("knee-oa", 1, 3)
    assert saved.effort == 4


@pytest.mark.leaves_bad_history
def test_a_session_with_a_bad_programme_mark_is_set_aside_not_misread(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    told: list[str] = []
    data = make_record().to_json()
    data["programme"] = {"name": "beginners", "week": "two", "session": 1}
    (tmp_path / "history.json").write_text(json.dumps({"schema_version": 1, "sessions": [data]}))
    assert HistoryStore(tmp_path, warn=told.append).sessions() == ()
    assert len(told) == 1
    assert "unreadable" in told[0]


def test_a_session_without_the_key_and_with_other_keys_reads_as_before(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    data = make_record(notes="n", effort=3).to_json()
    data["walked_with"] = "a friend"
    (tmp_path / "history.json").write_text(json.dumps({"schema_version": 3, "sessions": [data]}))
    (record,) = HistoryStore(tmp_path, warn=pytest.fail).sessions()
    assert record.programme is None
    assert record.to_json() == data


def _walk_some(recorder: SessionRecorder, session: Session, seconds: int) -> float:
    now = 100.0
    recorder.on_events(session, session.start(now), now)
    for _ in range(seconds):
        now += 1.0
        recorder.on_events(session, session.advance(now), now)
    return now


def test_the_recorder_marks_the_saved_session_and_its_journal_with_the_programme(
    tmp_path: Path,
) -> None:
    store = HistoryStore(tmp_path, warn=pytest.fail)
    mark = ProgrammeMark("beginners", 1, 2)
    recorder = SessionRecorder(store, report=pytest.fail, programme=mark)
    session = Session(
        parse_spec("getready=0s warmup=0s forward=3s backward=2s rounds=1 cooldown=0s")
    )
    _walk_some(recorder, session, 2)
    journal = parse_journal(store.journal_path.read_bytes()).record
    assert journal.programme == mark
    _walk_some_more(recorder, session)
    assert recorder.saved is not None
    assert recorder.saved.programme == mark
    assert [record.programme for record in store.sessions()] == [mark]


def _walk_some_more(recorder: SessionRecorder, session: Session) -> None:
    now = 102.0
    while not session.is_over:
        now += 1.0
        recorder.on_events(session, session.advance(now), now)


def test_the_recorder_without_a_programme_writes_no_programme_key(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path, warn=pytest.fail)
    recorder = SessionRecorder(store, report=pytest.fail)
    session = Session(
        parse_spec("getready=0s warmup=0s forward=1s backward=1s rounds=1 cooldown=0s")
    )
    _walk_some(recorder, session, 5)
    assert recorder.saved is not None
    assert "programme" not in json.loads(store.path.read_text())["sessions"][0]
