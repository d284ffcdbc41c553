"""Storage faults injected into a real `retrocoach run` with strace: the walk is never lost.

strace's ``-e inject=`` makes chosen system calls fail with a chosen errno, in the real
process, at the moment the code makes them: faults that a test cannot otherwise cause on a
healthy disk (a rename that fails with EIO, an fdatasync that reports ENOSPC).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from retrocoach.core.history.store import HistoryStore, Outcome
from retrocoach.core.settings.store import Settings, SettingsStore

pytestmark = pytest.mark.slow

PLAN = "getready=0s warmup=0s forward=2s backward=2s rounds=1 cooldown=0s"


def _strace() -> str:
    found = shutil.which("strace")
    if found is None:
        pytest.fail("strace is needed: apt install strace", pytrace=False)
    return found


def _run_under_strace(data: Path, inject: str) -> subprocess.CompletedProcess[str]:
    SettingsStore(data, warn=print).save(Settings(checklist_confirmed=True, pips=0))
    return subprocess.run(
        [
            _strace(),
            "-f",
            "-qq",
            "-o",
            os.devnull,
            "-e",
            f"inject={inject}",
            sys.executable,
            "-m",
            "retrocoach",
            "run",
            "--audio",
            "none",
            "--plan",
            PLAN,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "RETROCOACH_DATA_DIR": str(data)},
        stdin=subprocess.DEVNULL,
        check=False,
    )


@pytest.mark.parametrize("errno_name", ["EIO", "ENOSPC", "EXDEV", "EROFS"])
def test_a_final_save_whose_rename_fails_exits_1_and_the_next_start_keeps_the_walk(
    tmp_path: Path, errno_name: str
) -> None:
    """Every rename fails: history.json cannot be replaced, the journal is all there is."""
    data = tmp_path / "data"
    result = _run_under_strace(data, f"rename,renameat,renameat2:error={errno_name}")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    [journal] = data.glob("session-*.journal.jsonl")
    assert str(journal) in result.stderr
    assert not (data / "history.json").exists()
    listing = subprocess.run(
        [sys.executable, "-m", "retrocoach", "history", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "RETROCOACH_DATA_DIR": str(data)},
        check=True,
    )
    [session] = json.loads(listing.stdout)["sessions"]
    assert session["outcome"] == "completed"
    assert session["forward_s"] + session["backward_s"] == 4.0
    assert list(data.glob("session-*.journal.jsonl")) == []


@pytest.mark.parametrize("errno_name", ["EIO", "ENOSPC"])
def test_a_journal_whose_writes_fail_never_stops_the_walk_or_its_save(
    tmp_path: Path, errno_name: str
) -> None:
    """Every fdatasync fails (the journal's flush): the walk goes on and is saved."""
    data = tmp_path / "data"
    result = _run_under_strace(data, f"fdatasync:error={errno_name}")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "could not be journalled" in result.stderr
    [saved] = HistoryStore(data, warn=print).sessions()
    assert saved.outcome is Outcome.COMPLETED
    assert saved.walking_s == 4.0
