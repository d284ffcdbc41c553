"""Fuzzing the loader: no input makes the store raise, and no input is ever written over.

Each kind of input runs RETROCOACH_FUZZ_EXAMPLES times (150 unless set); benchmarks/fuzz.py
runs the same checks on 10,000 inputs. The strategies and the check are in tests/fuzzing.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from fuzzing import (
    LOADER_INPUTS,
    NEW_RECORD,
    VALID_HISTORY,
    check_store_on,
    examples,
    fuzz,
    history_schema,
)

from retrocoach.core.history.store import FileState, HistoryStore
from retrocoach.core.storage.atomic import write_bytes_atomic


@pytest.mark.parametrize("kind", LOADER_INPUTS)
def test_no_history_file_makes_the_store_raise_or_write_over_it(kind: str) -> None:
    assert fuzz(check_store_on, LOADER_INPUTS[kind], examples()) > 0


def test_the_check_sees_a_loader_that_writes_to_the_file_it_reads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same bytes written back still change the file's mtime and inode: the check fails."""
    load = HistoryStore.load

    def load_and_rewrite(self: HistoryStore) -> object:
        result = load(self)
        write_bytes_atomic(self.path, self.path.read_bytes(), keep_backup=False)
        return result

    monkeypatch.setattr(HistoryStore, "load", load_and_rewrite)
    with pytest.raises(AssertionError):
        check_store_on(b'{"schema_version": 1, "sessions": []}')


def _with_keys_added_by_hand() -> bytes:
    """VALID_HISTORY with a key of its own at every level: file, session, plan and segment."""
    document = json.loads(VALID_HISTORY)
    document["synced_by"] = {"app": "a watch", "at": 3}
    first = document["sessions"][0]
    first["pulses_by_hand"] = [101, 99]
    first["plan"]["speed_kmh"] = 2.5
    first["segments"][0]["sound"] = 0
    return json.dumps(document).encode()


def _keys_added_by_hand(document: dict[str, Any]) -> list[object]:
    first = next(s for s in document["sessions"] if s["id"] == f"{0:032x}")
    return [
        document["synced_by"],
        first["pulses_by_hand"],
        first["plan"]["speed_kmh"],
        first["segments"][0]["sound"],
    ]


@pytest.mark.parametrize("change", ["append", "update", "delete another"])
def test_keys_added_by_hand_are_kept_by_every_save_and_the_file_stays_valid(
    tmp_path: Path, change: str
) -> None:
    """Found by fuzzing: the loader ignored such keys; appending kept them, the other saves
    dropped them, and the shipped schema refused them, though the contract names the keys a
    session has at least."""
    path = tmp_path / "history.json"
    path.write_bytes(_with_keys_added_by_hand())
    store = HistoryStore(tmp_path, warn=print)
    loaded = store.load()
    assert loaded.state is FileState.CLEAN
    if change == "append":
        store.add(NEW_RECORD)
    elif change == "update":
        store.update(loaded.items[0].with_checkin("felt good", 4))
    else:
        store.delete(loaded.items[1].id)
    saved = json.loads(path.read_bytes())
    assert _keys_added_by_hand(saved) == [{"app": "a watch", "at": 3}, [101, 99], 2.5, 0]
    jsonschema.validate(saved, history_schema())
    # A fresh store (another process) reads the same sessions back, and keeps the keys too.
    again = HistoryStore(tmp_path, warn=print)
    assert again.load().items == store.load().items
    again.update(again.sessions()[-1].with_checkin(None, 2))
    assert _keys_added_by_hand(json.loads(path.read_bytes()))[1:] == [[101, 99], 2.5, 0]


@pytest.mark.leaves_bad_history  # its 1e400 is the point
def test_a_key_that_cannot_be_written_back_is_set_aside_and_its_session_kept(
    tmp_path: Path,
) -> None:
    """1e400 reads as infinity, which strict JSON cannot hold: the value is set aside (the copy
    of the damaged file keeps it), the session kept, and saving still works."""
    path = tmp_path / "history.json"
    path.write_bytes(VALID_HISTORY.replace(b'"round": 0', b'"round": 0, "x": 1e400', 1))
    told: list[str] = []
    loaded = HistoryStore(tmp_path, warn=told.append).load()
    assert loaded.state is FileState.DAMAGED
    assert len(loaded.items) == 3
    assert any("segments[0].x" in line and "set aside" in line for line in told), told
