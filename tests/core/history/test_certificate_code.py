"""A history certificate vouches only for the code that checked the file: other code reads it whole.

The record's reading passes through more modules than the record's own (a segment's fields,
a plan's limits, the search for keys written twice): a change to any of them, made without a
new version number, must make the certificates the earlier code wrote worthless.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

import retrocoach.core
from retrocoach.core.history import lines
from retrocoach.core.history.store import SessionRecord
from retrocoach.core.storage.lazy import LazyRecords
from tests.core.conftest import START, RecordFactory
from tests.core.history.test_checked_history import history_of
from tests.core.history.test_history import new_store

CORE = Path(retrocoach.core.__file__).resolve().parent


@pytest.fixture(autouse=True)
def _code_named_again() -> Iterator[None]:
    """The code is named once a process: here it is named again as it changes."""
    lines._code.cache_clear()
    yield
    lines._code.cache_clear()


@pytest.mark.parametrize(
    "module",
    [
        "session/events.py",  # a segment's record and its checks
        "plan/limits.py",  # the limits a recorded plan is read against
        "segments.py",  # the kinds of segment
        "storage/document_reading.py",  # keys written twice, records under one key
        "history/lines.py",  # what a line is taken to say before it is parsed
        "history/records.py",
    ],
)
def test_a_certificate_written_by_other_checking_code_is_not_believed(
    tmp_path: Path, make_record: RecordFactory, monkeypatch: pytest.MonkeyPatch, module: str
) -> None:
    walks: list[SessionRecord] = [
        make_record(started_at=START + timedelta(days=day)) for day in range(4)
    ]
    history_of(tmp_path, walks)
    assert isinstance(new_store(tmp_path).load().items, LazyRecords)
    changed, read = CORE / module, Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        data = read(path)
        return data + b"\n# a check changed\n" if path.resolve() == changed else data

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    lines._code.cache_clear()
    loaded = new_store(tmp_path).load()
    assert not isinstance(loaded.items, LazyRecords)
    assert loaded.items == tuple(walks)
