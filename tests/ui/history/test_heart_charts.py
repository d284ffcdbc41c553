"""History heart charts: a walk's trace over its shaded segments, and weeks at one speed."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from retrocoach.core.history.measured import BpmFigures, HeartRate
from retrocoach.core.history.records import Outcome, SessionRecord
from retrocoach.core.history.store import HistoryStore
from retrocoach.core.plan.model import Kind, parse_spec
from retrocoach.core.segments import Direction
from retrocoach.core.session.events import SegmentMeasure
from retrocoach.core.session.machine import SegmentRecord
from retrocoach.ui.history.view import HistoryView

TZ = timezone(timedelta(hours=1))
TODAY = date(2026, 11, 21)
PLAN = parse_spec("warmup=1m forward=1m backward=1m rounds=2 cooldown=1m getready=5s", name="hr")


def walk(number: int, day: date, backward_bpm: float, strap: bool = True) -> SessionRecord:
    """A walk of PLAN on *day*, with a strap's figures when *strap*."""
    segments = tuple(
        SegmentRecord(
            s.kind,
            s.seconds,
            float(s.seconds),
            s.round,
            speed_kmh=1.5 if s.kind is Kind.BACKWARD else 3.0,
            measured=SegmentMeasure(avg_bpm=backward_bpm if s.kind is Kind.BACKWARD else 95.0)
            if strap
            else None,
        )
        for s in PLAN.segments()
        if s.kind is not Kind.GETREADY
    )
    started = datetime(day.year, day.month, day.day, 7, tzinfo=TZ)
    trace = tuple((5.0 + 10 * i, 90.0 + i) for i in range(36))
    heart = HeartRate(120, 100, 125, 12.0, BpmFigures(95, 110), BpmFigures(110, 125), trace)
    return SessionRecord(
        id=f"h{number:03d}",
        started_at=started,
        ended_at=started + timedelta(seconds=PLAN.total_s),
        outcome=Outcome.COMPLETED,
        plan=PLAN,
        segments=segments,
        forward_s=float(sum(s.actual_s for s in segments if s.kind is not Kind.BACKWARD)),
        backward_s=float(sum(s.actual_s for s in segments if s.kind is Kind.BACKWARD)),
        heart_rate=heart if strap else None,
    )


@pytest.fixture
def view(qtbot: QtBot, tmp_path: Path) -> HistoryView:
    store = HistoryStore(tmp_path / "data", warn=pytest.fail)
    for number, (days_ago, bpm) in enumerate(((15, 118.0), (8, 112.0), (1, 104.0))):
        store.add(walk(number, TODAY - timedelta(days=days_ago), bpm))
    store.add(walk(9, TODAY, 100.0, strap=False))
    widget = HistoryView(store, today=lambda: TODAY, tz=TZ)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.rowCount() == 4)
    return widget


def choose(view: HistoryView, words: str) -> None:
    choice = view.charts.choice
    index = next(i for i in range(choice.count()) if words in choice.itemText(i))
    choice.setCurrentIndex(index)


def test_the_chosen_walks_trace_is_drawn_over_its_segments_shaded_by_direction(
    view: HistoryView,
) -> None:
    choose(view, "chosen walk")
    assert view.charts.trace.isVisible()
    assert view.select_session("h002")
    trace = view.charts.trace
    assert len(trace.points) == 36
    assert trace.points[0] == (5.0 / 60, 90.0)
    assert trace.shaded == [
        Direction.FORWARD,
        Direction.FORWARD,
        Direction.BACKWARD,
        Direction.FORWARD,
        Direction.BACKWARD,
        Direction.FORWARD,
    ]
    assert "Heart rate of the walk of" in trace.chart().title()
    names = [series.name() for series in trace.chart().series()]
    assert "Your ceiling, 120" in names


def test_a_walk_without_a_strap_says_how_to_get_a_trace(view: HistoryView) -> None:
    choose(view, "chosen walk")
    assert view.select_session("h009")
    assert view.charts.trace.points == []
    assert "heart-rate strap" in view.charts.trace.chart().title()


def test_weeks_at_one_backward_speed_show_the_heart_rate_going_down(view: HistoryView) -> None:
    choose(view, "at 1.5 km/h, by week")
    by_week = view.charts.by_week
    assert by_week.isVisible()
    known = [value for value in by_week.values if value is not None]
    assert known == [118.0, 112.0, 104.0]
    assert "1.5 km/h" in by_week.chart().title()


def test_folding_hides_every_chart_and_brings_the_chosen_one_back(
    view: HistoryView, qtbot: QtBot
) -> None:
    choose(view, "chosen walk")
    fold = view.findChild(type(view._fold), "history_fold_button")
    assert fold is not None
    fold.click()
    assert not view.charts.isVisible()
    fold.click()
    assert view.charts.trace.isVisible()


def test_changing_a_walk_keeps_the_chart_chosen(view: HistoryView) -> None:
    choose(view, "by week")
    view.refresh()
    assert "by week" in view.charts.choice.currentText()
