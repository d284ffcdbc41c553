"""Soak: a session of 10,000 segments through the real driver, recorder and store, in CI time.

Nothing here is timed: the checks are that every boundary is reported once and in order, that
memory does not grow beyond what the session must keep, and that the history holds the whole
session. benchmarks/soak.py runs the same workload bigger and prints its times.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from soak_workload import (
    MARK_SEGMENTS,
    BoundaryCheck,
    history_problems,
    planned_segments,
    run_soak,
    soak_plan,
)

from retrocoach.core.history.store import SCHEMA_VERSION
from retrocoach.core.plan.model import Plan
from retrocoach.core.session.machine import SegmentStarted, Session

SEGMENTS = 10_000
THINNED = 500
"""The 10,000-segment run lets the recorder hear one segment start in this many (see below)."""
JOURNALLED_SEGMENTS = 1_500


# Not under coverage: its lines are the journalled soak's below (which is measured), and the
# coverage tracer on top of tracemalloc made this the parallel lane's longest test on a loaded
# machine (158 s, against 8 s alone).
@pytest.mark.no_cover
@pytest.mark.usefixtures("qapp")
def test_ten_thousand_segments_keep_every_boundary_flat_memory_and_the_whole_session(
    tmp_path: Path,
) -> None:
    """Every segment start once and in order, memory flat after the first 1,000, all saved.

    The recorder hears the start, the end and one segment start in THINNED: journalling every
    segment start rewrites a journal that holds every segment walked so far, so at 10,000
    segments it alone would take minutes (the test below journals every start, shorter).
    """
    figures = run_soak(tmp_path, SEGMENTS, journal_every=THINNED, trace_memory=True)

    assert figures.problems == []
    assert figures.boundaries == figures.segments >= SEGMENTS
    assert figures.late_ticks > 0  # catch-up over several boundaries was exercised
    assert 0 < figures.growth_bytes <= figures.allowance_bytes
    assert history_problems(tmp_path, soak_plan(SEGMENTS)) == []


@pytest.mark.usefixtures("qapp")
def test_a_long_session_journalled_at_every_segment_start_is_saved_whole(
    tmp_path: Path,
) -> None:
    """The app's own journalling: at every segment start (checked at the 1,000th), then saved."""
    figures = run_soak(tmp_path, JOURNALLED_SEGMENTS, journal_every=1, trace_memory=False)

    assert figures.problems == []
    assert figures.boundaries == figures.segments >= JOURNALLED_SEGMENTS
    assert history_problems(tmp_path, soak_plan(JOURNALLED_SEGMENTS)) == []


def test_the_history_check_finds_a_dropped_segment_and_a_wrong_total(tmp_path: Path) -> None:
    plan = Plan(forward_s=2, backward_s=1, rounds=3, warmup_s=1, cooldown_s=1, getready_s=1)
    segments = planned_segments(plan)
    session = {
        "id": "a" * 32,
        "started_at": "2026-11-21T07:00:00+00:00",
        "ended_at": "2026-11-21T07:00:12+00:00",
        "outcome": "completed",
        "plan": plan.to_dict(),
        "segments": segments,
        "forward_s": float(plan.forward_total_s),
        "backward_s": float(plan.backward_total_s),
        "forward_m": None,
        "backward_m": None,
        "energy_kcal_est": None,
    }
    path = tmp_path / "history.json"
    path.write_text(json.dumps({"schema_version": SCHEMA_VERSION, "sessions": [session]}))
    assert history_problems(tmp_path, plan) == []

    del segments[3]
    session["forward_s"] = 1.0
    path.write_text(json.dumps({"schema_version": SCHEMA_VERSION, "sessions": [session]}))
    found = history_problems(tmp_path, plan)
    assert any("7 segments saved for 8 planned" in problem for problem in found)
    assert any("do not match the plan" in problem for problem in found)


def test_the_boundary_check_finds_a_doubled_and_a_missed_segment_start() -> None:
    session = Session(soak_plan(MARK_SEGMENTS))
    session.start(0.0)
    problems: list[str] = []
    check = BoundaryCheck(session, problems)

    def started(index: int) -> SegmentStarted:
        at = float(sum(s.seconds for s in session.segments[:index]))
        return SegmentStarted(at, index, session.segments[index], None)

    for index in (0, 1, 1):
        check.on_segment_started(started(index))
    assert problems == ["segment 1 started where 2 was due"]
