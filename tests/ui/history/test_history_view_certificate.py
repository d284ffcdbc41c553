"""The History page over a history whose certificate lies: one clear line, never a traceback.

A certificate (.history-checked.json) forged for edited bytes makes the history be read by line
and a line then fail to read: the page says so in its banner, shows nothing half-read, and the
next start reads the file whole (the certificate is withdrawn).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pytestqt.qtbot import QtBot

from retrocoach.core.history.lines import CERTIFICATE_NAME
from retrocoach.core.history.store import HistoryStore
from retrocoach.core.storage.document import FileState
from retrocoach.core.storage.lazy import LazyRecords
from retrocoach.ui.history.view import HistoryView
from tests.ui.history.test_history_view import RECORDS, TODAY, TZ, shown


def test_a_line_a_certificate_vouched_for_that_does_not_read_is_told_in_the_banner(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    for record in RECORDS:
        HistoryStore(folder, warn=print).add(record)
    HistoryStore(folder, warn=print).load()  # read whole: a certificate is written
    path, certificate = folder / "history.json", folder / CERTIFICATE_NAME
    lines = path.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b'"outcome": "', b'"outcome": "x', 1)  # no outcome of ours
    lied = b"\n".join(lines)
    path.write_bytes(lied)
    found = json.loads(certificate.read_bytes())
    found.update(size=len(lied), sha256=hashlib.sha256(lied).hexdigest())
    certificate.write_text(json.dumps(found))
    store = HistoryStore(folder, warn=print)
    assert isinstance(store.load().items, LazyRecords)
    view = HistoryView(store, today=lambda: TODAY, tz=TZ)
    qtbot.addWidget(view)
    view.refresh()  # must not raise
    assert "does not read as it did when it was checked" in view.banner()
    assert shown(view) == []
    assert path.read_bytes() == lied
    assert not certificate.exists()
    assert HistoryStore(folder, warn=print).load().state is FileState.DAMAGED  # read whole
