"""The command line, run as a real process: bad input exits 2 in one line; a plan walks."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from retrocoach import __version__

# Every test here runs retrocoach as a real process, as a user does.
pytestmark = pytest.mark.slow

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


def start_run(plan: str, data: Path) -> subprocess.Popen[str]:
    """``retrocoach run`` as a live process on pipes, its data in *data*."""
    return subprocess.Popen(
        [sys.executable, "-m", "retrocoach", "run", "--audio", "none", "--plan", plan],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "RETROCOACH_DATA_DIR": str(data)},
    )


def read_until(process: subprocess.Popen[str], marker: str) -> None:
    """Read the coach's lines until one holds *marker*."""
    assert process.stdout is not None
    while marker not in process.stdout.readline():
        pass


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
    process = start_run("getready=0s warmup=0s forward=1m rounds=1 cooldown=0s", tmp_path / "data")
    read_until(process, "FORWARD")  # walking has begun
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=30)
    assert "Traceback" not in err
    assert process.returncode == 128 + signal.SIGTERM
    assert "Session stopped" in out
    history = (tmp_path / "data" / "history.json").read_text()
    assert '"outcome": "stopped"' in history


def test_a_session_stopped_in_the_get_ready_saves_nothing(tmp_path: Path) -> None:
    process = start_run("getready=30s", tmp_path / "data")
    read_until(process, "GET READY")
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert "Traceback" not in err
    assert "nothing was saved" in out
    assert not (tmp_path / "data" / "history.json").exists()
    assert not (tmp_path / "data" / "session.journal.json").exists()


def test_a_stopped_process_pauses_at_the_gap_says_so_and_resumes_by_itself(
    tmp_path: Path,
) -> None:
    """SIGSTOP then SIGCONT, as a suspended laptop looks to the process: no walking is lost."""
    process = start_run(SHORT, tmp_path / "data")
    read_until(process, "FORWARD")
    process.send_signal(signal.SIGSTOP)
    time.sleep(6.5)  # longer than the 5 s a late tick may catch up
    process.send_signal(signal.SIGCONT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "Paused: the clock jumped" in out
    assert "Resuming by itself" in out
    history = (tmp_path / "data" / "history.json").read_text()
    assert '"outcome": "completed"' in history
    assert '"forward_s": 4.0' in history
    assert '"backward_s": 2.0' in history


def test_space_on_a_terminal_pauses_and_resumes(tmp_path: Path) -> None:
    """The coach reads single key presses from a real pseudo-terminal."""
    import pty  # noqa: PLC0415  (POSIX only, like the feature)

    env = {**os.environ, "RETROCOACH_DATA_DIR": str(tmp_path / "data")}
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        # --yes: the checklist's own paging and prompt are tested in test_run_checklist.py.
        [sys.executable, "-m", "retrocoach", "run", "--audio", "none", "--plan", SHORT, "--yes"],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        env=env,
        close_fds=True,
    )
    os.close(terminal)
    seen = b""

    def read_until(marker: bytes, limit_s: float = 30.0) -> None:
        nonlocal seen
        deadline = time.monotonic() + limit_s
        while marker not in seen:
            assert time.monotonic() < deadline, f"no {marker!r} in {seen!r}"
            try:
                seen += os.read(controller, 4096)
            except OSError:
                break

    read_until(b"FORWARD")
    os.write(controller, b" ")
    read_until(b"Paused.")
    os.write(controller, b" ")
    read_until(b"Resumed after")
    read_until(b"Session completed")
    assert process.wait(timeout=30) == 0
    os.close(controller)
    assert b"[PAUSED]" in seen  # the live line, redrawn in place, shows the paused state


def test_a_leftover_journal_beside_a_newer_history_is_kept_and_told_not_a_crash(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "history.json").write_text('{"schema_version": 99, "sessions": []}')
    journal = {
        "schema_version": 1,
        "session": {
            "id": "0" * 32,
            "started_at": "2026-11-21T07:00:00+01:00",
            "ended_at": "2026-11-21T07:01:00+01:00",
            "outcome": "interrupted",
            "plan": {
                "name": "custom",
                "getready_s": 0,
                "warmup_s": 0,
                "forward_s": 60,
                "backward_s": 60,
                "rounds": 1,
                "cooldown_s": 0,
            },
            "segments": [{"kind": "forward", "round": 1, "planned_s": 60, "actual_s": 60.0}],
            "forward_s": 60.0,
            "backward_s": 0.0,
        },
    }
    (data / "session.journal.json").write_text(json.dumps(journal))
    result = retrocoach("plans", "--data-dir", str(data))
    assert result.returncode == 0
    assert "Traceback" not in result.stderr
    assert "could not be recovered yet" in result.stderr
    assert "newer RetroCoach" in result.stderr
    assert json.loads((data / "session.journal.json").read_text()) == journal


