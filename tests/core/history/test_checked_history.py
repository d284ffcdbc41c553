"""The history's certificate: a cache that saves reading a long history whole, never trusted more.

Every test here tampers with the certificate (.history-checked.json) or with history.json behind
its back, and checks that what the store shows and saves is what a whole read would give.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from retrocoach.core.errors import StorageError
from retrocoach.core.figures.summary import COMPARED_WALKS, summarise
from retrocoach.core.history.lines import CERTIFICATE_NAME
from retrocoach.core.history.store import SCHEMA_VERSION, SessionRecord
from retrocoach.core.programme.mark import ProgrammeMark
from retrocoach.core.storage.atomic import dump_document
from retrocoach.core.storage.document import FileState
from retrocoach.core.storage.lazy import LazyRecords
from tests.core.conftest import START, RecordFactory
from tests.core.history.test_history import Told, new_store

REPO = Path(__file__).resolve().parents[3]


def history_of(folder: Path, records: list[SessionRecord]) -> None:
    """Save *records* one by one, as walks do, and leave a certificate for them."""
    store = new_store(folder)
    for record in records:
        store.add(record)
    new_store(folder).load()  # a whole read (or one vouched for): the certificate is current


def whole(folder: Path) -> tuple[SessionRecord, ...]:
    """What a store that never uses a certificate reads: the file read whole and checked."""
    (folder / CERTIFICATE_NAME).unlink(missing_ok=True)
    store = new_store(folder)
    records = tuple(store.sessions())
    (folder / CERTIFICATE_NAME).unlink(missing_ok=True)
    return records


def certificate(folder: Path) -> dict[str, object]:
    found = json.loads((folder / CERTIFICATE_NAME).read_bytes())
    assert isinstance(found, dict)
    return found


def forge(folder: Path, **changes: object) -> None:
    """Rewrite the certificate with *changes*, keeping it well-formed."""
    found = {**certificate(folder), **changes}
    (folder / CERTIFICATE_NAME).write_text(json.dumps(found))


@pytest.fixture
def walks(make_record: RecordFactory) -> list[SessionRecord]:
    return [make_record(started_at=START + timedelta(days=day)) for day in range(12)]


def test_a_history_read_whole_is_read_by_line_next_time_with_the_same_sessions(
    tmp_path: Path, walks: list[SessionRecord]
) -> None:
    history_of(tmp_path, walks)
    loaded = new_store(tmp_path).load()
    assert isinstance(loaded.items, LazyRecords)
    assert loaded.state is FileState.CLEAN
    assert loaded.items == tuple(walks) == whole(tmp_path)


def test_a_walk_added_to_a_vouched_history_keeps_it_vouched_and_in_step(
    tmp_path: Path, walks: list[SessionRecord], make_record: RecordFactory
) -> None:
    history_of(tmp_path, walks)
    store = new_store(tmp_path)
    store.load()
    more = make_record(started_at=START + timedelta(days=40))
    store.add(more)
    assert certificate(tmp_path)["records"] == len(walks) + 1
    later = new_store(tmp_path).load().items
    assert isinstance(later, LazyRecords)
    assert later == (*walks, more) == whole(tmp_path)


def test_a_session_already_there_is_refused_without_a_whole_read(
    tmp_path: Path, walks: list[SessionRecord]
) -> None:
    history_of(tmp_path, walks)
    before = (tmp_path / "history.json").read_bytes()
    with pytest.raises(ValueError, match="already recorded"):
        new_store(tmp_path).add(walks[5])
    assert (tmp_path / "history.json").read_bytes() == before


def test_an_edit_of_the_same_size_behind_the_certificate_is_read(
    tmp_path: Path, walks: list[SessionRecord], make_record: RecordFactory
) -> None:
    history_of(tmp_path, walks)
    path = tmp_path / "history.json"
    raw = path.read_bytes()
    # "stopped" and two spaces take the room of "completed": the size stays.
    edited = raw.replace(b'"outcome": "completed"', b'"outcome": "stopped"  ', 1)
    info = path.stat()
    path.write_bytes(edited)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert len(edited) == len(raw)
    store = new_store(tmp_path)
    assert store.sessions()[0].outcome.value == "stopped"
    assert store.sessions() == whole(tmp_path)


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{",
        b"[]",
        b'{"format": 1}',
        b"\x00" * 300,
        b"not json at all",
        b'{"format": 1, "records": "12"}',
        b"x" * 10_000,
    ],
    ids=["empty", "truncated", "a list", "missing keys", "zeros", "text", "wrong type", "huge"],
)
def test_a_damaged_certificate_costs_only_a_whole_read(
    tmp_path: Path, walks: list[SessionRecord], damage: bytes
) -> None:
    history_of(tmp_path, walks)
    (tmp_path / CERTIFICATE_NAME).write_bytes(damage)
    told = Told()
    loaded = new_store(tmp_path, told).load()
    assert not isinstance(loaded.items, LazyRecords)
    assert loaded.items == tuple(walks)
    assert told.lines == []  # a cache: nothing to tell the walker
    assert certificate(tmp_path)["records"] == len(walks)  # made anew by the whole read


def test_a_truncated_certificate_file_is_not_used(
    tmp_path: Path, walks: list[SessionRecord]
) -> None:
    history_of(tmp_path, walks)
    path = tmp_path / CERTIFICATE_NAME
    path.write_bytes(path.read_bytes()[:-30])
    assert not isinstance(new_store(tmp_path).load().items, LazyRecords)


@pytest.mark.parametrize(
    "changes",
    [
        {"code": "another RetroCoach"},
        {"format": 2},
        {"sha256": hashlib.sha256(b"other bytes").hexdigest()},
        {"size": 12},
        {"records": 11},
        {"records": 13},
        {"records": 0},
    ],
    ids=["other code", "other format", "other bytes", "other size", "one less", "one more", "none"],
)
def test_a_foreign_or_wrong_certificate_is_not_believed(
    tmp_path: Path, walks: list[SessionRecord], changes: dict[str, object]
) -> None:
    history_of(tmp_path, walks)
    forge(tmp_path, **changes)
    loaded = new_store(tmp_path).load()
    assert not isinstance(loaded.items, LazyRecords)
    assert loaded.items == tuple(walks)


@pytest.mark.leaves_bad_history
def test_a_certificate_for_a_damaged_file_does_not_stop_its_salvage(
    tmp_path: Path, walks: list[SessionRecord]
) -> None:
    history_of(tmp_path, walks)
    path = tmp_path / "history.json"
    lines = path.read_bytes().split(b"\n")
    lines[3] = b'{"id": "broken", "started_at": "not a time"},'
    path.write_bytes(b"\n".join(lines))
    told = Told()
    loaded = new_store(tmp_path, told).load()
    assert loaded.state is FileState.DAMAGED
    assert len(loaded.items) == len(walks) - 1
    assert loaded.corrupt_copy is not None
    assert loaded.corrupt_copy.exists()


@pytest.mark.leaves_bad_history
def test_a_certificate_that_lies_about_a_line_is_withdrawn_and_nothing_is_saved(
    tmp_path: Path, walks: list[SessionRecord], make_record: RecordFactory
) -> None:
    history_of(tmp_path, walks)
    path = tmp_path / "history.json"
    lines = path.read_bytes().split(b"\n")
    # A record made unreadable (an end before its start), and a certificate forged for it.
    lines[2] = lines[2].replace(b'"ended_at": "2026-11-17', b'"ended_at": "2026-11-01', 1)
    lied = b"\n".join(lines)
    path.write_bytes(lied)
    forge(tmp_path, sha256=hashlib.sha256(lied).hexdigest())
    store = new_store(tmp_path)
    with pytest.raises(StorageError, match="does not read as it did when it was checked"):
        store.update(dataclasses.replace(walks[0], notes="changed"))
    assert path.read_bytes() == lied
    assert not (tmp_path / CERTIFICATE_NAME).exists()
    assert new_store(tmp_path).load().state is FileState.DAMAGED  # read whole: salvaged


def test_a_certificate_that_is_a_link_is_neither_followed_nor_written_through(
    tmp_path: Path, walks: list[SessionRecord]
) -> None:
    history_of(tmp_path, walks)
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_bytes((tmp_path / CERTIFICATE_NAME).read_bytes())
    (tmp_path / CERTIFICATE_NAME).unlink()
    (tmp_path / CERTIFICATE_NAME).symlink_to(elsewhere)
    kept = elsewhere.read_bytes()
    loaded = new_store(tmp_path).load()
    assert not isinstance(loaded.items, LazyRecords)
    assert elsewhere.read_bytes() == kept
    assert not (tmp_path / CERTIFICATE_NAME).is_symlink()  # replaced by a plain file


def test_a_fifo_or_a_folder_in_the_certificates_place_neither_blocks_nor_stops_a_save(
    tmp_path: Path, walks: list[SessionRecord], make_record: RecordFactory
) -> None:
    history_of(tmp_path, walks)
    (tmp_path / CERTIFICATE_NAME).unlink()
    os.mkfifo(tmp_path / CERTIFICATE_NAME)
    assert new_store(tmp_path).load().items == tuple(walks)  # returns: the FIFO is not opened
    (tmp_path / CERTIFICATE_NAME).unlink()
    (tmp_path / CERTIFICATE_NAME).mkdir()
    told = Told()
    store = new_store(tmp_path, told)
    more = make_record(started_at=START + timedelta(days=50))
    store.add(more)
    assert told.lines == []
    (tmp_path / CERTIFICATE_NAME).rmdir()
    assert whole(tmp_path) == (*walks, more)


def test_a_hand_edited_history_in_another_layout_is_never_vouched_for(
    tmp_path: Path, walks: list[SessionRecord]
) -> None:
    history_of(tmp_path, walks)
    document = json.loads((tmp_path / "history.json").read_bytes())
    (tmp_path / "history.json").write_text(json.dumps(document, indent=2))
    (tmp_path / CERTIFICATE_NAME).unlink()
    assert new_store(tmp_path).sessions() == tuple(walks)
    assert not (tmp_path / CERTIFICATE_NAME).exists()


def test_a_walk_saved_by_another_process_meanwhile_is_kept_by_both(
    tmp_path: Path, walks: list[SessionRecord], make_record: RecordFactory
) -> None:
    history_of(tmp_path, walks)
    mine = new_store(tmp_path)
    assert isinstance(mine.load().items, LazyRecords)
    theirs = make_record(id="b" * 32, started_at=START + timedelta(days=60))
    script = (
        "import sys, json\n"
        "from pathlib import Path\n"
        "from retrocoach.core.history.store import HistoryStore, SessionRecord\n"
        "record = SessionRecord.from_json(json.loads(sys.argv[2]))\n"
        "HistoryStore(Path(sys.argv[1]), warn=print).add(record)\n"
    )
    subprocess.run(
        [sys.executable, "-c", script, str(tmp_path), json.dumps(theirs.to_json())],
        check=True,
        cwd=REPO,
        timeout=60,
    )
    more = make_record(started_at=START + timedelta(days=61))
    mine.add(more)
    assert whole(tmp_path) == (*walks, theirs, more)


def test_the_walks_compared_at_the_end_are_those_a_whole_read_gives(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    # Out of order, with two walks started at the same moment: the same five, in the same order.
    days = [5, 1, 9, 9, 3, 7, 2, 9, 8, 0, 6]
    history_of(tmp_path, [make_record(started_at=START + timedelta(days=d)) for d in days])
    walked = make_record(started_at=START + timedelta(days=9))
    lazy = new_store(tmp_path).earlier_walks(walked, COMPARED_WALKS)
    every = whole(tmp_path)
    assert summarise(walked, lazy) == summarise(walked, every)
    assert (
        lazy
        == sorted(
            (w for w in every if w.started_at < walked.started_at), key=lambda w: w.started_at
        )[-COMPARED_WALKS:]
    )


@pytest.mark.parametrize("in_order", [True, False], ids=["in order", "out of order"])
def test_the_json_export_is_the_same_whether_streamed_or_rebuilt(
    tmp_path: Path, make_record: RecordFactory, in_order: bool
) -> None:
    days = range(8) if in_order else [3, 1, 2, 0, 7, 5, 6, 4]
    history_of(tmp_path, [make_record(started_at=START + timedelta(days=d)) for d in days])
    first = new_store(tmp_path).export_json()  # rebuilt; in order, finds the lines already so
    assert certificate(tmp_path)["canonical"] is in_order
    streamed = new_store(tmp_path).export_json()
    every = whole(tmp_path)
    # What the export wrote before it could stream: every session rebuilt, oldest first.
    in_time = sorted(every, key=lambda w: w.started_at)
    expected = dump_document(
        {"schema_version": SCHEMA_VERSION}, "sessions", (w.to_json() for w in in_time)
    )
    assert first == streamed == expected


def test_a_line_spaced_by_hand_is_rebuilt_in_the_json_export(
    tmp_path: Path, walks: list[SessionRecord]
) -> None:
    history_of(tmp_path, walks)
    path = tmp_path / "history.json"
    lines = path.read_bytes().split(b"\n")
    lines[4] = lines[4].replace(b'"outcome": "completed"', b'"outcome":"completed"', 1)
    path.write_bytes(b"\n".join(lines))
    new_store(tmp_path).load()  # read whole, vouched for: one record a line
    export = new_store(tmp_path).export_json()
    assert b'"outcome":"completed"' not in export
    assert certificate(tmp_path)["canonical"] is False


def test_walks_saved_one_after_another_by_one_store_keep_the_certificate_true(
    tmp_path: Path, walks: list[SessionRecord], make_record: RecordFactory
) -> None:
    history_of(tmp_path, walks)
    store = new_store(tmp_path)  # as the window's, which saves walk after walk
    more = [make_record(started_at=START + timedelta(days=70 + day)) for day in range(3)]
    for record in more:
        store.add(record)
        raw = (tmp_path / "history.json").read_bytes()
        assert certificate(tmp_path)["sha256"] == hashlib.sha256(raw).hexdigest()
    assert isinstance(new_store(tmp_path).load().items, LazyRecords)
    assert whole(tmp_path) == (*walks, *more)


def test_the_programme_walks_are_those_a_whole_read_gives_even_with_an_escaped_key(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    walks = [
        make_record(
            started_at=START + timedelta(days=day),
            programme=ProgrammeMark("knee-oa", 1, day % 3 + 1, "e1") if day % 2 else None,
            notes='said "programme" twice' if day == 4 else None,
        )
        for day in range(10)
    ]
    history_of(tmp_path, walks)
    path = tmp_path / "history.json"
    lines = path.read_bytes().split(b"\n")
    # A key spelt with an escape reads as "programme": still found, by the escape.
    assert b'"programme": {' in lines[4]  # the second walk, marked
    lines[4] = lines[4].replace(b'"programme": {', b'"progr\\u0061mme": {', 1)
    path.write_bytes(b"\n".join(lines))
    new_store(tmp_path).load()  # checked whole and vouched for: the id and start come first
    lazy = new_store(tmp_path).programme_walks()
    every = [walk for walk in whole(tmp_path) if walk.programme is not None]
    assert lazy == every
    assert len(every) == 5
