"""A full disk, or one without a free inode, never loses a walk silently (issue 22.5).

Before the first step the walk's journal is made with its room set aside: in the data folder,
or, when that is full, in the runtime folder on another file system, recovered from there. If
neither can keep it, `run` says so before the walk starts and the walker chooses.
"""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest
from hostile_files import (
    JOURNALS,
    LONG,
    SHORT,
    env_for,
    fill,
    fill_inodes,
    history_bytes,
    shell,
    tmpfs,
    wait_until,
    walking,
)

from retrocoach.core.settings.store import Settings, SettingsStore

pytestmark = pytest.mark.slow


def _full(disk: Path, kind: str) -> None:
    if kind == "blocks":
        fill(disk)
    else:
        fill_inodes(disk)


def _prepared(data: Path) -> None:
    data.mkdir(parents=True, exist_ok=True)
    SettingsStore(data, warn=print).save(Settings(checklist_confirmed=True, pips=0))
    (data / "history.json").write_bytes(history_bytes([]))


@pytest.mark.parametrize("kind", ["blocks", "inodes"])
def test_a_walk_on_a_full_disk_is_journalled_in_the_runtime_folder_and_recovered(
    tmp_path: Path, kind: str
) -> None:
    options = "size=2m" if kind == "blocks" else "size=8m,nr_inodes=64"
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    with tmpfs(tmp_path / "disk", options) as disk:
        data = disk / "data"
        _prepared(data)
        _full(disk, kind)
        env = env_for(data, XDG_RUNTIME_DIR=str(runtime))
        with walking(env, LONG) as walk:
            walk.wait_for("FORWARD")
            wait_until(lambda: list(runtime.rglob(JOURNALS)), "a journal in the runtime folder")
            wait_until(
                lambda: b"checkpoint" in next(runtime.rglob(JOURNALS)).read_bytes(),
                "the walk's first checkpoint",
            )
            walk.finish(signal.SIGKILL)
        for leftover in [*disk.glob("filler"), *disk.glob("inode-*")]:
            leftover.unlink()
        result = shell("$RC history --format json", env)
        assert result.returncode == 0, result.stderr
        [session] = json.loads(result.stdout)["sessions"]
        assert session["outcome"] == "interrupted"
        assert list(runtime.rglob(JOURNALS)) == []


@pytest.mark.parametrize("kind", ["blocks", "inodes"])
def test_a_walk_that_cannot_be_kept_anywhere_is_refused_before_the_first_step(
    tmp_path: Path, kind: str
) -> None:
    options = "size=2m" if kind == "blocks" else "size=8m,nr_inodes=64"
    with tmpfs(tmp_path / "disk", options) as disk, tmpfs(tmp_path / "run", options) as runtime:
        data = disk / "data"
        _prepared(data)
        os.makedirs(runtime / "retrocoach" / "journals", mode=0o700)
        _full(disk, kind)
        _full(runtime, kind)
        env = env_for(data, XDG_RUNTIME_DIR=str(runtime))
        with walking(env, SHORT) as walk:
            status, out, err = walk.finish()
        assert status == 1, err
        assert "FORWARD" not in out  # said before the walk, not after it
        assert "no room to keep this walk" in err
        assert "--yes" in err
        assert "Traceback" not in err
        anyway = shell(f"$RC run --audio none --yes --plan '{SHORT}'", env)
        assert "FORWARD" in anyway.stdout, anyway.stderr
        assert "will not be saved" in anyway.stderr
        assert "Traceback" not in anyway.stderr