@pytest.mark.parametrize("position", ["before", "after"])
def test_data_dir_is_honoured_before_or_after_the_command(position: str, tmp_path: Path) -> None:
    """Given before the command, --data-dir must not fall back to the real user folder."""
    chosen = tmp_path / "chosen"
    env = {**os.environ, "RETROCOACH_DATA_DIR": str(tmp_path / "from-env")}
    option = ["--data-dir", str(chosen)]
    run = [
        "run",
        "--audio",
        "none",
        "--plan",
        "forward=1s backward=1s rounds=1 warmup=0s cooldown=0s getready=0s",
    ]
    args = [*option, *run] if position == "before" else [*run, *option]
    assert retrocoach(*args, env=env).returncode == 0
    assert (chosen / "history.json").exists()
    assert not (tmp_path / "from-env").exists()
    listing = ["--data-dir", str(chosen), "history", "--format", "json"]
    if position == "after":
        listing = ["history", "--format", "json", "--data-dir", str(chosen)]
    assert '"outcome": "completed"' in retrocoach(*listing, env=env).stdout


RUN = ("run", "--audio", "none", "--plan", SHORT)


@pytest.mark.parametrize(
    ("name", "commands", "run_status"),
    [
        ("history.json", [("history",), RUN], 1),  # walking would lose the session: refused
        ("plans.json", [("plans",), RUN], 0),
        ("settings.json", [RUN], 0),
    ],
)
def test_a_data_file_that_cannot_be_read_at_all_is_told_in_one_line_not_a_traceback(
    name: str, commands: list[tuple[str, ...]], run_status: int, tmp_path: Path
) -> None:
    """A folder where the file should be: unreadable, and nothing can be copied aside."""
    data = tmp_path / "data"
    (data / name).mkdir(parents=True)
    for command in commands:
        result = retrocoach(*command, "--data-dir", str(data))
        assert "Traceback" not in result.stderr, result.stderr
        assert len(result.stderr.splitlines()) == 1, result.stderr
        assert name in result.stderr
        assert (data / name).is_dir()  # left exactly as it was
        if command == RUN:
            assert result.returncode == run_status


def test_a_reader_that_goes_away_ends_the_command_quietly(tmp_path: Path) -> None:
    """retrocoach run | head: no traceback when the pipe closes, and the session is kept."""
    process = start_run(SHORT, tmp_path / "data")
    assert process.stdout is not None
    process.stdout.readline()
    process.stdout.close()  # as head does once it has its lines
    _, err = process.communicate(timeout=60)
    assert "Traceback" not in err
    assert process.returncode in (0, 141)
    assert '"outcome": "completed"' in (tmp_path / "data" / "history.json").read_text()


def test_a_walk_in_the_terminal_ends_with_its_summary() -> None:
    plan = "getready=0s warmup=0s forward=1s backward=1s rounds=1 cooldown=0s"
    result = retrocoach("run", "--audio", "none", "--plan", plan)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "Walked 0:02 of 0:02: 0:01 forward, 0:01 backward" in lines
    assert "Segments: 2 done" in lines
    assert "Your first walk in the history" in lines


def test_a_walk_with_belt_speeds_ends_with_its_summary_and_its_estimate() -> None:
    """The estimate is one line more in the summary: the terminal must say it, not trip on it."""
    plan = (
        "getready=0s warmup=0s forward=1s backward=1s rounds=1 cooldown=0s "
        "forward-speed=3km/h backward-speed=1.5km/h"
    )
    result = retrocoach("run", "--audio", "none", "--plan", plan)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert "Walked 0:02 of 0:02: 0:01 forward, 0:01 backward" in lines
    assert not any(line.startswith("Effort:") for line in lines)
    assert any("estimate" in line.lower() for line in lines), result.stdout
