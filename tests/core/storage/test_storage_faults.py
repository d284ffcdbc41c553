"""Odd things in the data folder (FIFOs, links, folders, hidden bytes) never block or lose."""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType

import pytest

from retrocoach.core.errors import NotAFileError, StorageError
from retrocoach.core.history.store import SCHEMA_VERSION, FileState, HistoryStore, SessionRecord
from retrocoach.core.plan.model import Plan
from retrocoach.core.plan.store import PlanStore
from retrocoach.core.programme.mark import ProgrammeMark
from retrocoach.core.settings.store import Settings, SettingsStore
from retrocoach.core.storage.atomic import dump_document
from retrocoach.core.storage.locks import LockFile

RecordFactory = Callable[..., SessionRecord]


class HungError(Exception):
    """The test blocked for longer than any file operation may."""


@pytest.fixture(autouse=True)
def _never_hangs() -> Iterator[None]:
    """Fail, instead of hanging the suite, if anything blocks (on a FIFO, say) for 10 s."""

    def hung(_signal: int, _frame: FrameType | None) -> None:
        raise HungError

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


# -- item 6: nothing but a regular file is ever opened as one ---------------------------------


@pytest.mark.leaves_bad_history
@pytest.mark.parametrize("name", ["history.json", "plans.json", "settings.json"])
def test_a_fifo_in_place_of_a_data_file_is_refused_at_once(tmp_path: Path, name: str) -> None:
    os.mkfifo(tmp_path / name)
    lines: list[str] = []
    if name == "history.json":
        loaded = HistoryStore(tmp_path, warn=lines.append).load()
        assert loaded.state is FileState.PROTECTED
    elif name == "plans.json":
        assert PlanStore(tmp_path, warn=lines.append).load().state is FileState.PROTECTED
    else:
        assert SettingsStore(tmp_path, warn=lines.append).load() == Settings()
        with pytest.raises(NotAFileError):
            SettingsStore(tmp_path, warn=lines.append).save(Settings())
    assert len(lines) == 1
    assert "not a regular file" in lines[0]
    assert "\n" not in lines[0]
    assert stat.S_ISFIFO((tmp_path / name).lstat().st_mode)  # never replaced


