"""Damaged files are salvaged, as SQLite's recover does: every whole session kept (issue 22.3).

A file cut short, a key written twice, one session with a value another program wrote: each
keeps every session that can be read, says in one line what was set aside and why, and keeps
the damaged bytes in a copy.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hostile_files import SHORT, confirmed, env_for, history_bytes, one_line, shell, walking

from retrocoach.core.history.records import Outcome, SessionRecord
from retrocoach.core.history.store import FileState, HistoryStore
from retrocoach.core.plan.model import Kind, Plan
from retrocoach.core.session.machine import SegmentRecord

pytestmark = pytest.mark.slow


def _sessions(count: int) -> list[dict[str, object]]:
    start = datetime(2026, 11, 16, 7, tzinfo=timezone(timedelta(hours=1)))
    return [
        SessionRecord(
            id=f"s{number}",
            started_at=start + timedelta(days=number),
            ended_at=start + timedelta(days=number, minutes=5),
            outcome=Outcome.COMPLETED,
            plan=Plan(name="Gentle", forward_s=60, backward_s=60, rounds=1),
            segments=(SegmentRecord(Kind.FORWARD, 60, 60.0, 1),),
            forward_s=60.0,
            backward_s=0.0,
            notes=f"walk {number}",
        ).to_json()
        for number in range(count)
    ]


def _listed(folder: Path) -> tuple[list[str], str]:
    result = shell("$RC history --format json", env_for(folder))
    assert result.returncode == 0, result.stderr
    one_line(result.stderr)
    return [s["id"] for s in json.loads(result.stdout)["sessions"]], result.stderr


def _copy_kept(folder: Path, raw: bytes) -> None:
    [copy] = folder.glob("history.corrupt-*.json")
    assert copy.read_bytes() == raw


def test_every_cut_of_a_file_keeps_the_sessions_before_it(tmp_path: Path) -> None:
    raw = history_bytes(_sessions(6))
    # Where each session's closing brace ends: one session a line, after the header line.
    offsets, at = [], 0
    for line in raw.split(b"\n"):
        at += len(line) + 1
        if line.startswith(b'{"id"'):
            offsets.append(at - 1 - (1 if line.endswith(b",") else 0))
    for cut in range(raw.index(b"[") + 1, len(raw) - 4, 7):  # every 7th byte of the list
        folder = tmp_path / f"cut{cut}"
        folder.mkdir()
        (folder / "history.json").write_bytes(raw[:cut])
        loaded = HistoryStore(folder, warn=lambda line: None).load()
        whole = sum(1 for end in offsets if end <= cut)
        assert loaded.state is FileState.DAMAGED
        assert [r.id for r in loaded.items] == [f"s{n}" for n in range(whole)], cut


def test_a_file_cut_short_keeps_its_whole_sessions_and_says_what_was_set_aside(
    tmp_path: Path,
) -> None:
    raw = history_bytes(_sessions(5))
    cut = raw[: raw.index(b'"notes": "walk 3"')]
    (tmp_path / "history.json").write_bytes(cut)
    ids, told = _listed(tmp_path)
    assert ids == ["s0", "s1", "s2"]
    assert "3 whole sessions" in told
    assert "cut short" in told
    _copy_kept(tmp_path, cut)
    confirmed(tmp_path)
    with walking(env_for(tmp_path), SHORT) as walk:
        status, _, err = walk.finish()
    assert status == 0, err
    after = shell("$RC history --format json", env_for(tmp_path))
    assert len(json.loads(after.stdout)["sessions"]) == 4, after.stderr  # beside the three


def test_zero_bytes_a_power_cut_left_cost_only_the_session_they_cut(tmp_path: Path) -> None:
    raw = history_bytes(_sessions(3))
    cut = raw[: raw.index(b'"notes": "walk 2"')] + b"\x00" * 512
    (tmp_path / "history.json").write_bytes(cut)
    ids, told = _listed(tmp_path)
    assert ids == ["s0", "s1"]
    assert "zero bytes" in told
    _copy_kept(tmp_path, cut)


def test_a_list_written_twice_keeps_the_sessions_under_both(tmp_path: Path) -> None:
    sessions = _sessions(4)
    first = json.dumps(sessions[:2])
    second = json.dumps(sessions[2:])
    raw = f'{{"schema_version": 3, "sessions": {first}, "sessions": {second}}}\n'.encode()
    (tmp_path / "history.json").write_bytes(raw)
    ids, told = _listed(tmp_path)
    assert ids == ["s0", "s1", "s2", "s3"]
    assert "'sessions'" in told
    assert "twice" in told
    _copy_kept(tmp_path, raw)


def test_a_key_written_twice_in_one_session_keeps_that_session(tmp_path: Path) -> None:
    raw = history_bytes(_sessions(3)).replace(
        b'"notes": "walk 1"', b'"notes": "first", "notes": "walk 1"'
    )
    (tmp_path / "history.json").write_bytes(raw)
    ids, told = _listed(tmp_path)
    assert ids == ["s0", "s1", "s2"]
    assert "'notes'" in told
    _copy_kept(tmp_path, raw)


@pytest.mark.parametrize("where", ["session", "plan", "segment"])
def test_one_foreign_value_json_cannot_write_costs_only_that_value(
    tmp_path: Path, where: str
) -> None:
    sessions = _sessions(3)
    target: dict[str, object] = sessions[1]
    if where == "plan":
        target = sessions[1]["plan"]  # type: ignore[assignment]
    elif where == "segment":
        target = sessions[1]["segments"][0]  # type: ignore[index]
    target["from_other_tool"] = "PLACEHOLDER"
    raw = history_bytes(sessions).replace(b'"PLACEHOLDER"', b"1e400")
    (tmp_path / "history.json").write_bytes(raw)
    ids, told = _listed(tmp_path)
    assert ids == ["s0", "s1", "s2"]
    assert "from_other_tool" in told
    assert "s1" in told
    _copy_kept(tmp_path, raw)
    confirmed(tmp_path)
    with walking(env_for(tmp_path), SHORT) as walk:
        status, _, err = walk.finish()
    assert status == 0, err
    saved = json.loads((tmp_path / "history.json").read_bytes())["sessions"]
    assert [s["id"] for s in saved][:3] == ["s0", "s1", "s2"]
    assert saved[1]["notes"] == "walk 1"
