"""Atomic writes, strict reads and copies set aside: the file rules every store relies on."""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from retrocoach.core.errors import CorruptFileError, DiskFullError, ReadOnlyError, StorageError
from retrocoach.core.storage.atomic import dump_document, splice_items, write_bytes_atomic
from retrocoach.core.storage.files import copy_aside, parse_json_bytes

WHEN = datetime(2026, 11, 21, 7, 0, 0)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def leftovers(folder: Path) -> list[str]:
    """Temp files a failed write might have left behind."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_new_file_is_private_in_a_new_private_folder(tmp_path: Path) -> None:
    target = tmp_path / "new" / "data.json"
    write_bytes_atomic(target, b"{}\n", keep_backup=True)
    assert target.read_bytes() == b"{}\n"
    assert mode(target) == 0o600
    assert mode(target.parent) == 0o700


def test_the_previous_file_is_kept_as_bak(tmp_path: Path) -> None:
    target = tmp_path / "data.json"
    write_bytes_atomic(target, b"[1]", keep_backup=True)
    write_bytes_atomic(target, b"[2]", keep_backup=True)
    write_bytes_atomic(target, b"[3]", keep_backup=True)
    assert target.read_bytes() == b"[3]"
    backup = tmp_path / "data.json.bak"
    assert backup.read_bytes() == b"[2]"
    assert mode(backup) == 0o600
    assert leftovers(tmp_path) == []


def test_without_keep_backup_no_bak_is_made(tmp_path: Path) -> None:
    target = tmp_path / "data.json"
    write_bytes_atomic(target, b"[1]", keep_backup=False)
    write_bytes_atomic(target, b"[2]", keep_backup=False)
    assert not (tmp_path / "data.json.bak").exists()


def test_a_backup_is_copied_where_hard_links_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*_args: Any) -> None:
        raise OSError(errno.EPERM, "links not supported here")

    target = tmp_path / "data.json"
    write_bytes_atomic(target, b"[1]", keep_backup=True)
    monkeypatch.setattr(os, "link", no_links)
    write_bytes_atomic(target, b"[2]", keep_backup=True)
    assert (tmp_path / "data.json.bak").read_bytes() == b"[1]"
    assert target.read_bytes() == b"[2]"


def failing_on_temp_files(code: int, real: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap os.write so it fails with *code* on RetroCoach's temp files only."""

    def write(fd: int, data: Any) -> int:
        if os.readlink(f"/proc/self/fd/{fd}").endswith(".tmp"):
            raise OSError(code, os.strerror(code))
        result: int = real(fd, data)
        return result

    return write


@pytest.mark.parametrize(
    ("code", "error_type", "words"),
    [
        (errno.ENOSPC, DiskFullError, "the disk is full"),
        (errno.EDQUOT, DiskFullError, "the disk is full"),
        (errno.EROFS, ReadOnlyError, "read-only"),
        (errno.EIO, StorageError, "Input/output error"),
    ],
)
def test_a_failed_write_leaves_the_old_file_and_nothing_else(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    code: int,
    error_type: type[StorageError],
    words: str,
) -> None:
    target = tmp_path / "data.json"
    write_bytes_atomic(target, b"old", keep_backup=True)
    write_bytes_atomic(target, b"older is bak", keep_backup=True)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    monkeypatch.setattr(os, "write", failing_on_temp_files(code, os.write))
    with pytest.raises(error_type) as caught:
        write_bytes_atomic(target, b"new", keep_backup=True)
    assert words in str(caught.value)
    assert "the previous data.json is intact" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert caught.value.errno == code
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_a_failure_at_fsync_or_rename_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    target = tmp_path / "data.json"
    write_bytes_atomic(target, b"old", keep_backup=False)

    def refuse(*_args: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, step, refuse)
    with pytest.raises(DiskFullError):
        write_bytes_atomic(target, b"new", keep_backup=False)
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_dump_document_puts_one_item_per_line_and_parses_back() -> None:
    items = [{"a": 1}, {"b": "t\u00e9xt \ud83d"}, {"c": [1.5]}]
    data = dump_document({"schema_version": 1}, "things", items)
    assert data.count(b"\n") == len(items) + 2
    assert json.loads(data) == {"schema_version": 1, "things": items}
    assert json.loads(dump_document({"v": 2}, "none", [])) == {"v": 2, "none": []}


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty"),
        (b"  \n", "empty"),
        (b'{"a": 1}\x00\x00\x00', "zero bytes"),
        ('{"a": "\u00e9"}'.encode("latin-1"), "not UTF-8"),
        ('{"a": 1}'.encode("utf-16"), "not UTF-8"),
        (b'{"a": ', "not valid JSON"),
        (b'{"a": NaN}', "NaN"),
        (b'{"a": -Infinity}', "-Infinity"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"a": ' + b"9" * 5000 + b"}", "cannot be read"),
    ],
)
def test_unreadable_bytes_raise_corrupt_file_error_with_a_reason(raw: bytes, reason: str) -> None:
    with pytest.raises(CorruptFileError) as caught:
        parse_json_bytes(raw)
    assert reason in caught.value.reason


def test_a_byte_order_mark_from_a_hand_edit_is_accepted() -> None:
    assert parse_json_bytes(b'\xef\xbb\xbf{"a": 1}') == {"a": 1}


def test_copy_aside_keeps_the_bytes_exactly_in_a_private_file(tmp_path: Path) -> None:
    raw = bytes(range(256)) * 3
    copy = copy_aside(tmp_path / "history.json", raw, WHEN)
    assert copy.name == "history.corrupt-20261121T070000.json"
    assert copy.read_bytes() == raw
    assert mode(copy) == 0o600


def test_copy_aside_never_overwrites_an_existing_copy(tmp_path: Path) -> None:
    existing = tmp_path / "history.corrupt-20261121T070000.json"
    existing.write_bytes(b"someone else's copy")
    copy = copy_aside(tmp_path / "history.json", b"new damage", WHEN)
    assert existing.read_bytes() == b"someone else's copy"
    assert copy.name == "history.corrupt-20261121T070000-2.json"
    assert copy.read_bytes() == b"new damage"


def test_copy_aside_reuses_a_copy_of_the_same_bytes(tmp_path: Path) -> None:
    first = copy_aside(tmp_path / "history.json", b"damage", WHEN)
    again = copy_aside(tmp_path / "history.json", b"damage", datetime(2027, 1, 1))
    assert again == first
    assert len(list(tmp_path.iterdir())) == 1


def test_copy_aside_names_a_journal_copy_after_the_journal(tmp_path: Path) -> None:
    copy = copy_aside(tmp_path / "session.journal.json", b"x", WHEN)
    assert copy.name == "session.journal.corrupt-20261121T070000.json"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b'{"v": 1, "l": []}', b'{"v": 1, "l": [\nA,\nB\n]}\n'),
        (b'{"v": 1, "l": [\n1\n]}\n', b'{"v": 1, "l": [\n1,\nA,\nB\n]}\n'),
        (b'{"l": [ 1 ] }  \n\n', b'{"l": [ 1,\nA,\nB\n]}\n'),
        (b'{"l": [1], "v": 1}', None),
        (b'{"l": [1]', None),
    ],
)
def test_splice_items_adds_lines_at_the_end_of_the_closing_list(
    raw: bytes, expected: bytes | None
) -> None:
    assert splice_items(raw, [b"A", b"B"]) == expected
