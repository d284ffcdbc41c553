"""A checked history against what a hostile day brings: walks cut short, read back by others.

Each test here comes from an attack on the certificate (.history-checked.json) with real walks:
what one store keeps in memory, exports or vouches for must be what any later whole read of
history.json gives, byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fakes import FakeClock

from retrocoach.core.history.heart import with_heart_rate
from retrocoach.core.history.lines import CERTIFICATE_NAME
from retrocoach.core.history.store import Outcome, SessionRecord
from retrocoach.core.plan.model import Kind, parse_spec
from retrocoach.core.programme.mark import ProgrammeMark
from retrocoach.core.session.machine import Session
from tests.core.conftest import START, RecordFactory
from tests.core.history.test_checked_history import certificate, history_of, whole
from tests.core.history.test_heart_record import STRAP, record_of
from tests.core.history.test_heart_record import walk as walk_with_strap
from tests.core.history.test_history import Told, new_store
from tests.core.history.test_journal import Walker

WALL_START = datetime(2026, 12, 7, 12, 41, tzinfo=UTC)


def cut_short(seconds: float) -> SessionRecord:
    """A walk stopped *seconds* in, before its first backward segment (a Q, a crash)."""
    plan = parse_spec("getready=0s warmup=0s forward=5s backward=5s rounds=1 cooldown=0s")
    clock = FakeClock()
    session = Session(plan)
    session.start(clock.now())
    end = clock.time + seconds
    while clock.time < end:
        session.advance(clock.advance(min(0.5, end - clock.time)))
    return SessionRecord.from_session(
        session, started_at=WALL_START, now=clock.now(), outcome=Outcome.STOPPED
    )


@pytest.mark.parametrize("seconds", [0.0, 2.0], ids=["at once", "two seconds in"])
def test_a_walk_stopped_before_any_backward_step_reads_back_as_it_was_written(
    seconds: float,
) -> None:
    record = cut_short(seconds)
    line = json.dumps(record.to_json())
    again = SessionRecord.from_json(json.loads(line))
    assert json.dumps(again.to_json()) == line
    assert type(record.backward_s) is float


@pytest.mark.parametrize("seconds", [0.0, 2.0], ids=["at once", "two seconds in"])
def test_the_store_that_saved_a_short_walk_exports_what_a_whole_read_exports(
    tmp_path: Path, make_record: RecordFactory, seconds: float
) -> None:
    history_of(tmp_path, [make_record(started_at=START + timedelta(days=d)) for d in range(6)])
    window = new_store(tmp_path)  # the window's store: it read the history at its start
    window.load()
    window.add(cut_short(seconds))
    exported = window.export_json()  # the History page's JSON export, in the same process
    assert_canonical_only_if_so(tmp_path)
    later = new_store(tmp_path).export_json()  # the next `retrocoach history --format json`
    assert_canonical_only_if_so(tmp_path)
    read_whole = whole(tmp_path)
    assert exported == later == new_store(tmp_path).export_json()  # the last one read whole
    assert tuple(new_store(tmp_path).sessions()) == read_whole


def assert_canonical_only_if_so(folder: Path) -> None:
    """The certificate says "canonical" only if each line is what rewriting its record gives."""
    lines = (folder / "history.json").read_bytes().split(b"\n")[1:-2]
    records = [json.loads(line.removesuffix(b",")) for line in lines]
    rebuilt = [json.dumps(SessionRecord.from_json(r).to_json()).encode() for r in records]
    if certificate(folder)["canonical"]:
        assert [line.removesuffix(b",") for line in lines] == rebuilt


def test_a_record_written_unlike_its_reading_is_kept_in_memory_as_the_file_reads(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    history_of(tmp_path, [make_record(started_at=START + timedelta(days=d)) for d in range(6)])
    window = new_store(tmp_path)
    window.load()
    # Whole seconds as an integer: written "60", read back as 60.0 and rewritten "60.0".
    added = make_record(started_at=START + timedelta(days=9), backward_s=60)
    window.add(added)
    exported = window.export_json()
    assert_canonical_only_if_so(tmp_path)
    assert exported == new_store(tmp_path).export_json()
    whole(tmp_path)
    assert exported == new_store(tmp_path).export_json()


@pytest.mark.parametrize("ceiling", [120, None], ids=["with a ceiling", "without"])
def test_a_walk_with_a_heart_rate_strap_reads_back_as_it_was_written(ceiling: int | None) -> None:
    # The strap counts whole beats; written as 89, they were read back as 89.0.
    session, watch = walk_with_strap({Kind.WARMUP: 89, Kind.FORWARD: 101}, ceiling)
    record = with_heart_rate(record_of(session), watch, STRAP)
    line = json.dumps(record.to_json())
    again = SessionRecord.from_json(json.loads(line))
    assert json.dumps(again.to_json()) == line


@pytest.mark.parametrize("seconds", [0.5, 3.0], ids=["at once", "three seconds in"])
def test_a_walk_killed_before_any_backward_step_is_recovered_as_a_whole_read_gives_it(
    tmp_path: Path, make_record: RecordFactory, seconds: float
) -> None:
    # What a SIGKILL between a walk's first journal entries left: found by killing `run`.
    history_of(tmp_path, [make_record(started_at=START + timedelta(days=d)) for d in range(3)])
    crashed = Walker(new_store(tmp_path))
    crashed.walk(seconds)  # still in the first forward segment
    crashed.pause()  # a pause is journalled at once
    crashed.crash()
    store = new_store(tmp_path)
    [recovered] = store.recover_journals()
    assert type(recovered.backward_s) is float
    line = json.dumps(recovered.to_json())
    assert json.dumps(SessionRecord.from_json(json.loads(line)).to_json()) == line
    exported = store.export_json()
    assert_canonical_only_if_so(tmp_path)
    assert exported == new_store(tmp_path).export_json()
    whole(tmp_path)
    assert exported == new_store(tmp_path).export_json()


def lie_about(folder: Path, line: int) -> bytes:
    """Make *line* of history.json unreadable (an end before its start), and forge a
    certificate for the bytes: the one way a vouched-for line can fail to read."""
    path = folder / "history.json"
    lines = path.read_bytes().split(b"\n")
    lines[line] = re.sub(rb'"ended_at": "\d{4}', b'"ended_at": "1999', lines[line], count=1)
    lied = b"\n".join(lines)
    path.write_bytes(lied)
    found = {**certificate(folder), "sha256": hashlib.sha256(lied).hexdigest()}
    (folder / CERTIFICATE_NAME).write_text(json.dumps(found))
    return lied


def test_a_lying_certificate_costs_the_programme_and_the_summary_only_a_whole_read(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    walks = [
        make_record(
            started_at=START + timedelta(days=day), programme=ProgrammeMark("beginners", 1, 1, "e")
        )
        for day in range(8)
    ]
    history_of(tmp_path, walks)
    lie_about(tmp_path, 6)  # the sixth walk: a programme walk, and among the last five
    told = Told()
    store = new_store(tmp_path, told)
    store.load()
    # The window's Programme page and coach line, and its summary at a walk's end: once a
    # traceback each (StorageError), now what a whole read gives, said in one line.
    assert store.programme_walks() == [*walks[:5], *walks[6:]]
    latest = make_record(started_at=START + timedelta(days=30))
    assert store.earlier_walks(latest, 5) == [*walks[:5], *walks[6:]][-5:]
    assert not (tmp_path / CERTIFICATE_NAME).exists() or certificate(tmp_path)["records"] == 7
    assert len(told.lines) == 1
    assert "copy is kept" in told.lines[0]
    assert new_store(tmp_path).earlier_walks(latest, 5) == store.earlier_walks(latest, 5)