def test_a_fifo_in_place_of_a_journal_or_a_lock_never_blocks(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    os.mkfifo(tmp_path / "session-feed.journal.jsonl")
    os.mkfifo(tmp_path / "history.json.lock")
    lines: list[str] = []
    store = HistoryStore(tmp_path, warn=lines.append, lock_timeout_s=0.2)
    assert store.recover_journals() == []
    with pytest.raises(NotAFileError):
        store.add(make_record())
    assert stat.S_ISFIFO((tmp_path / "session-feed.journal.jsonl").lstat().st_mode)


# -- item 4: lock files are never followed and never crash ------------------------------------


def test_a_lock_file_that_is_a_symlink_is_not_followed(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_bytes(b"keep me")
    (tmp_path / "history.json.lock").symlink_to(precious)
    store = HistoryStore(tmp_path, warn=pytest.fail)
    with pytest.raises(NotAFileError) as caught:
        store.add(make_record())
    assert "symbolic link" in str(caught.value)
    assert precious.read_bytes() == b"keep me"


def test_a_lock_file_deleted_while_held_does_not_let_two_holders_in_later(tmp_path: Path) -> None:
    path = tmp_path / "x.lock"
    first = LockFile(path)
    first.acquire()
    path.unlink()
    second = LockFile(path)
    assert second.try_acquire()  # a new file: the first holder's is gone
    first.release()  # harmless: it releases its own descriptor only
    third = LockFile(path)
    assert not third.try_acquire()
    second.release()
    assert third.try_acquire()
    third.release()


def test_a_lock_file_turned_into_a_folder_is_one_storage_error(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    (tmp_path / "history.json.lock").mkdir()
    with pytest.raises(StorageError) as caught:
        HistoryStore(tmp_path, warn=pytest.fail).add(make_record())
    assert "\n" not in str(caught.value)


# -- item 3: the fast append only splices a file exactly as the writer writes it ---------------


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "history.json"
    path.write_text(text)
    return path


@pytest.mark.leaves_bad_history
@pytest.mark.parametrize(
    "shape",
    [
        '{{"schema_version": {v}, "sessions": [\n{a}\n], "sessions": [\n{b}\n]}}\n',
        '{{"schema_version": {v}, "sessions": [\n{a}\n],\n"sessions": [\n{b}\n]}}\n',
        '{{"schema_version": {v}, "schema_version": {v}, "sessions": [\n{a},\n{b}\n]}}\n',
        '{{"schema_version": {v}, "sessions": [{a}], "sessions": [\n{b}\n]}}\n',
    ],
    ids=["duplicate-list", "duplicate-list-lines", "duplicate-header", "duplicate-list-inline"],
)
def test_bytes_hidden_from_the_parser_are_never_spliced_over_and_kept_aside(
    tmp_path: Path, make_record: RecordFactory, shape: str
) -> None:
    first, second, third = make_record(), make_record(), make_record()
    a, b = (json.dumps(r.to_json()) for r in (first, second))
    original = shape.format(a=a, b=b, v=SCHEMA_VERSION).encode()
    path = _file(tmp_path, original.decode())
    lines: list[str] = []
    store = HistoryStore(tmp_path, warn=lines.append)
    store.add(third)
    saved = {r.id for r in HistoryStore(tmp_path, warn=lines.append).sessions()}
    assert third.id in saved
    kept = b"".join(p.read_bytes() for p in tmp_path.glob("history.corrupt-*.json"))
    for record in (first, second):
        # Every session the bytes held is in the history or in a copy kept byte for byte.
        assert record.id in saved or record.id.encode() in kept
    if original.count(b'"sessions"') > 1:
        assert kept == original
    document = json.loads(path.read_bytes())
    assert path.read_bytes() == dump_document(
        {"schema_version": SCHEMA_VERSION}, "sessions", document["sessions"]
    )


# Each shape writes a key twice inside one object of an otherwise writer-formatted file:
# (what the first copy holds, the text it replaces in the first session's line).
_HIDDEN_INSIDE = {
    "session": ('"notes": "seen"', '"notes": "hidden words", "notes": "seen"'),
    "session-id": ('"outcome": ', '"id": "hiddenid", "outcome": '),
    "plan": ('"plan": {', '"plan": {"name": "hidden plan", '),
    "segment": ('"segments": [{', '"segments": [{"actual_s": 9.5, "hidden": 1, "hidden": 2, '),
    "programme": ('"programme": {', '"programme": {"week": 7, "hidden": 0, '),
    "programme-last": ('"session": 2}', '"session": 2, "session": 2}'),
    "unknown-nested": ('"notes": "seen"', '"notes": "seen", "extra": [{"hidden": 1, "hidden": 2}]'),
    "same-value": ('"outcome": ', '"outcome": "completed", "outcome": '),
    "escaped": ('"notes": "seen"', '"notes": "a\\\\b \\": c", "notes": "seen"'),
}


@pytest.mark.parametrize("where", sorted(_HIDDEN_INSIDE))
def test_a_key_written_twice_inside_a_session_is_found_and_the_file_kept_aside(
    tmp_path: Path, make_record: RecordFactory, where: str
) -> None:
    mark = ProgrammeMark("beginners", 1, 2)
    first = make_record(notes="seen", programme=mark)
    second = make_record()
    clean = dump_document(
        {"schema_version": SCHEMA_VERSION}, "sessions", [first.to_json(), second.to_json()]
    ).decode()
    found, twice = _HIDDEN_INSIDE[where]
    assert clean.count(found) >= 1
    original = clean.replace(found, twice, 1).encode()
    path = tmp_path / "history.json"
    path.write_bytes(original)
    lines: list[str] = []
    store = HistoryStore(tmp_path, warn=lines.append)
    before = store.sessions()
    third = make_record()
    store.add(third)
    copies = sorted(tmp_path.glob("history.corrupt-*.json"))
    assert [copy.read_bytes() for copy in copies] == [original]  # kept byte for byte
    assert any(copies[0].name in line for line in lines)  # and the walker is told where
    after = HistoryStore(tmp_path, warn=pytest.fail).sessions()
    assert [r.id for r in after] == [r.id for r in before] + [third.id]
    document = json.loads(path.read_bytes())
    assert path.read_bytes() == dump_document(
        {"schema_version": SCHEMA_VERSION}, "sessions", document["sessions"]
    )


@pytest.mark.parametrize("notes", [None, 'a "quoted": note', "C:\\walks\\", '\\": {"id": "x"}'])
def test_a_file_in_the_writers_own_form_is_appended_to(
    tmp_path: Path, make_record: RecordFactory, notes: str | None
) -> None:
    store = HistoryStore(tmp_path, warn=pytest.fail)
    store.add(make_record(notes=notes))
    fresh = HistoryStore(tmp_path, warn=pytest.fail)
    fresh.load()
    before = (tmp_path / "history.json").read_bytes()
    fresh.add(make_record())
    after = (tmp_path / "history.json").read_bytes()
    assert after.startswith(before[:-4] + b",\n")  # spliced: the old bytes, then the new line


# -- item 13: a symlinked history stays a symlink --------------------------------------------


def test_a_symlinked_history_stays_a_link_and_its_backup_is_a_plain_file(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    elsewhere = tmp_path / "synced"
    elsewhere.mkdir()
    data = tmp_path / "data"
    data.mkdir()
    real = elsewhere / "history.json"
    store = HistoryStore(data, warn=pytest.fail)
    (data / "history.json").symlink_to(real)
    for _ in range(3):
        store.add(make_record())
        store = HistoryStore(data, warn=pytest.fail)
    assert (data / "history.json").is_symlink()
    assert os.readlink(data / "history.json") == str(real)
    assert len(HistoryStore(data, warn=pytest.fail).sessions()) == 3
    backup = data / "history.json.bak"
    assert backup.is_file()
    assert not backup.is_symlink()
    assert len(json.loads(backup.read_bytes())["sessions"]) == 2


@pytest.mark.leaves_bad_history
@pytest.mark.parametrize("kind", ["socket", "device-link", "folder"])
def test_a_socket_a_device_or_a_folder_as_history_is_refused_at_once(
    tmp_path: Path, kind: str
) -> None:
    path = tmp_path / "history.json"
    if kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
    elif kind == "device-link":
        path.symlink_to("/dev/zero")  # reading would never end
    else:
        path.mkdir()
    lines: list[str] = []
    try:
        loaded = HistoryStore(tmp_path, warn=lines.append).load()
    finally:
        if kind == "socket":
            server.close()
    assert loaded.state is FileState.PROTECTED
    assert len(lines) == 1
    assert "\n" not in lines[0]


def test_symlinked_plans_and_settings_stay_links(tmp_path: Path) -> None:
    elsewhere = tmp_path / "synced"
    elsewhere.mkdir()
    config = tmp_path / "config"
    config.mkdir()
    for name in ("plans.json", "settings.json"):
        (config / name).symlink_to(elsewhere / name)
    plans = PlanStore(config, warn=pytest.fail)
    plans.save(Plan(name="Mine", forward_s=60, backward_s=30, rounds=2))
    plans.save(Plan(name="Yours", forward_s=60, backward_s=30, rounds=3))
    SettingsStore(config, warn=pytest.fail).save(Settings(volume=0.5))
    SettingsStore(config, warn=pytest.fail).save(Settings(volume=0.4))
    for name in ("plans.json", "settings.json"):
        assert (config / name).is_symlink(), name
        assert (elsewhere / name).is_file(), name
        backup = config / f"{name}.bak"
        assert backup.is_file()
        assert not backup.is_symlink()
    assert [p.name for p in PlanStore(config, warn=pytest.fail).plans()] == ["Mine", "Yours"]
    assert SettingsStore(config, warn=pytest.fail).load().volume == 0.4
