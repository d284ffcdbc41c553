"""`retrocoach run` whose terminal window is closed mid-walk: a hangup, with the terminal gone."""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

LONG = "getready=0s warmup=0s forward=10m backward=1m rounds=1 cooldown=0s"


def test_closing_the_terminal_mid_walk_keeps_the_walk_and_exits_as_a_hangup(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_text('{"checklist_confirmed": true}', encoding="utf-8")
    controller, terminal = pty.openpty()
    errors = tmp_path / "stderr.txt"
    with errors.open("w", encoding="utf-8") as err:
        walk = subprocess.Popen(
            [sys.executable, "-m", "retrocoach", "run", "--audio", "none", "--plan", LONG],
            stdin=terminal,
            stdout=terminal,
            stderr=err,  # kept apart: the terminal goes away
            env={**os.environ, "RETROCOACH_DATA_DIR": str(data)},
        )
        os.close(terminal)
        seen, deadline = b"", time.monotonic() + 30
        while b"FORWARD" not in seen:
            assert time.monotonic() < deadline, seen
            ready, _, _ = select.select([controller], [], [], 1.0)
            if ready:
                seen += os.read(controller, 4096)
        # The window is closed: its terminal hangs up (reads and writes fail), then SIGHUP.
        os.close(controller)
        walk.send_signal(signal.SIGHUP)
        status = walk.wait(timeout=60)
    told = errors.read_text(encoding="utf-8")
    assert "Traceback" not in told, told
    assert status == 128 + signal.SIGHUP, told
    [session] = json.loads((data / "history.json").read_text(encoding="utf-8"))["sessions"]
    assert session["outcome"] == "stopped"
