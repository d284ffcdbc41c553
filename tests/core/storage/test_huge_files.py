"""A data file far larger than RetroCoach ever writes is refused at once, never read whole."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from retrocoach.core.history.store import FileState, HistoryStore
from retrocoach.core.settings.store import SettingsStore
from retrocoach.core.storage.files import MAX_DATA_FILE_BYTES

HUGE = MAX_DATA_FILE_BYTES + 1


def _huge(path: Path) -> None:
    """A sparse file of HUGE bytes: a disk image or a dump saved under the file's name."""
    with path.open("wb") as file:
        file.truncate(HUGE)


@pytest.mark.leaves_bad_history  # the huge file is left exactly as it was, as it should be
def test_a_huge_history_is_left_untouched_and_said_without_reading_or_copying_it(
    tmp_path: Path,
) -> None:
    _huge(tmp_path / "history.json")
    warnings: list[str] = []
    began = time.monotonic()
    loaded = HistoryStore(tmp_path, warn=warnings.append).load()
    assert time.monotonic() - began < 5.0  # reading it whole took a minute and gigabytes
    assert loaded.state is FileState.PROTECTED
    assert loaded.items == ()
    [told] = warnings
    assert "history.json" in told
    assert "MB" in told
    assert "nothing will be saved over it" in told
    assert sorted(p.name for p in tmp_path.iterdir()) == ["history.json"]  # no copy of it
    assert os.path.getsize(tmp_path / "history.json") == HUGE


def test_a_huge_settings_file_gives_the_defaults_and_a_line(tmp_path: Path) -> None:
    _huge(tmp_path / "settings.json")
    warnings: list[str] = []
    settings = SettingsStore(tmp_path, warn=warnings.append).load()
    assert settings.volume == 0.8
    assert any("settings.json" in line and "MB" in line for line in warnings), warnings


def test_a_huge_journal_is_left_untouched_and_said_without_reading_it(tmp_path: Path) -> None:
    journal = tmp_path / "session-0123456789abcdef0123456789abcdef.journal.jsonl"
    _huge(journal)
    warnings: list[str] = []
    began = time.monotonic()
    assert HistoryStore(tmp_path, warn=warnings.append).recover_journals() == []
    assert time.monotonic() - began < 5.0
    assert any(journal.name in line and "MB" in line for line in warnings), warnings
    assert sorted(p.name for p in tmp_path.iterdir() if "journal" in p.name) == [journal.name]
    assert os.path.getsize(journal) == HUGE
