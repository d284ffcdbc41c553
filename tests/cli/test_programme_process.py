"""Programmes in real processes: start one, walk ``next`` with ``run``, see the history follow."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from faketime import faked_env

from retrocoach.core.programme.model import PROGRAMMES_FILE_ENV

pytestmark = pytest.mark.slow  # several real processes per test

# Two one-week sessions of a few seconds each (the documented test knob names this file).
TINY = {
    "schema_version": 1,
    "programmes": [
        {
            "name": "tiny",
            "title": "Tiny test programme",
            "audience": "tests",
            "about": "two short sessions",
            "build_up": "none",
            "references": ["retrocoach-own"],
            "weeks": [
                {
                    "sessions": [
                        "getready=0s warmup=0s forward=1s backward=1s rounds=1 cooldown=0s",
                        "getready=0s warmup=0s forward=1s backward=2s rounds=1 cooldown=0s",
                    ]
                },
                {"sessions": ["getready=0s warmup=0s forward=30s backward=30s rounds=1"]},
            ],
        }
    ],
}


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    programmes = tmp_path / "tiny.json"
    programmes.write_text(json.dumps(TINY), encoding="utf-8")
    return {
        **os.environ,
        "RETROCOACH_DATA_DIR": str(tmp_path / "data"),
        PROGRAMMES_FILE_ENV: str(programmes),
    }


def retrocoach(env: dict[str, str], *args: str, day: int = 0) -> subprocess.CompletedProcess[str]:
    """A command with no terminal, its wall clock *day* days ahead (one session a day counts)."""
    return subprocess.run(
        [sys.executable, "-m", "retrocoach", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=on_day(env, day),
        stdin=subprocess.DEVNULL,
        check=False,
    )


def on_day(env: dict[str, str], day: int) -> dict[str, str]:
    return {**env, **faked_env(f"+{day}d")} if day else env


def walk_rated(env: dict[str, str], *, day: int, effort: int = 3) -> None:
    """Walk today's session on *day* and rate it, as the check-in would on a terminal."""
    walked = retrocoach(env, "run", "--audio", "none", "--plan", "next", day=day)
    assert walked.returncode == 0, walked.stderr
    assert retrocoach(env, "history", "--rate", str(effort)).returncode == 0


def _marks(env: dict[str, str]) -> list[tuple[object, object, object]]:
    found = []
    for session in _history(env):
        mark = session["programme"]
        assert isinstance(mark, dict)
        found.append((mark["name"], mark["week"], mark["session"]))
    return found


def _history(env: dict[str, str]) -> list[dict[str, object]]:
    path = Path(env["RETROCOACH_DATA_DIR"]) / "history.json"
    sessions: list[dict[str, object]] = json.loads(path.read_text())["sessions"]
    return sessions


def test_walking_next_twice_moves_through_the_programme_and_marks_the_history(
    env: dict[str, str],
) -> None:
    started = retrocoach(env, "programme", "start", "tiny")
    assert started.returncode == 0, started.stderr
    assert "Today: Week 1, session 1 of 2: 0:01 backward in all" in started.stdout

    first = retrocoach(env, "run", "--audio", "none", "--plan", "next")
    assert first.returncode == 0, first.stderr
    assert "Tiny test programme: Week 1, session 1 of 2: 0:01 backward in all" in first.stdout
    assert "Saved to your history." in first.stdout
    unrated = retrocoach(env, "programme").stdout
    assert "Today: Week 1, session 1 of 2 (again)" in unrated  # nobody said how it felt
    assert "not rated" in unrated
    assert retrocoach(env, "history", "--rate", "3").returncode == 0
    listing = retrocoach(env, "programme").stdout
    assert "Today: Week 1, session 2 of 2: 0:02 backward in all" in listing
    assert "1 of 2 sessions done" in listing
    assert "You have walked today's session" in listing
    rest = retrocoach(env, "programme", day=1).stdout
    assert "Today is a rest day" in rest

    second = retrocoach(env, "run", "--audio", "none", "--plan", "next", day=1)
    assert second.returncode == 0, second.stderr
    assert "Week 1, session 2 of 2: 0:02 backward in all" in second.stdout
    assert "Today is a rest day" in second.stdout  # next says so; the walk goes on
    assert retrocoach(env, "history", "--rate", "4").returncode == 0
    assert "Today: Week 2, session 1 of 1" in retrocoach(env, "programme", day=3).stdout

    assert _marks(env) == [("tiny", 1, 1), ("tiny", 1, 2)]
    assert [session["outcome"] for session in _history(env)] == ["completed", "completed"]


def test_a_session_stopped_with_a_signal_is_walked_again(env: dict[str, str]) -> None:
    assert retrocoach(env, "programme", "start", "tiny").returncode == 0
    walk_rated(env, day=0)
    walk_rated(env, day=2)
    process = subprocess.Popen(
        [sys.executable, "-m", "retrocoach", "run", "--audio", "none", "--plan", "next"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=on_day(env, 4),
    )
    assert process.stdout is not None
    while "FORWARD" not in process.stdout.readline():
        pass
    process.send_signal(signal.SIGINT)
    process.communicate(timeout=30)
    last = _history(env)[-1]
    assert last["outcome"] == "stopped"
    assert _marks(env)[-1] == ("tiny", 2, 1)
    listing = retrocoach(env, "programme", day=6).stdout
    assert "Today: Week 2, session 1 of 1 (again): 0:30 backward in all" in listing
    assert "  Week 1: done, done\n  Week 2: today\n" in listing
    assert "stopped early" in listing


def test_stopping_the_programme_leaves_the_history_byte_for_byte(env: dict[str, str]) -> None:
    assert retrocoach(env, "programme", "start", "tiny").returncode == 0
    assert retrocoach(env, "run", "--audio", "none", "--plan", "next").returncode == 0
    path = Path(env["RETROCOACH_DATA_DIR"]) / "history.json"
    before = path.read_bytes()
    stopped = retrocoach(env, "programme", "stop")
    assert stopped.returncode == 0
    assert path.read_bytes() == before
    refused = retrocoach(env, "run", "--audio", "none", "--plan", "next")
    assert refused.returncode == 2
    assert len(refused.stderr.splitlines()) == 1
    assert "retrocoach programme start NAME" in refused.stderr
    assert path.read_bytes() == before


def test_a_programme_session_killed_mid_walk_is_recovered_with_its_mark_and_walked_again(
    env: dict[str, str],
) -> None:
    assert retrocoach(env, "programme", "start", "tiny").returncode == 0
    walk_rated(env, day=0)
    walk_rated(env, day=2)
    data = Path(env["RETROCOACH_DATA_DIR"])
    process = subprocess.Popen(
        [sys.executable, "-m", "retrocoach", "run", "--audio", "none", "--plan", "next"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=on_day(env, 4),
    )
    assert process.stdout is not None
    while "FORWARD" not in process.stdout.readline():
        pass
    [journal] = data.glob("session-*.journal.jsonl")
    header = json.loads(journal.read_bytes().splitlines()[0])
    assert header["session"]["programme"]["week"] == 2
    process.send_signal(signal.SIGKILL)  # no chance to save: only the journal is left
    process.communicate(timeout=30)
    listing = retrocoach(env, "programme", day=6)
    assert "as 'interrupted'" in listing.stderr  # the listing's start recovered the journal
    last = _history(env)[-1]
    assert last["outcome"] == "interrupted"
    assert _marks(env)[-1] == ("tiny", 2, 1)
    assert "Today: Week 2, session 1 of 1 (again)" in listing.stdout
    assert "cut short" in listing.stdout
