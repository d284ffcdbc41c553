"""``retrocoach history`` over a certificate that lies about a line: every format reads it whole.

A certificate (.history-checked.json) forged for edited bytes makes a line it vouched for fail
to read. Each format once said "start RetroCoach again" and exited 1 (the JSON export, since
the store reads whole for it, printed the sessions): now each prints what a whole read gives,
with the damaged file told in one line, as the next start would.
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest

from retrocoach.cli.history import run_history
from retrocoach.core.history.lines import CERTIFICATE_NAME
from retrocoach.core.history.store import HistoryStore
from retrocoach.core.storage.lazy import LazyRecords
from tests.cli.test_history_cli import record, store_with


def lie_about_the_second_walk(folder: Path) -> None:
    store_with(folder, *(record(day) for day in range(2, 9)))
    HistoryStore(folder, warn=print).load()  # read whole: a certificate is written
    path, certificate = folder / "history.json", folder / CERTIFICATE_NAME
    lines = path.read_bytes().split(b"\n")
    # An outcome of no RetroCoach, in as many bytes: every reader of a line refuses it.
    lines[2] = lines[2].replace(b'"outcome": "completed"', b'"outcome": "sidewalks"', 1)
    lied = b"\n".join(lines)
    path.write_bytes(lied)
    found = json.loads(certificate.read_bytes())
    found.update(sha256=hashlib.sha256(lied).hexdigest())
    certificate.write_text(json.dumps(found))


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_each_format_over_a_lying_certificate_prints_what_a_whole_read_prints(
    tmp_path: Path, fmt: str
) -> None:
    lying, honest = tmp_path / "lying", tmp_path / "honest"
    for folder in (lying, honest):
        lie_about_the_second_walk(folder)
    (honest / CERTIFICATE_NAME).unlink()  # read whole from the start
    printed = []
    for folder in (lying, honest):
        told: list[str] = []
        store = HistoryStore(folder, warn=told.append)
        assert isinstance(store.load().items, LazyRecords) is (folder == lying)
        out, err = io.StringIO(newline=""), io.StringIO()
        assert run_history(store, fmt, out, err) == 0
        assert err.getvalue() == ""
        assert len(told) == 1
        assert "1 of its 7 sessions are unreadable" in told[0]
        printed.append(out.getvalue())
    assert printed[0] == printed[1]
    assert printed[0].count("2026-11-") >= 6
