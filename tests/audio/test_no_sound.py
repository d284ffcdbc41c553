"""`retrocoach run` without any sound server: one plain line, in the coach's own words, and
nothing from the libraries underneath on the walker's terminal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PLAN = "forward=1s backward=1s rounds=1 warmup=0s cooldown=0s getready=0s"


@pytest.mark.parametrize("engine", ["auto", "pulse", "qt"])
def test_without_a_sound_server_the_terminal_coach_says_once_it_goes_on_silently(
    engine: str, tmp_path: Path
) -> None:
    env = {
        **os.environ,
        "PULSE_SERVER": f"unix:{tmp_path}/no-such-socket",
        "RETROCOACH_DATA_DIR": str(tmp_path / "data"),
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "retrocoach",
            "run",
            "--audio",
            engine,
            "--pips",
            "off",
            "--plan",
            PLAN,
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr  # Qt's "pa_context_connect() failed" is not among them
    assert "goes on silently" in lines[0]
    assert "flash" not in lines[0]
    assert "no sound output device" in lines[0]
    assert "Session completed" in done.stdout
