"""Keys this version does not know survive every change a command makes (issue 22.4)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hostile_files import env_for, shell

pytestmark = pytest.mark.slow

FOREIGN = {"from_a_newer_version": {"nested": [1, "two", None]}, "zz_note": "keep me"}


@pytest.mark.parametrize("words", ["units=mph", "pips=3 units=km/h", "body-mass=70kg"])
def test_settings_key_value_keeps_keys_it_does_not_know(tmp_path: Path, words: str) -> None:
    (tmp_path / "settings.json").write_text(
        json.dumps({"schema_version": 1, "units": "km/h", **FOREIGN})
    )
    result = shell(f"$RC settings {words}", env_for(tmp_path))
    assert result.returncode == 0, result.stderr
    saved = json.loads((tmp_path / "settings.json").read_text())
    assert {key: saved.get(key) for key in FOREIGN} == FOREIGN


def test_settings_keep_a_foreign_key_but_leave_a_value_json_cannot_write_to_the_backup(
    tmp_path: Path,
) -> None:
    raw = b'{"schema_version": 1, "odd": 1e400, "zz_note": "keep me"}'
    (tmp_path / "settings.json").write_bytes(raw)
    result = shell("$RC settings units=mph", env_for(tmp_path))
    assert result.returncode == 0, result.stderr
    saved = json.loads((tmp_path / "settings.json").read_text())
    assert saved["zz_note"] == "keep me"
    assert saved["units"] == "mph"
    assert (tmp_path / "settings.json.bak").read_bytes() == raw


def test_programme_stop_and_start_keep_an_enrolments_unknown_keys(tmp_path: Path) -> None:
    enrolment = {
        "id": "e1",
        "programme": "beginners",
        "started_at": "2026-11-01T07:00:00+01:00",
        **FOREIGN,
    }
    document = {"schema_version": 1, "enrolments": [enrolment]}
    (tmp_path / "programme.json").write_text(json.dumps(document))
    stopped = shell("$RC programme stop", env_for(tmp_path))
    assert stopped.returncode == 0, stopped.stderr
    [kept] = json.loads((tmp_path / "programme.json").read_text())["enrolments"]
    assert "stopped_at" in kept
    assert {key: kept.get(key) for key in FOREIGN} == FOREIGN
    started = shell("$RC programme start beginners", env_for(tmp_path))
    assert started.returncode == 0, started.stderr
    first = json.loads((tmp_path / "programme.json").read_text())["enrolments"][0]
    assert {key: first.get(key) for key in FOREIGN} == FOREIGN
