"""A running walk's journal replaced by a copy is never taken for an abandoned one (issue 22.1).

What a sync client, a backup restore or an editor's save-by-rename does: the file at the
journal's path becomes another file with the same (or older) bytes, and the walker's lock
stays on the old one. Other commands run meanwhile must leave it; the walk's end must save it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
from pathlib import Path

import pytest
from hostile_files import (
    JOURNALS,
    LONG,
    confirmed,
    env_for,
    saved_sessions,
    shell,
    wait_until,
    walking,
)

from retrocoach.core.history.journal import parse_journal
from retrocoach.core.history.records import Outcome
from retrocoach.core.history.store import HistoryStore

pytestmark = pytest.mark.slow

MEDIUM = "getready=0s warmup=0s forward=4s backward=2s rounds=1 cooldown=0s"
OTHER_COMMANDS = ("history", "plans", "settings", "programme")


def _journal(data: Path) -> Path:
    wait_until(lambda: list(data.glob(JOURNALS)), "the walk's journal")
    [journal] = data.glob(JOURNALS)
    return journal


def _replace(journal: Path, how: str, older: bytes) -> None:
    if how == "rename-copy":  # save-by-rename: a new file with the same bytes over the old
        shutil.copy2(journal, journal.with_name("copy.tmp"))
        os.replace(journal.with_name("copy.tmp"), journal)
    elif how == "restore-older":  # a backup of the journal from earlier in the walk
        journal.with_name("copy.tmp").write_bytes(older)
        os.replace(journal.with_name("copy.tmp"), journal)
    else:  # deleted, then written again by a sync client
        raw = journal.read_bytes()
        journal.unlink()
        journal.write_bytes(raw)


@pytest.mark.parametrize("how", ["rename-copy", "restore-older", "delete-recreate"])
def test_a_copied_journal_is_left_while_its_walk_runs_and_the_walk_is_saved_whole(
    tmp_path: Path, how: str
) -> None:
    confirmed(tmp_path)
    env = env_for(tmp_path)
    with walking(env, LONG) as walk:
        walk.wait_for("FORWARD")
        journal = _journal(tmp_path)
        older = journal.read_bytes()
        wait_until(lambda: journal.read_bytes() != older, "a checkpoint", 30)
        _replace(journal, how, older)
        for command in OTHER_COMMANDS:
            result = shell(f"$RC {command}", env)
            assert "interrupted" not in result.stderr, result.stderr
        assert saved_sessions(tmp_path / "history.json") == []  # nothing taken mid-walk
        status, _, err = walk.finish(signal.SIGTERM)
    assert status == 128 + signal.SIGTERM, err
    assert "NOT saved" not in err
    [session] = saved_sessions(tmp_path / "history.json")
    assert session["outcome"] == "stopped"
    assert session["forward_s"] >= 10.0  # the whole walk, not the copy's part of it
    after = shell("$RC history", env)  # the copy goes once the history holds all it holds
    assert "interrupted" not in after.stderr
    assert list(tmp_path.glob(JOURNALS)) == []
    assert len(saved_sessions(tmp_path / "history.json")) == 1


def test_a_walk_ends_saved_while_commands_keep_running_beside_its_copied_journal(
    tmp_path: Path,
) -> None:
    confirmed(tmp_path)
    env = env_for(tmp_path)
    rounds = 0
    with walking(env, MEDIUM) as walk:
        walk.wait_for("FORWARD")
        journal = _journal(tmp_path)
        _replace(journal, "rename-copy", b"")
        # Figure: as many other commands as fit in the walk's six seconds, each one a chance
        # for the copy to be taken (rounds is reported by the assertion below if it fails).
        while walk.process.poll() is None:
            result = shell("$RC history --format json", env)
            assert "interrupted" not in result.stderr, (rounds, result.stderr)
            rounds += 1
        status, out, err = walk.finish()
    assert status == 0, err
    assert "Saved to your history" in out, (rounds, out, err)
    [session] = saved_sessions(tmp_path / "history.json")
    assert session["outcome"] == "completed"
    assert rounds >= 2


def test_an_early_interrupted_record_of_a_walk_is_replaced_by_the_walk_itself(
    tmp_path: Path,
) -> None:
    confirmed(tmp_path)
    env = env_for(tmp_path)
    with walking(env, MEDIUM) as walk:
        walk.wait_for("FORWARD")
        # What an older RetroCoach did with the copy: recorded it as interrupted, 0:00.
        early = parse_journal(_journal(tmp_path).read_bytes()).record
        HistoryStore(tmp_path, warn=print).add(early)
        status, _out, err = walk.finish()
    assert status == 0, err
    assert "already recorded" not in err
    [session] = saved_sessions(tmp_path / "history.json")
    assert session["id"] == early.id
    assert session["outcome"] == "completed"
    assert session["forward_s"] + session["backward_s"] == pytest.approx(6.0, abs=0.5)


def test_a_killed_walk_with_a_copied_journal_is_recovered_once_and_whole(tmp_path: Path) -> None:
    confirmed(tmp_path)
    env = env_for(tmp_path)
    with walking(env, LONG) as walk:
        walk.wait_for("FORWARD")
        journal = _journal(tmp_path)
        older = journal.read_bytes()
        _replace(journal, "restore-older", older)
        # The walker notices at its next checkpoint and journals afresh beside the copy.
        wait_until(lambda: len(list(tmp_path.glob(JOURNALS))) == 2, "a fresh journal", 30)
        walk.finish(signal.SIGKILL)
    result = shell("$RC history --format json", env)
    assert result.returncode == 0, result.stderr
    [session] = json.loads(result.stdout)["sessions"]
    assert session["outcome"] == Outcome.INTERRUPTED.value
    assert session["forward_s"] >= 10.0
    assert list(tmp_path.glob(JOURNALS)) == []
