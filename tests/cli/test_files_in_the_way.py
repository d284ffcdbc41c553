"""Files in the way of a save, and messages that name the real cause (issue 22.8, 22.9, 22.10)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hostile_files import (
    SHORT,
    confirmed,
    env_for,
    fill,
    history_bytes,
    journal_bytes,
    one_line,
    saved_sessions,
    shell,
    tmpfs,
    walking,
)

pytestmark = pytest.mark.slow


def _in_the_way(path: Path, kind: str) -> None:
    if kind == "folder":
        path.mkdir()
    else:  # a folder with something in it: not even an empty folder to replace
        path.mkdir()
        (path / "kept.txt").write_text("mine")


@pytest.mark.parametrize("kind", ["folder", "full-folder"])
def test_a_walk_is_saved_when_its_history_backup_cannot_be_kept_and_the_blocker_is_named(
    tmp_path: Path, kind: str
) -> None:
    confirmed(tmp_path)
    (tmp_path / "history.json").write_bytes(history_bytes([]))
    _in_the_way(tmp_path / "history.json.bak", kind)
    with walking(env_for(tmp_path), SHORT) as walk:
        status, out, err = walk.finish()
    assert status == 0, err
    assert "Saved to your history" in out
    assert "history.json.bak" in err
    assert "Traceback" not in err
    assert len(saved_sessions(tmp_path / "history.json")) == 1
    assert not list(tmp_path.glob("session-*.journal.jsonl"))
    assert (tmp_path / "history.json.bak").is_dir()  # the user's folder is left as it is


def test_a_left_journal_is_recovered_when_the_history_backup_cannot_be_kept(tmp_path: Path) -> None:
    (tmp_path / "history.json").write_bytes(history_bytes([]))
    (tmp_path / "history.json.bak").mkdir()
    (tmp_path / "session-left.journal.jsonl").write_bytes(journal_bytes("left"))
    result = shell("$RC history --format json", env_for(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "history.json.bak" in result.stderr
    assert [s["id"] for s in json.loads(result.stdout)["sessions"]] == ["left"]
    assert not (tmp_path / "session-left.journal.jsonl").exists()


def test_settings_are_saved_when_their_backup_cannot_be_kept_and_the_blocker_is_named(
    tmp_path: Path,
) -> None:
    confirmed(tmp_path)
    (tmp_path / "settings.json.bak").mkdir()
    result = shell("$RC settings units=mph", env_for(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "settings.json.bak" in result.stderr
    assert json.loads((tmp_path / "settings.json").read_text())["units"] == "mph"


def test_a_full_disk_during_an_upgrade_never_claims_an_old_copy_that_was_never_made(
    tmp_path: Path,
) -> None:
    with tmpfs(tmp_path / "disk", "size=256k") as disk:
        v1 = {
            "id": "old",
            "started_at": "2026-11-01T07:00:00+01:00",
            "ended_at": "2026-11-01T07:20:00+01:00",
            "outcome": "completed",
            "plan": {
                "name": "p",
                "getready_s": 0,
                "warmup_s": 0,
                "forward_s": 60,
                "backward_s": 60,
                "rounds": 1,
                "cooldown_s": 0,
            },
            "segments": [{"kind": "forward", "round": 1, "planned_s": 60, "actual_s": 60}],
            "forward_s": 60,
            "backward_s": 0,
        }
        (disk / "history.json").write_bytes(history_bytes([v1], version=1))
        (disk / "session-left.journal.jsonl").write_bytes(journal_bytes("left"))
        fill(disk)
        result = shell("$RC history --format json", env_for(disk))
        assert "history.v1.json is intact" not in result.stderr, result.stderr
        assert "history.v1.json" in result.stderr
        assert "disk is full" in result.stderr
        assert not (disk / "history.v1.json").exists()
        assert (disk / "session-left.journal.jsonl").exists()  # the walk waits, kept
        assert saved_sessions(disk / "history.json")[0]["id"] == "old"
        os.unlink(disk / "filler")
        again = shell("$RC history --format json", env_for(disk))
        ids = [s["id"] for s in json.loads(again.stdout)["sessions"]]
        assert ids == ["old", "left"], again.stderr


def _not_a_file(path: Path, kind: str) -> Path:
    if kind == "fifo":
        os.mkfifo(path)
        return path
    if kind == "folder":
        path.mkdir()
        return path
    if kind == "link-to-fifo":
        os.mkfifo(path.with_name("pipe"))
        path.symlink_to(path.with_name("pipe"))
        return path
    return Path("/dev/zero")  # a device that never ends


@pytest.mark.parametrize("kind", ["fifo", "folder", "link-to-fifo", "device"])
@pytest.mark.parametrize(
    "command", ["programme", "programme start beginners", "run --audio none --plan next"]
)
def test_a_programmes_file_that_is_not_a_regular_file_is_refused_at_once(
    tmp_path: Path, kind: str, command: str
) -> None:
    confirmed(tmp_path)
    named = _not_a_file(tmp_path / "programmes.json", kind)
    env = env_for(tmp_path, RETROCOACH_PROGRAMMES_FILE=str(named))
    result = shell(f"timeout -s KILL 20 $RC {command}", env, timeout=60)
    assert result.returncode in (1, 2), result.stderr  # 137 would be the kill of a hang
    one_line(result.stderr)
    assert "not a regular file" in result.stderr
