"""The outcome rule for skipped segments, and the summary shown after a walk."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from retrocoach.core.figures.summary import summarise
from retrocoach.core.history.outcome import outcome_of
from retrocoach.core.history.recorder import SessionRecorder
from retrocoach.core.history.records import Outcome, SessionRecord
from retrocoach.core.history.store import HistoryStore
from retrocoach.core.plan.model import Kind, Plan
from retrocoach.core.session.machine import Command, SegmentRecord, Session

RecordFactory = Callable[..., SessionRecord]
START = datetime(2026, 11, 16, 7, 30, tzinfo=UTC)
PLAN = Plan(forward_s=300, backward_s=60, rounds=2, warmup_s=120, cooldown_s=120, getready_s=5)


def full_segments(plan: Plan) -> tuple[SegmentRecord, ...]:
    return tuple(
        SegmentRecord(s.kind, s.seconds, float(s.seconds), s.round)
        for s in plan.segments()
        if s.kind is not Kind.GETREADY
    )


def test_a_plan_walked_in_full_is_completed() -> None:
    assert outcome_of(True, full_segments(PLAN)) is Outcome.COMPLETED


def test_a_segment_run_half_its_length_still_counts_as_done() -> None:
    segments = list(full_segments(PLAN))
    segments[1] = dataclasses.replace(segments[1], actual_s=segments[1].planned_s / 2)
    assert outcome_of(True, segments) is Outcome.COMPLETED


def test_reaching_the_end_by_skipping_a_segment_is_stopped() -> None:
    segments = list(full_segments(PLAN))
    segments[2] = dataclasses.replace(segments[2], actual_s=segments[2].planned_s * 0.49)
    assert outcome_of(True, segments) is Outcome.STOPPED


def test_a_session_with_every_segment_skipped_is_stopped() -> None:
    session = Session(PLAN)
    now = 100.0
    session.start(now)
    while not session.is_over:
        now += 0.5
        session.command(Command.SKIP, now)
    assert outcome_of(True, session.records) is Outcome.STOPPED


def test_not_reaching_the_end_is_stopped_and_nothing_walked_is_stopped() -> None:
    assert outcome_of(False, full_segments(PLAN)) is Outcome.STOPPED
    assert outcome_of(True, ()) is Outcome.STOPPED


def test_summary_of_a_stopped_walk_counts_what_was_walked_and_left(
    make_record: RecordFactory,
) -> None:
    segments = (
        SegmentRecord(Kind.WARMUP, 120, 120.0),
        SegmentRecord(Kind.FORWARD, 300, 10.0, 1),
    )
    record = make_record(
        plan=PLAN, segments=segments, outcome=Outcome.STOPPED, effort=6, started_at=START
    )
    summary = summarise(record, [record])
    assert (summary.done, summary.skipped, summary.not_reached) == (1, 1, 4)
    assert summary.forward_s == 130.0
    assert summary.backward_s == 0.0
    lines = summary.lines()
    assert summary.title == "Session stopped early"
    assert lines[0] == "Walked 2:10 of 16:00: 2:10 forward, 0:00 backward"
    assert lines[1] == "Segments: 1 done, 1 skipped or cut short, 4 not reached"
    assert lines[2] == "Effort: 6 of 10"
    assert lines[3] == "Your first walk in the history"


def test_summary_compares_with_the_last_walks_before_it_only(make_record: RecordFactory) -> None:
    short = Plan(forward_s=60, backward_s=60, rounds=1, warmup_s=0, cooldown_s=0)
    earlier = [
        make_record(plan=short, started_at=START + timedelta(days=day)) for day in range(1, 8)
    ]
    later = make_record(plan=PLAN, started_at=START + timedelta(days=30))
    record = make_record(plan=PLAN, started_at=START + timedelta(days=20))
    summary = summarise(record, [*earlier, record, later], compared=5)
    assert summary.earlier == 5
    assert summary.earlier_average_s == 120.0
    assert summary.lines()[3] == "14:00 longer than the average of your last 5 walks (2:00)"
    assert summary.lines()[2] == "Effort: not rated"


def test_the_recorder_saves_a_session_finished_by_skipping_as_stopped(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path, warn=pytest.fail)
    recorder = SessionRecorder(store, report=pytest.fail)
    session = Session(PLAN, countdown_s=0)
    now = 100.0
    recorder.on_events(session, session.start(now), now)
    for _ in range(200):  # the get-ready countdown, the warm-up and some forward walked
        now += 1.0
        recorder.on_events(session, session.advance(now), now)
    while not session.is_over:
        now += 1.0
        recorder.on_events(session, session.command(Command.SKIP, now), now)
    assert recorder.saved is not None
    assert recorder.saved.outcome is Outcome.STOPPED
    assert [record.outcome for record in store.sessions()] == [Outcome.STOPPED]


def test_the_recorder_saves_a_session_walked_in_full_as_completed(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path, warn=pytest.fail)
    recorder = SessionRecorder(store, report=pytest.fail)
    session = Session(PLAN, countdown_s=0)
    now = 100.0
    recorder.on_events(session, session.start(now), now)
    while not session.is_over:
        now += 5.0
        recorder.on_events(session, session.advance(now), now)
    assert recorder.saved is not None
    assert recorder.saved.outcome is Outcome.COMPLETED


def test_a_stopped_session_shows_what_was_left_not_a_full_bar() -> None:
    session = Session(PLAN, countdown_s=0)
    session.start(0.0)
    now = 0.0
    for _ in range(200):  # 5 s get-ready, 120 s warm-up, 75 s of the first forward
        now += 1.0
        session.advance(now)
    session.stop(now)
    progress = session.progress(now)
    walked = 195.0
    assert progress.total_remaining_s == PLAN.total_s - 5 - walked
    assert 0.0 < progress.fraction_done < 1.0


def test_what_a_stopped_walk_left_unwalked_adds_up_with_what_it_walked(
    make_record: RecordFactory,
) -> None:
    """Turn-arounds are not walking: 'Walked 0:04 of 0:12' goes with 0:08 not walked."""
    plan = Plan(forward_s=3, backward_s=3, rounds=2, warmup_s=0, cooldown_s=0, turn_s=2)
    segments = (
        SegmentRecord(Kind.FORWARD, 3, 3.0, 1),
        SegmentRecord(Kind.TURN, 2, 1.0, 1),
        SegmentRecord(Kind.BACKWARD, 3, 1.0, 1),
    )
    record = make_record(
        plan=plan, segments=segments, outcome=Outcome.STOPPED, forward_s=3.0, backward_s=1.0
    )
    summary = summarise(record, [record])
    assert summary.lines()[0].startswith("Walked 0:04 of 0:12")
    assert summary.not_walked_s == 8.0
    assert summary.not_walked_s + summary.walked_s == summary.planned_s
    assert summary.left_text == "0:08 not walked"


@pytest.mark.parametrize(
    ("forward", "backward"), [(2.4, 1.5), (2.6, 1.6), (0.2, 0.2), (59.5, 0.4), (3.0, 1.0)]
)
def test_the_walked_total_is_the_sum_of_the_parts_shown(
    make_record: RecordFactory, forward: float, backward: float
) -> None:
    """'0:04 walking (0:03 forward, 0:02 backward)' had each part rounded up on its own."""
    plan = Plan(forward_s=60, backward_s=60, rounds=1, warmup_s=0, cooldown_s=0)
    segments = (
        SegmentRecord(Kind.FORWARD, 60, forward, 1),
        SegmentRecord(Kind.BACKWARD, 60, backward, 1),
    )
    record = make_record(plan=plan, segments=segments, outcome=Outcome.STOPPED)
    line = summarise(record, [record]).lines()[0]
    walked, parts = line.removeprefix("Walked ").split(" of 2:00: ")
    shown_forward, shown_backward = (p.split()[0] for p in parts.split(", "))

    def seconds(text: str) -> int:
        minutes, secs = text.split(":")
        return int(minutes) * 60 + int(secs)

    assert seconds(walked) == seconds(shown_forward) + seconds(shown_backward), line
    assert abs(seconds(walked) - (forward + backward)) <= 1, line


def test_one_walk_reads_the_same_everywhere_and_not_walked_adds_up(
    make_record: RecordFactory,
) -> None:
    """16.5 s read 0:17 in the window and 0:16 on the History page: one rule now, and the
    plan's length less what was walked is what is said not walked."""
    from retrocoach.core.durations import format_walked, whole_seconds  # noqa: PLC0415

    plan = Plan(forward_s=600, backward_s=30, rounds=2, warmup_s=0, cooldown_s=0)
    record = make_record(plan=plan, forward_s=16.5, backward_s=4.4, outcome=Outcome.STOPPED)
    summary = summarise(record, [record])
    walked = format_walked(16.5, 4.4)[0]
    assert walked == "0:21"
    assert summary.lines()[0].startswith(f"Walked {walked} of 21:00")
    assert summary.left_text == "20:39 not walked"
    assert whole_seconds(0.5) == 1
    assert summary.fraction_walked == pytest.approx(21 / 1260)  # as the 0:21 shown


