"""`retrocoach history --format fit` as a real process: files Garmin's SDK reads, and its failures.

Unwritable folders, full disks and existing files each give one line and exit 1; nothing
half-written is ever left under a final name.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from fit_walks import decode_file, session_json

from retrocoach.core.storage.shipped import asset_path

pytestmark = pytest.mark.slow


def _walk(number: int, seconds: float = 60.0, **options: Any) -> dict[str, Any]:
    segments = [
        {"kind": "warmup", "actual_s": seconds, "speed_kmh": 3.0},
        {"kind": "forward", "round": 1, "actual_s": seconds, "speed_kmh": 3.5},
        {"kind": "backward", "round": 1, "actual_s": seconds / 2, "speed_kmh": 1.5},
        {"kind": "cooldown", "actual_s": seconds, "speed_kmh": 3.0},
    ]
    options.setdefault("started_at", f"2026-12-0{number}T09:30:00+01:00")
    return session_json(segments, record_id=f"walk-{number}", **options)


def _history(data: Path, *sessions: dict[str, Any]) -> Path:
    data.mkdir(parents=True, exist_ok=True)
    document = {"schema_version": 2, "sessions": list(sessions)}
    (data / "history.json").write_text(json.dumps(document), encoding="ascii")
    return data


def _run(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "retrocoach", "--data-dir", str(data), "history", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "TZ": "Europe/Berlin"},  # the file names use local time
        stdin=subprocess.DEVNULL,
        check=False,
    )


def _one_line(stderr: str) -> str:
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


@contextlib.contextmanager
def _tmpfs(folder: Path, options: str) -> Iterator[Path]:
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.fail(f"a tmpfs could not be mounted (run as root): {mounted.stderr!r}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def _no_temp_files(folder: Path) -> None:
    assert not [p.name for p in folder.iterdir() if p.name.startswith(".")]


def test_every_walk_becomes_a_fit_file_garmins_sdk_reads_and_empty_ones_are_named(
    tmp_path: Path,
) -> None:
    empty = session_json([], record_id="empty", started_at="2026-12-04T08:00:00+01:00")
    far = _walk(5, started_at="9999-12-31T20:00:00+00:00")
    data = _history(tmp_path / "data", _walk(1), _walk(2), empty, far)
    out = tmp_path / "fit files"
    result = _run(data, "--format", "fit", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "Skipped the walk of 2026-12-04 " in result.stdout
    assert "no segments to export" in result.stdout
    assert "Skipped the walk of 9999-12-31" in result.stdout
    assert "outside what a FIT file can hold" in result.stdout
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "2026-12-01-093000-steady-steps.fit",
        "2026-12-02-093000-steady-steps.fit",
    ]
    for path in out.iterdir():
        assert f"Wrote {path}" in result.stdout
        decoded = decode_file(path)
        assert decoded.integrity
        assert decoded.errors == []
        assert [lap["intensity"] for lap in decoded.all("lap")] == [
            "warmup", "active", "interval", "cooldown",
        ]  # fmt: skip


def test_since_and_until_choose_the_walks_as_for_the_other_formats(tmp_path: Path) -> None:
    data = _history(tmp_path / "data", _walk(1), _walk(3), _walk(5))
    out = tmp_path / "out"
    result = _run(data, "--format", "fit", "--out", str(out), "--since", "2026-12-02",
                  "--until", "2026-12-04")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert [p.name[:10] for p in out.iterdir()] == ["2026-12-03"]


def test_an_existing_file_is_kept_and_nothing_is_written_without_force(tmp_path: Path) -> None:
    data = _history(tmp_path / "data", _walk(1), _walk(2))
    out = tmp_path / "out"
    assert _run(data, "--format", "fit", "--out", str(out)).returncode == 0
    [first, second] = sorted(out.iterdir())
    first.write_bytes(b"the walker's own file")
    second.unlink()
    result = _run(data, "--format", "fit", "--out", str(out))
    assert result.returncode == 1
    line = _one_line(result.stderr)
    assert str(first) in line
    assert "already exists" in line
    assert "--force" in line
    assert first.read_bytes() == b"the walker's own file"
    assert not second.exists(), "nothing is written when a name is taken"
    forced = _run(data, "--format", "fit", "--out", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    assert decode_file(first).integrity
    assert decode_file(second).integrity
    _no_temp_files(out)


def test_a_read_only_folder_is_one_line_and_exit_1(tmp_path: Path) -> None:
    data = _history(tmp_path / "data", _walk(1))
    with _tmpfs(tmp_path / "ro", "ro,size=1m") as folder:
        result = _run(data, "--format", "fit", "--out", str(folder))
        assert list(folder.iterdir()) == []
    assert result.returncode == 1
    line = _one_line(result.stderr)
    assert "read-only" in line
    assert "nothing was written" in line


def test_a_folder_that_cannot_be_made_is_one_line(tmp_path: Path) -> None:
    data = _history(tmp_path / "data", _walk(1))
    (tmp_path / "a file").write_text("")
    result = _run(data, "--format", "fit", "--out", str(tmp_path / "a file" / "out"))
    assert result.returncode == 1
    assert "nothing was written" in _one_line(result.stderr)


def test_a_disk_that_fills_leaves_whole_files_only(tmp_path: Path) -> None:
    # Two walks of about 40 kB each; room is left for the first only.
    data = _history(tmp_path / "data", _walk(1, 1000.0), _walk(2, 1000.0))
    with _tmpfs(tmp_path / "small", "size=1m,mode=0700") as folder:
        filler = folder / "filler"
        with filler.open("wb", buffering=0) as out, contextlib.suppress(OSError):
            while True:
                out.write(b"\xff" * 4096)
        os.truncate(filler, filler.stat().st_size - 52 * 1024)
        result = _run(data, "--format", "fit", "--out", str(folder))
        written = sorted(p for p in folder.iterdir() if p.suffix == ".fit")
        assert result.returncode == 1
        line = _one_line(result.stderr)
        assert "the disk is full" in line
        assert "1 of 2 files were written before it" in line
        assert len(written) == 1
        assert f"Wrote {written[0]}" in result.stdout
        assert decode_file(written[0]).integrity
        _no_temp_files(folder)


@pytest.mark.parametrize(
    ("args", "wanted"),
    [
        (["--format", "fit"], "--out FOLDER"),
        (["--out", "x"], "--out goes with --format fit"),
        (["--format", "csv", "--force"], "--force goes with --format fit"),
    ],
)
def test_options_that_do_not_go_together_are_one_line_and_exit_2(
    tmp_path: Path, args: list[str], wanted: str
) -> None:
    data = _history(tmp_path / "data", _walk(1))
    result = _run(data, *args)
    assert result.returncode == 2
    assert wanted in _one_line(result.stderr)
    assert not (Path.cwd() / "x").exists()


def test_no_walks_in_the_chosen_days_writes_nothing(tmp_path: Path) -> None:
    data = _history(tmp_path / "data", _walk(1))
    out = tmp_path / "out"
    result = _run(data, "--format", "fit", "--out", str(out), "--since", "2027-01-01")
    assert result.returncode == 0
    assert "No sessions from 2027-01-01" in result.stdout
    assert not out.exists()


def test_a_schema_3_history_gives_the_treadmills_distances_and_the_straps_pulse(
    tmp_path: Path,
) -> None:
    walk = _walk(1)
    walk["segments"][2]["measured"] = {
        "distance_m": 11.8, "speed_kmh": 1.42, "avg_bpm": 103, "max_bpm": 111,
        "above_ceiling_s": 0,
    }  # fmt: skip
    walk["heart_rate"] = {
        "ceiling_bpm": 125, "avg_bpm": 98, "max_bpm": 111, "above_ceiling_s": 0,
        "trace": [[t, 90 + t // 10] for t in range(5, 215, 5)],
    }  # fmt: skip
    document = {"schema_version": 3, "sessions": [walk]}
    jsonschema.validate(document, json.loads(asset_path("data", "history.schema.json").read_text()))
    data = tmp_path / "data"
    data.mkdir()
    (data / "history.json").write_text(json.dumps(document), encoding="ascii")
    out = tmp_path / "out"
    result = _run(data, "--format", "fit", "--out", str(out))
    assert result.returncode == 0, result.stderr
    [path] = out.iterdir()
    decoded = decode_file(path)
    backward = decoded.all("lap")[2]
    assert backward["total_distance"] == 11.8
    assert backward["avg_speed"] == round(1.42 / 3.6, 3)
    assert (backward["avg_heart_rate"], backward["max_heart_rate"]) == (103, 111)
    session = decoded.one("session")
    assert (session["avg_heart_rate"], session["max_heart_rate"]) == (98, 111)
    pulses = [r["heart_rate"] for r in decoded.all("record") if "heart_rate" in r]
    assert len(pulses) == len(decoded.all("record"))  # a value every 5 s covers every second
    assert pulses[0] == 90  # 5 s after the start: the end of the get-ready countdown
