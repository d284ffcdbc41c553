"""`retrocoach run` with ``turn=wait``: the turn-around waits for Space, as a real process."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from pty_process import PtyProcess

pytestmark = pytest.mark.slow

PLAN = "getready=0s warmup=0s forward=1s backward=1s rounds=1 cooldown=0s turn=wait"


def _confirmed(data: Path) -> Path:
    data.mkdir()
    (data / "settings.json").write_text('{"checklist_confirmed": true}', encoding="utf-8")
    return data


def test_run_waits_at_the_turn_until_space_and_records_how_long_it_took(tmp_path: Path) -> None:
    data = _confirmed(tmp_path / "data")
    walk = PtyProcess(
        [sys.executable, "-m", "retrocoach", "run", "--audio", "none", "--plan", PLAN],
        {**os.environ, "RETROCOACH_DATA_DIR": str(data)},
    )
    walk.read_until(b"turn round, then press Space (or your headset button)")
    walk.read_for(2.5)  # far past the 1 s a timed turn would have lasted
    assert b"BACKWARD" not in walk.seen
    assert walk.process.poll() is None
    walk.send(b" ")
    walk.read_until(b"BACKWARD")
    assert walk.finish() == 0
    assert b"Session completed" in walk.seen
    session = json.loads((data / "history.json").read_text(encoding="utf-8"))["sessions"][0]
    turn = next(s for s in session["segments"] if s["kind"] == "turn")
    assert turn["planned_s"] == 0
    assert turn["actual_s"] >= 2.5
    assert session["plan"]["turn_wait"] is True
