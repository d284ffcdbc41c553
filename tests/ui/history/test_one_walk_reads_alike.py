"""One walk, cut off at odd fractions of a second, reads the same wherever its time is shown.

The window's summary and its bar, the check-in, `run`'s lines, `retrocoach history` (its row
and its totals) and the History page (its row and its totals) all round a walked time by one
rule: to the nearest second, half a second up, each direction on its own, the whole their sum.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from fakes import FakeClock
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from retrocoach.cli.history import run_history
from retrocoach.cli.terminal import TerminalCoach
from retrocoach.core.figures.summary import summarise
from retrocoach.core.history.recorder import SessionRecorder
from retrocoach.core.history.records import SessionRecord
from retrocoach.core.history.store import HistoryStore
from retrocoach.core.plan.model import parse_spec
from retrocoach.core.session.machine import Session
from retrocoach.core.session.media import RemoteAction
from retrocoach.ui.coach.view import CoachView
from retrocoach.ui.coach.whole_row import BAR_STEPS
from retrocoach.ui.dialogs.checkin import CheckinDialog
from retrocoach.ui.history.view import HistoryView

# A warm-up of 1 h, then 2 x (forward 2 h, backward 1 h): room for every cut below.
PLAN = parse_spec(
    "getready=0s warmup=1h forward=2h backward=1h rounds=2 cooldown=0s turn=0s", name="long"
)
BACKWARD = (False, False, True, False, True)
"""Which segments of PLAN, in order, are walked backward."""
CLOCK = re.compile(r"\d+:\d{2}(?::\d{2})?")


def seconds(text: str) -> int:
    """The seconds of an m:ss or h:mm:ss text."""
    total = 0
    for part in text.split(":"):
        total = total * 60 + int(part)
    return total


def walk_cut_short(tmp_path: Path, cuts: tuple[float, ...]) -> tuple[SessionRecord, str]:
    """Walk PLAN in the terminal coach, skipping each segment after the next of *cuts*
    seconds, then stop: the saved record and what the terminal printed."""
    store = HistoryStore(tmp_path, warn=pytest.fail)
    recorder = SessionRecorder(store, report=pytest.fail)
    clock = FakeClock()
    session = Session(PLAN)
    out = io.StringIO()
    coach: TerminalCoach
    pending = list(cuts)
    began = [clock.now()]

    def wait(_fds: object, timeout_s: float) -> None:
        # Time passes as the coach sleeps; at a cut, N is pressed (a media button's Next).
        until = began[0] + pending[0] if pending else clock.now() + timeout_s
        step = min(timeout_s, max(0.0, until - clock.now()))
        clock.advance(step)
        if pending and clock.now() >= until:
            pending.pop(0)
            began[0] = clock.now()
            coach.press(RemoteAction.NEXT if pending else RemoteAction.QUIT)

    coach = TerminalCoach(session, clock, out, listeners=[recorder], wait=wait)
    coach.run()
    assert recorder.saved is not None
    return recorder.saved, out.getvalue()


# Fractions that straddle a whole second in every way: half a second alone, two halves that
# sum to one, two quarters that sum to a half, a minute less half a second, an hour less half.
# The cuts are of the warm-up, then forward, backward, forward, backward, in that order.
CUTS = [
    pytest.param((16.5,), id="16.5s"),
    pytest.param((59.5,), id="59.5s"),
    pytest.param((3599.5,), id="3599.5s"),
    pytest.param((0.0, 8.25, 8.25), id="8.25s+8.25s"),
    pytest.param((0.0, 0.5, 0.5), id="0.5s+0.5s"),
    pytest.param((0.0, 16.4994, 0.4996), id="16.4994s+0.4996s"),
    pytest.param((8.2496, 8.2496), id="two-forward-8.2496s"),
    pytest.param((0.0, 7199.5, 3599.5), id="7199.5s+3599.5s"),
    pytest.param((1.25, 0.0, 1.25, 1.25, 1.25), id="four-1.25s"),
]


@pytest.mark.parametrize("cuts", CUTS)
def test_a_walk_cut_at_odd_fractions_reads_the_same_everywhere(
    qtbot: QtBot, tmp_path: Path, cuts: tuple[float, ...]
) -> None:
    record, terminal = walk_cut_short(tmp_path, cuts)
    # The expected figures, by the rule: each segment to the millisecond the record keeps,
    # each direction's sum to the nearest second, half up.
    directions = BACKWARD[: len(cuts)]
    forward = int(sum(round(c, 3) for c, b in zip(cuts, directions, strict=True) if not b) + 0.5)
    backward = int(sum(round(c, 3) for c, b in zip(cuts, directions, strict=True) if b) + 0.5)
    walked = forward + backward

    # run: its outcome line, and the summary lines it prints after it.
    outcome = next(line for line in terminal.splitlines() if line.startswith("Session "))
    said = CLOCK.findall(outcome)
    assert [seconds(t) for t in said] == [walked, forward, backward], outcome

    summary = summarise(record, [record])
    first = summary.lines()[0]
    assert [seconds(t) for t in CLOCK.findall(first)] == [
        walked,
        PLAN.walking_s,
        forward,
        backward,
    ], first
    # 'not walked' is the plan less what was said walked, and the bar shows the same share.
    assert seconds(CLOCK.findall(summary.left_text)[0]) == PLAN.walking_s - walked
    view = CoachView()
    qtbot.addWidget(view)
    view.show_summary(summary)
    assert view.whole_row.bar.value() == round(walked / PLAN.walking_s * BAR_STEPS)
    assert view.whole_row.total_label.text() == summary.left_text
    assert first in view.summary_label.text()

    # The check-in asks about the same walk, in the same figures.
    checkin = CheckinDialog(record)
    qtbot.addWidget(checkin)
    told = CLOCK.findall(checkin.summary.text())
    assert [seconds(t) for t in told[:2]] == [walked, backward], checkin.summary.text()

    # retrocoach history: the walk's row and the totals under it.
    store = HistoryStore(tmp_path, warn=pytest.fail)
    out, err = io.StringIO(), io.StringIO()
    assert run_history(store, "table", out, err, tz=UTC) == 0, err.getvalue()
    row, totals = (
        line for line in out.getvalue().splitlines() if line.startswith(("20", "1 session"))
    )
    assert [seconds(t) for t in CLOCK.findall(row)[-2:]] == [walked, backward], row
    assert [seconds(t) for t in CLOCK.findall(totals)] == [walked, forward, backward], totals

    # The History page: the row's Walked and Backward cells, and its totals line.
    page = HistoryView(
        store,
        today=lambda: date(record.started_at.year, record.started_at.month, record.started_at.day),
        tz=UTC,
    )
    qtbot.addWidget(page)
    page.refresh()
    proxy = page.table.model()
    assert seconds(str(proxy.index(0, 2).data())) == walked
    assert seconds(str(proxy.index(0, 3).data())) == backward
    label = page.findChild(QLabel, "history_totals")
    assert label is not None
    assert [seconds(t) for t in CLOCK.findall(label.text())] == [walked, forward, backward]


def test_the_cuts_are_the_odd_fractions_the_walk_recorded(tmp_path: Path) -> None:
    """The walks above really are cut where they say (else they would prove nothing)."""
    record, _ = walk_cut_short(tmp_path, (0.0, 8.25, 8.25))
    assert (record.forward_s, record.backward_s) == (8.25, 8.25)
    assert record.started_at.tzinfo is not None
    assert isinstance(record.started_at, datetime)
