"""Two data folders whose history.json link to one file: every save of both lands (issue 22.2)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hostile_files import SHORT, confirmed, env_for, saved_sessions, walking
from xdesktop import need_tools

pytestmark = pytest.mark.slow

SAVES = 40
"""Saves per process: two processes saving this many each through their own link."""

_ADDER = """
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from retrocoach.core.history.store import HistoryStore, Outcome, SessionRecord
from retrocoach.core.plan.model import Plan

folder, tag, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
store = HistoryStore(folder, warn=print)
start = datetime(2026, 11, 16, 7, tzinfo=timezone.utc)
for number in range(count):
    store.add(SessionRecord(
        id=f"{tag}{number}", started_at=start, ended_at=start + timedelta(minutes=1),
        outcome=Outcome.STOPPED, plan=Plan(name="p"), segments=(), forward_s=0.0,
        backward_s=0.0,
    ))
"""


def _linked_folders(tmp_path: Path, *, chain: bool = False) -> tuple[Path, Path, Path]:
    shared = tmp_path / "synced" / "history.json"
    shared.parent.mkdir()
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    (first / "history.json").symlink_to(shared)
    if chain:  # through a linked folder
        hop = tmp_path / "hop"
        hop.symlink_to(shared.parent, target_is_directory=True)
        (second / "history.json").symlink_to(hop / "history.json")
    else:  # a link to the other folder's link
        (second / "history.json").symlink_to(first / "history.json")
    return shared, first, second


@pytest.mark.parametrize("chain", [False, True], ids=["one-link", "linked-folder"])
def test_two_folders_saving_through_links_to_one_history_lose_nothing(
    tmp_path: Path, chain: bool
) -> None:
    shared, first, second = _linked_folders(tmp_path, chain=chain)
    adders = [
        subprocess.Popen([sys.executable, "-c", _ADDER, str(folder), tag, str(SAVES)])
        for folder, tag in ((first, "a"), (second, "b"))
    ]
    assert [adder.wait(timeout=300) for adder in adders] == [0, 0]
    # Figure: two processes, SAVES saves each, every one contending for the shared file.
    ids = {session["id"] for session in saved_sessions(shared)}
    assert len(ids) == 2 * SAVES, f"{2 * SAVES - len(ids)} of {2 * SAVES} saves were lost"
    assert (first / "history.json").is_symlink()
    assert (second / "history.json").is_symlink()


def test_two_walks_ending_together_through_linked_histories_both_land(tmp_path: Path) -> None:
    need_tools(("strace",), "apt install strace")
    shared, first, second = _linked_folders(tmp_path)
    for folder in (first, second):
        confirmed(folder)
    # Each rename waits half a second: both walks read the history before either writes it.
    slow = [
        "strace",
        "-f",
        "-qq",
        "-o",
        "/dev/null",
        "-e",
        "inject=rename,renameat,renameat2:delay_enter=500000",
    ]
    with (
        walking(env_for(first), SHORT, slow) as one,
        walking(env_for(second), SHORT, slow) as two,
    ):
        results = [one.finish(), two.finish()]
    assert [status for status, _, _ in results] == [0, 0], results
    assert len(saved_sessions(shared)) == 2
    assert not list(first.glob("session-*"))
    assert not list(second.glob("session-*"))
