"""Heart-rate figures: a walk's segments on its trace, and weeks of heart rate at one belt speed."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, timedelta

from retrocoach.core.figures.heart import (
    Band,
    bands,
    common_speed,
    heart_weeks,
    speeds_with_heart,
)
from retrocoach.core.history.records import SessionRecord
from retrocoach.core.plan.model import Kind, Plan
from retrocoach.core.segments import Direction
from retrocoach.core.session.events import SegmentMeasure

RecordFactory = Callable[..., SessionRecord]
PLAN = Plan(forward_s=60, backward_s=60, rounds=2, warmup_s=0, cooldown_s=0, getready_s=5)


def with_backward(record: SessionRecord, kmh: float, bpm: float) -> SessionRecord:
    """*record* whose backward segments were walked at *kmh* with an average of *bpm*."""
    segments = tuple(
        dataclasses.replace(s, speed_kmh=kmh, measured=SegmentMeasure(avg_bpm=bpm, max_bpm=bpm))
        if s.kind is Kind.BACKWARD
        else s
        for s in record.segments
    )
    return dataclasses.replace(record, segments=segments)


def test_segments_are_laid_on_the_trace_after_the_countdown(make_record: RecordFactory) -> None:
    record = make_record(plan=PLAN)
    record = dataclasses.replace(record, ended_at=record.ended_at + timedelta(seconds=5))
    laid = bands(record)
    assert laid[0] == Band(5.0, 65.0, Direction.FORWARD)
    assert laid[1] == Band(65.0, 125.0, Direction.BACKWARD)
    assert laid[-1].end_s == 245.0


def test_weeks_show_the_heart_rate_at_one_speed_going_down(make_record: RecordFactory) -> None:
    monday = date(2026, 11, 16)
    walks = []
    for week, bpm in enumerate((118.0, 112.0, 106.0)):
        record = make_record(plan=PLAN, started_at=make_record().started_at + timedelta(weeks=week))
        walks.append(with_backward(record, 1.5, bpm))
    # A faster walk in the last week is another speed: it does not lift that week's figure.
    faster = make_record(plan=PLAN, started_at=walks[-1].started_at + timedelta(days=1))
    walks.append(with_backward(faster, 2.5, 140.0))
    shown = heart_weeks(walks, 1.5, monday + timedelta(weeks=3), weeks=4)
    assert [week.avg_bpm for week in shown] == [118.0, 112.0, 106.0, None]
    assert shown[0].monday == monday
    assert common_speed(walks) == 1.5
    assert speeds_with_heart(walks) == [1.5, 2.5]


def test_a_week_weighs_each_segment_by_its_length(make_record: RecordFactory) -> None:
    record = make_record(plan=PLAN)
    segments = list(record.segments)
    backward = [i for i, s in enumerate(segments) if s.kind is Kind.BACKWARD]
    for index, (seconds, bpm) in zip(backward, ((30.0, 100.0), (90.0, 120.0)), strict=True):
        segments[index] = dataclasses.replace(
            segments[index], actual_s=seconds, speed_kmh=1.0, measured=SegmentMeasure(avg_bpm=bpm)
        )
    record = dataclasses.replace(record, segments=tuple(segments))
    (week,) = heart_weeks([record], 1.0, record.started_at.date(), weeks=1)
    assert week.avg_bpm == 115.0
    assert week.seconds == 120.0


def test_the_treadmills_measured_speed_counts_before_the_plans(make_record: RecordFactory) -> None:
    record = with_backward(make_record(plan=PLAN), 1.5, 110.0)
    segments = tuple(
        dataclasses.replace(s, measured=dataclasses.replace(s.measured, speed_kmh=1.04))
        if s.measured is not None
        else s
        for s in record.segments
    )
    record = dataclasses.replace(record, segments=segments)
    assert speeds_with_heart([record]) == [1.0]


def test_walks_without_a_strap_give_no_speed(make_record: RecordFactory) -> None:
    assert common_speed([make_record(plan=PLAN)]) is None
    assert speeds_with_heart([]) == []
