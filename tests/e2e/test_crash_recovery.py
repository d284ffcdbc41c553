"""Killing ``retrocoach run`` with SIGKILL at random moments never loses a session or the file."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from xdesktop import journal_session

from retrocoach.core.storage.shipped import asset_path

SPEC = "forward=1s backward=1s rounds=3 warmup=0s cooldown=0s getready=0s"
SESSION_S = 6.0
RUNS = 8


def start_run(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "retrocoach", "run", "--audio", "none", "--plan", SPEC],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def journal_id(data: Path) -> str | None:
    session = journal_session(data)
    return None if session is None else str(session["id"])


def wait_for_new_journal(run: subprocess.Popen[bytes], data: Path, old: str | None) -> None:
    """Wait until this run has journalled its session (the old journal may still be there)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and run.poll() is None:
        current = journal_id(data)
        if current is not None and current != old:
            return
        time.sleep(0.005)


def check_file_parses(history: Path, schema: dict[str, Any]) -> None:
    if history.exists():
        jsonschema.validate(json.loads(history.read_bytes()), schema)


@pytest.mark.slow
def test_killed_runs_are_kept_as_interrupted_and_finished_runs_as_completed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {**os.environ, "RETROCOACH_DATA_DIR": str(data)}
    schema = json.loads(asset_path("data", "history.schema.json").read_text())
    seed = random.randrange(1 << 30)
    print("seed:", seed)  # shown on failure, to replay the same moments
    rng = random.Random(seed)
    fates: list[tuple[str, float]] = []
    for _ in range(RUNS):
        previous = journal_id(data)
        run = start_run(env)
        try:
            wait_for_new_journal(run, data, previous)
            # Most kills land mid-session; about one run in six is left to finish.
            delay = rng.uniform(0.0, SESSION_S * 1.2)
            try:
                run.wait(timeout=delay)
                fates.append(("finished", delay))
            except subprocess.TimeoutExpired:
                run.send_signal(signal.SIGKILL)
                run.wait()
                fates.append(("killed", delay))
        finally:
            if run.poll() is None:
                run.kill()
            _, err = run.communicate()
        if fates[-1][0] == "finished":
            assert run.returncode == 0, err.decode()
        check_file_parses(data / "history.json", schema)
    # The next command of any kind recovers the last run's journal.
    listing = subprocess.run(
        [sys.executable, "-m", "retrocoach", "history", "--format", "json"],
        env=env,
        capture_output=True,
        check=True,
        timeout=60,
    )
    check_file_parses(data / "history.json", schema)
    document = json.loads(listing.stdout)
    jsonschema.validate(document, schema)
    sessions = sorted(document["sessions"], key=lambda s: s["started_at"])
    assert len(sessions) == RUNS, (fates, listing.stderr.decode())
    assert list(data.glob("session-*.journal.jsonl")) == []
    for session, (fate, delay) in zip(sessions, fates, strict=True):
        walked = [s["actual_s"] for s in session["segments"]]
        planned = [s["planned_s"] for s in session["segments"]]
        assert all(a <= p + 0.01 for a, p in zip(walked, planned, strict=True))
        if fate == "finished":
            assert session["outcome"] == "completed", (fate, delay)
            assert walked == [1.0] * 6
        elif session["outcome"] == "completed":
            # Killed in the moment between saving the finished session and exiting.
            assert delay >= SESSION_S - 0.5, (fate, delay, session)
            assert walked == [1.0] * 6
        else:
            assert session["outcome"] == "interrupted", (fate, delay)
            assert 1 <= len(walked) <= 6
