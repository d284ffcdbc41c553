"""The History table and the weekly chart show distances in the unit the walker chose."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from pytestqt.qtbot import QtBot

from retrocoach.core.figures.stats import Totals, WeekTotals
from retrocoach.core.history.records import Outcome, SessionRecord
from retrocoach.core.plan.model import Plan
from retrocoach.core.speeds import Units
from retrocoach.ui.history.chart import WeeklyChart
from retrocoach.ui.history.model import COLUMNS, HistoryTableModel

DISTANCE = COLUMNS.index("Belt (est.)")
START = datetime(2026, 11, 16, 7, 30, tzinfo=timezone(timedelta(hours=1)))


def walked(forward_m: float | None, backward_m: float | None) -> SessionRecord:
    plan = Plan(forward_s=300, backward_s=60, rounds=1, warmup_s=0, cooldown_s=0)
    return SessionRecord(
        id="s1",
        started_at=START,
        ended_at=START + timedelta(minutes=6),
        outcome=Outcome.COMPLETED,
        plan=plan,
        segments=(),
        forward_s=300.0,
        backward_s=60.0,
        forward_m=forward_m,
        backward_m=backward_m,
    )


def cell_text(model: HistoryTableModel) -> str:
    return str(model.data(model.index(0, DISTANCE)))


def test_the_table_shows_belt_distance_in_miles_when_the_unit_is_mph() -> None:
    model = HistoryTableModel(units=Units.MPH)
    model.set_records([walked(1000.0, 609.344)])  # 1.609344 km: one mile
    assert cell_text(model) == "1.00 mi"


def test_changing_the_unit_changes_the_shown_distance_and_tells_the_views() -> None:
    model = HistoryTableModel()
    model.set_records([walked(1200.0, 300.0)])
    assert cell_text(model) == "1.50 km"
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda first, last: changed.append((first.column(), last.column())))
    model.set_units(Units.MPH)
    assert cell_text(model) == "0.93 mi"
    assert changed == [(DISTANCE, DISTANCE)]
    assert model.units is Units.MPH


def test_an_unknown_distance_stays_a_dash_in_either_unit() -> None:
    model = HistoryTableModel(units=Units.MPH)
    model.set_records([walked(None, 300.0)])
    assert cell_text(model) == "-"


def test_the_weekly_tooltip_gives_miles_when_the_unit_is_mph(qtbot: QtBot) -> None:
    chart = WeeklyChart()
    qtbot.addWidget(chart)
    chart.units = Units.MPH
    totals = Totals(1, 600.0, 300.0, distance_m=3218.688, with_distance=1)
    chart.show_weeks([WeekTotals(date(2026, 11, 16), totals)])
    assert "2.00 mi on the belt" in chart.tip(0)
    assert " km" not in chart.tip(0).split("(")[0]
