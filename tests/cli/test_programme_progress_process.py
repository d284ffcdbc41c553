"""The progression as a walker meets it in a terminal: real processes, a pty, faked clocks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from faketime import faked_env
from pty_process import PtyProcess

from retrocoach.core.programme.model import PROGRAMMES_FILE_ENV

pytestmark = pytest.mark.slow

SESSION = "getready=0s warmup=0s forward=1s backward=1s rounds=1 cooldown=0s"
TINY = {
    "schema_version": 1,
    "programmes": [
        {
            "name": "tiny",
            "title": "Tiny test programme",
            "audience": "tests",
            "about": "short sessions",
            "build_up": "none",
            "references": ["retrocoach-own"],
            "weeks": [{"sessions": [SESSION, SESSION.replace("backward=1s", "backward=2s")]}],
        }
    ],
}


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A data folder with the checklist confirmed, the tiny programme file, and it started."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_text('{"checklist_confirmed": true}', encoding="utf-8")
    programmes = tmp_path / "tiny.json"
    programmes.write_text(json.dumps(TINY), encoding="utf-8")
    environ = {
        **os.environ,
        "RETROCOACH_DATA_DIR": str(data),
        PROGRAMMES_FILE_ENV: str(programmes),
    }
    assert retrocoach(environ, "programme", "start", "tiny").returncode == 0
    return environ


def retrocoach(
    env: dict[str, str], *argv: str, clock: str | None = None
) -> subprocess.CompletedProcess[str]:
    """A command with no terminal (pipes), its wall clock moved by *clock* if given."""
    extra = faked_env(clock) if clock is not None else {}
    return subprocess.run(
        [sys.executable, "-m", "retrocoach", *argv],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env={**env, **extra},
        check=False,
    )


def walk_next(env: dict[str, str], clock: str | None = None) -> subprocess.CompletedProcess[str]:
    return retrocoach(env, "run", "--audio", "none", "--plan", "next", clock=clock)


def sessions(env: dict[str, str]) -> list[dict[str, object]]:
    history = Path(env["RETROCOACH_DATA_DIR"]) / "history.json"
    return list(json.loads(history.read_text(encoding="utf-8"))["sessions"])


def walk_on_a_terminal(env: dict[str, str]) -> PtyProcess:
    argv = [sys.executable, "-m", "retrocoach", "run", "--audio", "none", "--plan", "next"]
    walk = PtyProcess(argv, env)
    walk.read_until(b"How hard did it feel?")
    walk.read_until(b"Enter alone skips: ")
    return walk


def test_run_asks_how_hard_a_programme_walk_felt_in_the_windows_words(
    env: dict[str, str],
) -> None:
    walk = walk_on_a_terminal(env)
    assert b"5  steady: talking in full sentences" in walk.seen
    assert b"u  I stopped because I felt unwell" in walk.seen
    walk.send(b"eleven\r")
    walk.read_until(b"is not an answer: type 0 to 10, or u, or just Enter")
    walk.send(b"3\r")
    walk.read_until(b"Kept: 3 of 10: easy")
    assert walk.finish() == 0
    (session,) = sessions(env)
    assert session["effort"] == 3
    listing = retrocoach(env, "programme").stdout
    assert "Week 1, session 2 of 2" in listing
    assert "You have walked today's session" in listing


def test_felt_unwell_pauses_the_programme_until_resume(env: dict[str, str]) -> None:
    walk = walk_on_a_terminal(env)
    walk.send(b"u\r")
    walk.read_until(b"Resume it with: retrocoach programme resume")
    assert b"Stop signs:" in walk.seen
    assert b"see a doctor or physiotherapist before you walk the programme again" in walk.seen
    assert walk.finish() == 0
    (session,) = sessions(env)
    assert session["stopped_unwell"] is True
    refused = walk_next(env, clock="+2d")
    assert refused.returncode == 2
    assert "paused" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert "Programme paused" in retrocoach(env, "programme").stdout
    resumed = retrocoach(env, "programme", "resume")
    assert resumed.returncode == 0
    assert "Resumed tiny" in resumed.stdout
    assert walk_next(env, clock="+2d").returncode == 0
    assert "not paused" in retrocoach(env, "programme", "resume").stdout


def test_an_unrated_walk_is_repeated_until_rated_later(env: dict[str, str]) -> None:
    assert retrocoach(env, "history", "--rate", "4").returncode == 2  # nothing walked yet
    assert walk_next(env).returncode == 0  # no terminal: nobody is asked
    listing = retrocoach(env, "programme", clock="+2d").stdout
    assert "Week 1, session 1 of 2 (again)" in listing
    assert "not rated" in listing
    bad = retrocoach(env, "history", "--rate", "12")
    assert bad.returncode == 2
    assert "0 to 10" in bad.stderr
    rated = retrocoach(env, "history", "--rate", "4")
    assert rated.returncode == 0
    assert "4 of 10: comfortable" in rated.stdout
    assert sessions(env)[0]["effort"] == 4
    assert "Week 1, session 2 of 2" in retrocoach(env, "programme", clock="+2d").stdout


def test_a_walk_made_with_the_clock_a_month_ahead_counts_in_the_order_walked(
    env: dict[str, str],
) -> None:
    assert walk_next(env, clock="+30d").returncode == 0
    assert retrocoach(env, "history", "--rate", "2").returncode == 0
    listing = retrocoach(env, "programme", clock="+2d").stdout
    assert "Week 1, session 2 of 2" in listing  # counted, though dated in the future
    assert "clock looked wrong" in listing
    assert "less than a minute" not in listing


def test_a_walk_made_with_the_clock_behind_the_start_still_counts(env: dict[str, str]) -> None:
    assert walk_next(env, clock="-40d").returncode == 0
    assert retrocoach(env, "history", "--rate", "2").returncode == 0
    listing = retrocoach(env, "programme", clock="+2d").stdout
    assert "Week 1, session 2 of 2" in listing
    assert "before the programme was started" in listing
