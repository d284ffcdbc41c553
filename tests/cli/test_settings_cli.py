"""``retrocoach settings``: lists every setting, sets them, refuses bad words with status 2."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from pathlib import Path


def settings(data: Path, *words: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "retrocoach", "settings", *words, "--data-dir", str(data)],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def test_settings_lists_every_setting_and_sets_them_in_the_private_file(tmp_path: Path) -> None:
    listed = settings(tmp_path)
    assert listed.returncode == 0
    for key in ("body-mass=", "units=km/h", "pips=3", "audio=auto", "voice=off"):
        assert key in listed.stdout
    changed = settings(tmp_path, "body-mass=165lb", "units=mph", "backward-factor=1.2")
    assert changed.returncode == 0, changed.stderr
    assert "body-mass=74.8kg" in changed.stdout
    path = tmp_path / "settings.json"
    stored = json.loads(path.read_text())
    assert (stored["body_mass_kg"], stored["units"], stored["backward_factor"]) == (
        74.8,
        "mph",
        1.2,
    )
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "units=mph" in settings(tmp_path).stdout
    cleared = settings(tmp_path, "body-mass=")
    assert json.loads(path.read_text())["body_mass_kg"] is None
    assert "body-mass= " in cleared.stdout


def test_a_bad_value_exits_2_with_one_line_and_saves_nothing(tmp_path: Path) -> None:
    assert settings(tmp_path, "units=mph").returncode == 0
    before = (tmp_path / "settings.json").read_bytes()
    result = settings(tmp_path, "pips=off", "body-mass=70")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "body-mass=70" in result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "settings.json").read_bytes() == before
