"""`run --hr demo` and `hr scan`: real processes, a simulated strap over real GATT."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

RUN = (sys.executable, "-m", "retrocoach")
PLAN = "getready=0s warmup=12s forward=4s backward=6s rounds=1 cooldown=0s turn=0s"


def _data(tmp_path: Path, **settings: object) -> dict[str, str]:
    data = tmp_path / "data"
    data.mkdir()
    values = {"checklist_confirmed": True, **settings}
    (data / "settings.json").write_text(json.dumps(values), encoding="utf-8")
    return {**os.environ, "RETROCOACH_DATA_DIR": str(data)}


def test_run_with_the_demo_strap_keeps_the_heart_rate_and_says_ease_off(tmp_path: Path) -> None:
    env = _data(tmp_path, hr_ceiling=40)  # the demo's heart is always above 40
    done = subprocess.run(
        [*RUN, "run", "--audio", "none", "--hr", "demo", "--plan", PLAN],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Heart-rate strap connected." in done.stdout
    assert "EASE OFF" in done.stdout
    history = json.loads((tmp_path / "data" / "history.json").read_text())
    (walk,) = history["sessions"]
    heart = walk["heart_rate"]
    assert heart["ceiling_bpm"] == 40
    assert 80 <= heart["avg_bpm"] <= 125
    assert heart["above_ceiling_s"] > 15
    assert heart["backward"]["max_bpm"] >= heart["backward"]["avg_bpm"]
    assert len(heart["trace"]) >= 3
    assert walk["devices"]["hr_strap"]["address"] == "F2:7E:AD:31:11:03"
    assert all(segment["measured"]["avg_bpm"] for segment in walk["segments"])


def test_hr_scan_lists_the_demo_strap_and_how_to_keep_it(tmp_path: Path) -> None:
    env = _data(tmp_path)
    done = subprocess.run(
        [*RUN, "hr", "scan", "--demo", "--seconds", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Demo heart-rate strap  F2:7E:AD:31:11:03" in done.stdout
    assert "retrocoach settings hr-strap=ADDRESS" in done.stdout


def test_a_bad_hr_word_exits_2_with_one_line(tmp_path: Path) -> None:
    env = _data(tmp_path)
    done = subprocess.run(
        [*RUN, "run", "--hr", "my-strap"], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Bluetooth address" in done.stderr
