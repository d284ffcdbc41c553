"""Two RetroCoach processes on one data folder: every session lands, none is overwritten.

The rule (README, "Where your data lives"): every session has a journal of its own. A second
window does not start a session while another is under way, and says why; a second
`retrocoach run` walks on, journalled in its own file, and is saved at its end. A journal left
by a process killed meanwhile is recovered by the survivor, never overwritten.
"""

from __future__ import annotations

import os
import signal
from datetime import datetime
from pathlib import Path

import pytest
from xdesktop import (
    App,
    Desktop,
    journal_session,
    open_window,
    prepare_data,
    sessions,
    start_walk,
    wait_until,
)

pytestmark = pytest.mark.slow

WINDOW_BUSY = "Another RetroCoach window or terminal is walking a session"
KEPT = "as 'interrupted'"
SHORT = "getready=0s warmup=0s cooldown=0s forward=1s"


def run(data: Path, plan: str) -> App:
    """`retrocoach run` on *data*, without sound."""
    env = {**os.environ, "RETROCOACH_DATA_DIR": str(data)}
    return App(["run", "--audio", "none", "--plan", plan], env)


def journal_id(data: Path) -> str | None:
    """The id of the session the journal describes."""
    session = journal_session(data)
    return None if session is None else str(session["id"])


def test_two_terminal_walks_ending_together_both_land_and_the_second_is_told(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    # 6 s walks: two processes started together on a busy machine may begin seconds apart,
    # and the walks must still overlap.
    plan = "getready=0s warmup=0s forward=3s backward=3s rounds=1 cooldown=0s"
    first, second = run(data, plan), run(data, plan)
    try:
        statuses = [first.wait(), second.wait()]
    finally:
        first.kill()
        second.kill()
    assert statuses == [0, 0], first.stderr + second.stderr
    saved = sessions(data / "history.json")
    assert len(saved) == 2, saved
    assert {s["outcome"] for s in saved} == {"completed"}
    assert all(s["forward_s"] == 3.0 and s["backward_s"] == 3.0 for s in saved), saved
    # They really overlapped, so both saves came at the same moment.
    a, b = ([datetime.fromisoformat(s[key]) for key in ("started_at", "ended_at")] for s in saved)
    assert a[0] < b[1], saved
    assert b[0] < a[1], saved
    assert first.stderr == second.stderr == ""  # both journalled, each in its own file
    assert journal_session(data) is None


def test_a_walk_killed_beside_another_is_recovered_by_it_not_overwritten(tmp_path: Path) -> None:
    """The survivor saves its own walk, then the dead walk's journal, which nobody holds now."""
    data = tmp_path / "data"
    doomed = run(data, "getready=0s warmup=0s forward=1s backward=1s rounds=3 cooldown=0s")
    try:
        wait_until(lambda: journal_session(data) is not None, "the first walk's journal")
        doomed_id = journal_id(data)
        survivor = run(data, "getready=0s warmup=0s forward=1s backward=1s rounds=2 cooldown=0s")
        try:
            wait_until(
                lambda: len(list(data.glob("session-*.journal.jsonl"))) == 2, "both journals"
            )
            doomed.process.send_signal(signal.SIGKILL)
            doomed.wait()
            status = survivor.wait()
        finally:
            survivor.kill()
    finally:
        doomed.kill()
    assert status == 0, survivor.stderr
    assert KEPT in survivor.stderr, survivor.stderr
    by_outcome = {s["outcome"]: s for s in sessions(data / "history.json")}
    assert set(by_outcome) == {"interrupted", "completed"}, by_outcome
    assert by_outcome["interrupted"]["id"] == doomed_id
    assert by_outcome["interrupted"]["segments"], by_outcome
    assert by_outcome["completed"]["forward_s"] == 2.0
    assert by_outcome["completed"]["backward_s"] == 2.0
    assert journal_session(data) is None


def test_a_second_window_refuses_to_start_while_another_walks_then_keeps_both(
    display: str, tmp_path: Path
) -> None:
    """Two windows on one folder: the second says a session is running and waits its turn."""
    data = tmp_path / "data"
    prepare_data(data)
    desktop = Desktop(display)
    first = open_window(desktop, data, f"{SHORT} backward=5m")
    second = open_window(desktop, data, f"{SHORT} backward=1s rounds=1")
    try:
        walking = start_walk(desktop, first, data)
        desktop.press(desktop.window("^RetroCoach$", pid=second.pid), "space")
        second.wait_for_stderr(WINDOW_BUSY)
        assert journal_id(data) == walking["id"]  # the second did not take the journal
        # The first window dies mid-walk; the second now starts, keeping the first's walk.
        first.process.send_signal(signal.SIGKILL)
        first.wait()
        start_walk(desktop, second, data)
        second.wait_for_stderr(KEPT)
        wait_until(lambda: len(sessions(data / "history.json")) == 2, "both walks in the history")
        desktop.dismiss("How did it go", second.pid)
        desktop.press(desktop.window("^RetroCoach$", pid=second.pid), "ctrl+q")
        status = second.wait()
    finally:
        first.kill()
        second.kill()
    assert status == 0, second.stderr
    assert second.stderr.count(WINDOW_BUSY) == 1, second.stderr
    by_id = {s["id"]: s for s in sessions(data / "history.json")}
    assert by_id.pop(walking["id"])["outcome"] == "interrupted"
    (walked,) = by_id.values()
    assert walked["outcome"] == "completed"
    assert [s["actual_s"] for s in walked["segments"]] == [1.0, 1.0]
