"""The Programme page over a history whose certificate lies about a programme walk: no traceback.

A certificate (.history-checked.json) forged for edited bytes makes a line it vouched for fail to
read. The page's refresh, run from Qt slots, once raised StorageError there; now the history is
read whole at once, as a damaged one is, and the page shows what can be read.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from retrocoach.core.history.lines import CERTIFICATE_NAME
from retrocoach.core.history.store import HistoryStore
from retrocoach.core.programme.guide import ProgrammeGuide
from retrocoach.core.programme.model import ProgrammeBook
from retrocoach.core.programme.state import ProgrammeStateStore
from retrocoach.core.storage.lazy import LazyRecords
from retrocoach.ui.programme.page import ProgrammePage
from tests.ui.programme.test_programme_page import _walk, _Wall


def test_a_lying_certificate_leaves_the_programme_page_showing_what_reads(
    qtbot: QtBot, tmp_path: Path
) -> None:
    wall = _Wall()
    told: list[str] = []
    history = HistoryStore(tmp_path, warn=told.append)
    state = ProgrammeStateStore(tmp_path, warn=told.append, wall_clock=wall)
    guide = ProgrammeGuide(ProgrammeBook.default(environ={}), state, history, wall_clock=wall)
    page = ProgrammePage(guide)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.programme_started):
        qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    for _ in range(2):
        wall.now += timedelta(days=2)
        _walk(guide, history, wall)
    HistoryStore(tmp_path, warn=told.append).load()  # read whole: a certificate is written
    path, certificate = tmp_path / "history.json", tmp_path / CERTIFICATE_NAME
    lines = path.read_bytes().split(b"\n")
    # The second programme walk ends before it starts, and a certificate is forged for it.
    lines[2] = re.sub(rb'"ended_at": "\d{4}', b'"ended_at": "1999', lines[2], count=1)
    lied = b"\n".join(lines)
    path.write_bytes(lied)
    found = json.loads(certificate.read_bytes())
    found.update(sha256=hashlib.sha256(lied).hexdigest())
    certificate.write_text(json.dumps(found))
    store = HistoryStore(tmp_path, warn=told.append)
    assert isinstance(store.load().items, LazyRecords)
    guide = ProgrammeGuide(ProgrammeBook.default(environ={}), state, store, wall_clock=wall)
    page = ProgrammePage(guide)  # refreshes as it is built: must not raise
    qtbot.addWidget(page)
    assert "done" in page.grid.cells[(1, 1)].text()  # the first walk still counts
    assert "today" in page.grid.cells[(1, 2)].text()  # the unreadable one does not
    assert len(told) == 1
    assert "copy is kept" in told[0]
