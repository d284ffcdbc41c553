"""A `retrocoach run` killed at each rename of its save, the history's certificate among them.

strace's ``-e inject=...:signal=KILL:when=N`` kills the real process as it makes its N-th
rename: before the backup, before history.json, before the certificate (.history-checked.json),
at the start or at the end. Whatever the moment, the next command lists every walk once, a
certificate never vouches for other bytes, and no temp file is left for good.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from retrocoach.core.history.lines import CERTIFICATE_NAME
from retrocoach.core.history.store import HistoryStore
from retrocoach.core.storage.lazy import LazyRecords
from tests.faults.test_injected_storage_faults import PLAN, _strace

pytestmark = pytest.mark.slow

EARLIER = 1


def _retrocoach(
    data: Path, *args: str, inject: str | None = None
) -> subprocess.CompletedProcess[str]:
    traced = [_strace(), "-f", "-qq", "-o", os.devnull, "-e", f"inject={inject}"] if inject else []
    return subprocess.run(
        [*traced, sys.executable, "-m", "retrocoach", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "RETROCOACH_DATA_DIR": str(data)},
        stdin=subprocess.DEVNULL,
        check=False,
    )


def _walk(data: Path, inject: str | None = None) -> subprocess.CompletedProcess[str]:
    return _retrocoach(data, "run", "--audio", "none", "--plan", PLAN, inject=inject)


def _leftovers(data: Path) -> list[str]:
    return sorted(path.name for path in data.glob(".*.tmp"))


@pytest.mark.parametrize(
    ("certified", "rename"),
    # With a certificate the renames are the backup's, history.json's, the certificate's.
    # Without one (an older RetroCoach wrote last), the start writes a certificate first.
    [(True, 3), (False, 1), (False, 3), (False, 4)],
)
def test_a_walk_killed_at_any_rename_of_its_save_is_listed_once_and_leaves_no_temp_for_good(
    tmp_path: Path, certified: bool, rename: int
) -> None:
    data = tmp_path / "data"
    for _ in range(EARLIER):
        assert _walk(data).returncode == 0
    if certified:  # a read whole leaves a certificate
        assert _retrocoach(data, "history", "--format", "csv").returncode == 0
        assert (data / CERTIFICATE_NAME).exists()
    else:
        (data / CERTIFICATE_NAME).unlink(missing_ok=True)  # as an older RetroCoach leaves it
    killed = _walk(data, inject=f"rename,renameat,renameat2:signal=KILL:when={rename}")
    assert killed.returncode in (-9, 128 + 9), killed.stderr  # strace ends as its child did
    listing = _retrocoach(data, "history", "--format", "json")
    assert listing.returncode == 0, listing.stderr
    assert "Traceback" not in listing.stderr
    sessions = json.loads(listing.stdout)["sessions"]
    walked = EARLIER + (0 if (certified, rename) == (False, 1) else 1)  # killed before it began
    assert len(sessions) == len({session["id"] for session in sessions}) == walked
    # The next walk's save clears what the killed one left, and its certificate vouches truly.
    assert _walk(data).returncode == 0
    assert _leftovers(data) == []
    by_line = HistoryStore(data, warn=print).sessions()
    assert isinstance(by_line, LazyRecords)
    (data / CERTIFICATE_NAME).unlink()
    assert tuple(by_line) == tuple(HistoryStore(data, warn=print).sessions())


@pytest.mark.parametrize("errno_name", ["EIO", "ENOSPC"])
def test_a_certificate_that_cannot_be_written_at_a_walks_end_costs_nothing_but_time(
    tmp_path: Path, errno_name: str
) -> None:
    data = tmp_path / "data"
    assert _walk(data).returncode == 0
    assert _retrocoach(data, "history", "--format", "csv").returncode == 0
    vouched = (data / CERTIFICATE_NAME).read_bytes()
    # The third rename of a walk's save is its certificate's (after the backup, history.json).
    walked = _walk(data, inject=f"rename,renameat,renameat2:error={errno_name}:when=3")
    assert walked.returncode == 0, walked.stderr
    assert "Traceback" not in walked.stderr
    assert (data / CERTIFICATE_NAME).read_bytes() == vouched  # for the bytes before the walk
    assert _leftovers(data) == []
    store = HistoryStore(data, warn=print)
    assert not isinstance(store.sessions(), LazyRecords)  # read whole: it vouched for other bytes
    assert len(store.sessions()) == 2
