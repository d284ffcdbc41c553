"""Walks written into a folder as FIT files: their names, skipped walks, and files in the way."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest
from fit_walks import decode_file, walk_record

from retrocoach.core.fit.export import FitExportError, export_fit, file_name, fit_files

SEGMENTS = [{"kind": "warmup", "actual_s": 30.0, "speed_kmh": 3.0}]


def test_a_file_is_named_by_the_walks_local_start_and_its_plan() -> None:
    record = walk_record(SEGMENTS, plan={"name": "Knee/OA: week 2 *gentle*"})
    assert file_name(record, UTC) == "2026-12-05-083000-knee-oa-week-2-gentle.fit"


def test_accents_are_dropped_from_a_file_name_not_the_letters() -> None:
    record = walk_record(SEGMENTS, plan={"name": "Rückwärts gehen"})
    assert file_name(record, UTC).endswith("-ruckwarts-gehen.fit")


def test_a_plan_name_with_no_letters_or_digits_gives_walk() -> None:
    record = walk_record(SEGMENTS, plan={"name": "*** 歩く"})
    assert file_name(record, UTC).endswith("-walk.fit")


def test_two_walks_with_the_same_name_get_a_number() -> None:
    records = [walk_record(SEGMENTS, record_id=f"w{n}") for n in range(3)]
    names = [f.name for f in fit_files(records, UTC, "1.0", print)]
    assert names == [
        "2026-12-05-083000-steady-steps.fit",
        "2026-12-05-083000-steady-steps-2.fit",
        "2026-12-05-083000-steady-steps-3.fit",
    ]


def test_walks_with_nothing_to_export_are_told_and_left_out() -> None:
    told: list[str] = []
    records = [walk_record([]), walk_record(SEGMENTS, started_at="9999-12-31T22:00:00+00:00")]
    assert fit_files(records, UTC, "1.0", told.append) == []
    assert "no segments to export" in told[0]
    assert "outside what a FIT file can hold" in told[1]


def test_files_are_written_whole_and_a_name_in_the_way_stops_all(tmp_path: Path) -> None:
    records = [walk_record(SEGMENTS, record_id=f"w{n}", started_at=f"2026-12-0{n}T09:00:00+00:00")
               for n in (1, 2)]  # fmt: skip
    files = fit_files(records, UTC, "1.0", print)
    folder = tmp_path / "new" / "folder"
    written = export_fit(files, folder, replace=False)
    assert [p.name for p in written] == [f.name for f in files]
    assert all(decode_file(path).integrity for path in written)
    assert folder.stat().st_mode & 0o777 == 0o700
    written[1].unlink()
    with pytest.raises(FitExportError, match="already exists") as raised:
        export_fit(files, folder, replace=False)
    assert raised.value.existing
    assert not written[1].exists()
    written[0].write_bytes(b"old")
    assert export_fit(files, folder, replace=True) == written
    assert written[0].read_bytes() == files[0].data
    assert sorted(p.name for p in folder.iterdir()) == sorted(f.name for f in files)