def _stopped_after(make_record: RecordFactory, seconds: float, day: int) -> SessionRecord:
    """A walk of PLAN stopped *seconds* into its warm-up, *day* days after START."""
    segments = (SegmentRecord(Kind.WARMUP, 120, seconds),)
    return make_record(
        plan=PLAN,
        segments=segments,
        outcome=Outcome.STOPPED,
        forward_s=seconds,
        backward_s=0.0,
        started_at=START + timedelta(days=day),
    )


def test_the_comparison_leaves_false_starts_out(make_record: RecordFactory, tmp_path: Path) -> None:
    """'1:00 longer than your last walk (0:14)': a try stopped within a minute is no walk to
    compare with; the walks before it are, whether summarised from a list or the store."""
    store = HistoryStore(tmp_path, warn=pytest.fail)
    full = [make_record(plan=PLAN, started_at=START + timedelta(days=day)) for day in (1, 2)]
    tries = [_stopped_after(make_record, s, day) for s, day in ((14.0, 3), (59.4, 4))]
    record = make_record(plan=PLAN, started_at=START + timedelta(days=5))
    for walk in (*full, *tries, record):
        store.add(walk)
    for earlier in ([*full, *tries, record], store.earlier_walks(record, 1)):
        summary = summarise(record, earlier, compared=1)
        assert summary.earlier == 1
        assert summary.earlier_average_s == 960.0
        assert summary.lines()[3] == "As long as your last walk (16:00)"
    # A minute walked is a walk: compared with, said as 'your last walk'.
    minute = _stopped_after(make_record, 60.0, 4)
    summary = summarise(record, [*full, minute, record], compared=1)
    assert summary.lines()[3] == "15:00 longer than your last walk (1:00)"


def test_after_false_starts_alone_no_comparison_and_no_first_walk(
    make_record: RecordFactory,
) -> None:
    tries = [_stopped_after(make_record, 14.0, day) for day in (1, 2)]
    record = make_record(plan=PLAN, started_at=START + timedelta(days=5))
    summary = summarise(record, [*tries, record])
    assert summary.earlier == 0
    assert summary.lines()[3] == "No earlier walk of a minute or more to compare with"
