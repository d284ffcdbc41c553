"""The command line, run as a real process: bad input exits 2 in one line; a plan walks."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from retrocoach import __version__

SHORT = "forward=2s backward=1s rounds=2 warmup=0s cooldown=0s getready=0s"


def retrocoach(
    *args: str, timeout: float = 60, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "retrocoach", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def test_version_prints_the_package_version() -> None:
    result = retrocoach("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"retrocoach {__version__}"


def test_help_documents_every_command_and_option() -> None:
    result = retrocoach("--help")
    assert result.returncode == 0
    for word in ("run", "history", "plans", "--plan", "--audio", "--data-dir", "--version"):
        assert word in result.stdout
    run_help = retrocoach("run", "--help").stdout
    assert "Space" in run_help
    assert "--pips" in run_help


@pytest.mark.parametrize(
    ("spec", "word"),
    [
        ("forward=-5m", "forward=-5m"),
        ("forward=0s", "forward=0s"),
        ("forward=5", "forward=5"),
        ("backward=abc", "backward=abc"),
        ("rounds=0", "rounds=0"),
        ("rounds=2.5", "rounds=2.5"),
        ("warmup=99h", "warmup=99h"),
        ("sideways=5m", "sideways"),
        ("forward=1:75", "forward=1:75"),
        ("forward=5m forward=6m", "forward"),
        ("=5m", "=5m"),
        ("no-such-plan", "no-such-plan"),
    ],
)
def test_every_bad_plan_exits_2_with_one_line_naming_the_word(spec: str, word: str) -> None:
    result = retrocoach("run", "--audio", "none", "--plan", spec)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert word in lines[0]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "word"),
    [
        (["run", "--audio", "loud", "--plan", "first-steps"], "loud"),
        (["run"], "--plan"),
        (["history", "--format", "xml"], "xml"),
        (["history", "--since", "yesterday"], "yesterday"),
        (["walk"], "walk"),
        (["--loud"], "--loud"),
        (["run", "--plan", "first-steps", "--pips", "4"], "4"),
    ],
)
def test_bad_options_exit_2_with_one_line(args: list[str], word: str) -> None:
    result = retrocoach(*args)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert word in lines[0]


def test_a_short_plan_walks_in_its_time_and_prints_each_segment_change() -> None:
    started = time.monotonic()
    result = retrocoach("run", "--audio", "none", "--plan", SHORT)
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    changes = [line for line in result.stdout.splitlines() if line.startswith("[")]
    assert [re.sub(r"^\[[0-9:]+\] (\S+).*", r"\1", line) for line in changes] == [
        "FORWARD",
        "BACKWARD",
        "FORWARD",
        "BACKWARD",
    ]
    assert "Session completed" in result.stdout
    assert elapsed >= 6.0  # the plan itself; start-up comes on top


def test_sigterm_stops_the_session_and_keeps_it_as_stopped(tmp_path: Path) -> None:
    env = {**os.environ, "RETROCOACH_DATA_DIR": str(tmp_path / "data")}
    process = subprocess.Popen(
        [sys.executable, "-m", "retrocoach", "run", "--audio", "none", "--plan", "forward=1m"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    assert "forward" in process.stdout.readline()  # the plan summary
    assert "GET READY" in process.stdout.readline()  # the session is under way
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=30)
    assert "Traceback" not in err
    assert process.returncode == 128 + signal.SIGTERM
    assert "Session stopped" in out
    history = (tmp_path / "data" / "history.json").read_text()
    assert '"outcome": "stopped"' in history
