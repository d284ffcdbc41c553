"""Real walks in odd time zones and locales write files their shipped schema accepts (22.7)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import jsonschema
import pytest
from hostile_files import SHORT, confirmed, env_for, shell, walking

from retrocoach.core.storage.shipped import asset_path

pytestmark = pytest.mark.slow

SCHEMA = json.loads(asset_path("data", "history.schema.json").read_text())
OFFSET = re.compile(r"T\d\d:\d\d:\d\d(\.\d{1,6})?(Z|[+-]\d\d:\d\d)$")
LOCALES = [
    *subprocess.run(["locale", "-a"], capture_output=True, text=True, check=True).stdout.split(),
    "tr_TR.UTF-8",  # asked for but not installed: the C library falls back
    "de_DE.ISO-8859-1",
]


@pytest.mark.parametrize("tz", ["ABC-0:17:30", "XYZ+11:59:59", "Europe/Amsterdam"])
@pytest.mark.parametrize("lc_all", LOCALES)
def test_a_walk_in_an_odd_zone_and_locale_writes_what_the_schema_accepts(
    tmp_path: Path, tz: str, lc_all: str
) -> None:
    confirmed(tmp_path)
    env = env_for(tmp_path, TZ=tz, LC_ALL=lc_all)
    with walking(env, SHORT) as walk:
        status, _, err = walk.finish()
    assert status == 0, err
    jsonschema.validate(json.loads((tmp_path / "history.json").read_bytes()), SCHEMA)
    listing = shell("$RC history --format json", env)
    jsonschema.validate(json.loads(listing.stdout), SCHEMA)
    started = shell("$RC programme start beginners", env)
    assert started.returncode == 0, started.stderr
    [enrolment] = json.loads((tmp_path / "programme.json").read_bytes())["enrolments"]
    assert OFFSET.search(enrolment["started_at"]), enrolment
