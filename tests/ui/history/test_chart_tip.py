"""The weekly chart's tooltip carries each week's minutes and its estimates."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from retrocoach.core.figures.stats import Totals, WeekTotals
from retrocoach.ui.history.chart import WeeklyChart


def test_each_bar_has_a_tooltip_with_the_weeks_estimates(qtbot: QtBot) -> None:
    chart = WeeklyChart()
    qtbot.addWidget(chart)
    weeks = [
        WeekTotals(date(2026, 11, 9), Totals()),
        WeekTotals(
            date(2026, 11, 16),
            Totals(2, 1200.0, 600.0, distance_m=2500.0, with_distance=2, energy_kcal=150.0,
                   with_energy=1),
        ),
    ]  # fmt: skip
    chart.show_weeks(weeks)
    assert "Estimated" not in chart.tip(0)
    tip = chart.tip(1)
    assert tip.startswith("Week of 16 Nov 2026: 20:00 forward, 10:00 backward")
    assert "2.50 km on the belt (all 2 sessions), about 150 kcal (1 of 2 sessions)" in tip
    assert "estimates" in tip.splitlines()[1]
    assert chart.tip(5) == ""
