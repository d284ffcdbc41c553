"""The wall clock set an hour forward, then back, mid-walk: the walking times do not change.

The system clock of a shared machine is not the test's to set, so the jump is made for the
coach's process alone with libfaketime: its offset is read from a file the test rewrites while
the walk goes on. Only the wall clock moves (FAKETIME_DONT_FAKE_MONOTONIC), as with a real
`date -s` or an NTP step: the coach times segments on the steady clock and takes ended_at from
started_at plus steady time, so history.json must show the plan exactly.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from faketime import libfaketime
from xdesktop import WAIT_S, sessions

pytestmark = pytest.mark.slow

PLAN = "getready=0s warmup=1s forward=2s backward=2s rounds=1 cooldown=1s"
HOUR = 3600.0
WITNESS = Path(__file__).with_name("wall_clock_witness.py")


def test_the_wall_clock_jumping_an_hour_forward_and_back_leaves_walking_times_as_planned(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    offset = tmp_path / "faketime-offset"
    offset.write_text("+0\n")
    env = {
        **os.environ,
        "RETROCOACH_DATA_DIR": str(data),
        "LD_PRELOAD": libfaketime(),
        "FAKETIME_TIMESTAMP_FILE": str(offset),
        "FAKETIME_NO_CACHE": "1",  # read the file at every call: the jump lands at once
        "FAKETIME_DONT_FAKE_MONOTONIC": "1",
    }
    witness = (tmp_path / "witness.log").open("w")
    real_start = datetime.now(UTC)
    coach = subprocess.Popen(
        [sys.executable, str(WITNESS), "run", "--audio", "none", "--plan", PLAN],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=witness,
        text=True,
    )
    shown: list[str] = []
    try:
        assert coach.stdout is not None
        for line in coach.stdout:
            shown.append(line)
            if line.startswith("[") and "FORWARD" in line:
                offset.write_text(f"+{HOUR:.0f}\n")  # an hour forward, after the warm-up
            elif line.startswith("[") and "BACKWARD" in line:
                offset.write_text(f"-{HOUR:.0f}\n")  # two hours back: before the start
        status = coach.wait(timeout=WAIT_S)
    finally:
        if coach.poll() is None:
            coach.kill()
            coach.wait()
        if coach.stdout is not None:
            coach.stdout.close()
        witness.close()
    real_end = datetime.now(UTC)
    output = "".join(shown)
    log = (tmp_path / "witness.log").read_text()
    assert status == 0, output + log
    # The jump reached the coach's own process: its wall clock read an hour ahead, then behind,
    # while its steady clock went on without a jump.
    readings = [
        (float(wall), float(steady))
        for marker, wall, steady in (line.split() for line in log.splitlines() if " " in line)
        if marker == "witness"
    ]
    ahead = [wall - steady for wall, steady in readings]
    base = ahead[0]
    assert any(abs(a - base - HOUR) < 60 for a in ahead), log
    assert any(abs(a - base + HOUR) < 60 for a in ahead), log
    steps = [b[1] - a[1] for a, b in itertools.pairwise(readings)]
    assert all(0 <= step < 2 for step in steps), log
    assert "Paused" not in output, output  # no gap seen: the steady clock never jumped
    (session,) = sessions(data / "history.json")
    assert session["outcome"] == "completed"
    assert [(s["kind"], s["actual_s"]) for s in session["segments"]] == [
        ("warmup", 1.0),
        ("forward", 2.0),
        ("backward", 2.0),
        ("cooldown", 1.0),
    ]
    assert session["forward_s"] == 4.0
    assert session["backward_s"] == 2.0
    started = datetime.fromisoformat(session["started_at"])
    ended = datetime.fromisoformat(session["ended_at"])
    assert real_start <= started <= real_end  # read before the jump, at the real time
    assert ended - started == timedelta(seconds=6)  # the walk (no pause), not the wall clock
