"""`retrocoach treadmill scan`, --treadmill's words, and a machine without Bluetooth."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bleak.exc import BleakDBusError, BleakDeviceNotFoundError

from retrocoach.devices.problems import describe

pytestmark = pytest.mark.slow

RUN = (sys.executable, "-m", "retrocoach")


def _retrocoach(tmp_path: Path, *words: str) -> subprocess.CompletedProcess[str]:
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    (data / "settings.json").write_text('{"checklist_confirmed": true}', encoding="utf-8")
    env = {**os.environ, "RETROCOACH_DATA_DIR": str(data)}
    env.pop("RETROCOACH_BLE_TRANSPORT", None)
    env.pop("DBUS_SYSTEM_BUS_ADDRESS", None)
    return subprocess.run(
        [*RUN, *words], capture_output=True, text=True, env=env, timeout=120, check=False
    )


def test_scan_lists_the_demo_treadmill_with_its_address_and_signal(tmp_path: Path) -> None:
    done = _retrocoach(tmp_path, "treadmill", "scan", "--demo", "--seconds", "1")
    assert done.returncode == 0, done.stderr
    assert "Demo treadmill  F2:7E:AD:31:11:01  signal" in done.stdout
    assert "retrocoach settings treadmill=ADDRESS" in done.stdout


def test_without_bluetooth_scan_says_so_in_one_line(tmp_path: Path) -> None:
    done = _retrocoach(tmp_path, "treadmill", "scan", "--seconds", "1")
    assert done.returncode == 1
    (line,) = done.stderr.splitlines()
    assert "Bluetooth" in line
    assert "Traceback" not in done.stderr


def test_without_bluetooth_a_walk_with_a_treadmill_goes_on_and_says_why_once(
    tmp_path: Path,
) -> None:
    done = _retrocoach(
        tmp_path,
        "run",
        "--audio",
        "none",
        "--treadmill",
        "F2:7E:AD:31:11:09",
        "--plan",
        "getready=0s warmup=0s forward=3s backward=3s rounds=1 cooldown=0s",
    )
    assert done.returncode == 0, done.stderr
    said = (done.stdout + done.stderr).lower()
    assert said.count("no bluetooth service is running") == 1
    session = json.loads((tmp_path / "data" / "history.json").read_text(encoding="utf-8"))
    assert session["sessions"][0]["outcome"] == "completed"


@pytest.mark.parametrize("word", ["F2:7E:AD", "treadmill", "12:34:56:78:9A:BZ"])
def test_a_bad_treadmill_word_is_one_line_and_status_2(tmp_path: Path, word: str) -> None:
    done = _retrocoach(tmp_path, "run", "--treadmill", word, "--plan", "first-steps")
    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    assert "Bluetooth address" in line
    assert "demo" in line


def test_each_bluetooth_trouble_reads_as_what_the_walker_can_do() -> None:
    assert "no Bluetooth service" in describe(FileNotFoundError(2, "No such file"))
    assert "no permission" in describe(PermissionError(13, "denied"))
    assert "switched off" in describe(
        BleakDBusError("org.bluez.Error.NotReady", ["Resource Not Ready"])
    )
    assert "no Bluetooth adapter" in describe(Exception("No Bluetooth adapters found."))
    assert "was not found" in describe(BleakDeviceNotFoundError("F2:7E:AD:31:11:01"))
    assert "did not answer" in describe(TimeoutError(), address="F2:7E:AD:31:11:01")
