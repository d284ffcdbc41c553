"""``retrocoach run`` where features meet: settings, belt speeds, programmes and the summary."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

# Every test here runs retrocoach as a real process, as a user does.
pytestmark = pytest.mark.slow

QUICK = "getready=0s warmup=0s forward=1s backward=1s rounds=1 cooldown=0s"
BELT = "forward-speed=3km/h backward-speed=1.5km/h"


def retrocoach(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "retrocoach", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def test_the_summary_gives_the_distance_in_the_unit_set_in_settings(tmp_path: Path) -> None:
    """With units=mph, history says miles; the walk's own summary must not say km."""
    assert retrocoach(tmp_path, "settings", "units=mph").returncode == 0
    result = retrocoach(tmp_path, "run", "--yes", "--audio", "none", "--plan", f"{QUICK} {BELT}")
    assert result.returncode == 0, result.stderr
    estimate = [line for line in result.stdout.splitlines() if line.startswith("Estimated:")]
    assert len(estimate) == 1, result.stdout
    assert " mi on the belt" in estimate[0]
    assert " km" not in estimate[0].split(" (estimates:")[0]
