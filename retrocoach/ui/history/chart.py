"""The weekly chart: forward and backward minutes per week, stacked, for the last weeks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPainter
from PySide6.QtWidgets import QWidget

from retrocoach.core.stats import WeekTotals

__all__ = ["CHART_WEEKS", "WeeklyChart"]

CHART_WEEKS: Final = 12
# Okabe-Ito blue and orange: told apart with every common colour-vision deficiency, and
# readable on light and dark backgrounds. Backward is also hatched, so colour is not the only
# difference, and the legend names both.
_FORWARD: Final = QColor("#0072B2")
_BACKWARD: Final = QColor("#E69F00")


class WeeklyChart(QChartView):
    """A stacked bar per week; show_weeks() replaces the values, the chart itself is kept."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.forward_set = QBarSet("Forward")
        self.forward_set.setColor(_FORWARD)
        self.backward_set = QBarSet("Backward")
        backward_brush = QBrush(_BACKWARD, Qt.BrushStyle.Dense3Pattern)
        self.backward_set.setBrush(backward_brush)
        self.backward_set.setBorderColor(_BACKWARD.darker(150))
        self._series = QStackedBarSeries()
        self._series.append(self.forward_set)
        self._series.append(self.backward_set)
        self._weeks_axis = QBarCategoryAxis()
        self._minutes_axis = QValueAxis()
        self._minutes_axis.setTitleText("Minutes")
        self._minutes_axis.setLabelFormat("%d")
        self._minutes_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        self._minutes_axis.setTickAnchor(0)
        chart = QChart()
        chart.addSeries(self._series)
        chart.addAxis(self._weeks_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self._minutes_axis, Qt.AlignmentFlag.AlignLeft)
        self._series.attachAxis(self._weeks_axis)
        self._series.attachAxis(self._minutes_axis)
        chart.setTitle(f"Minutes walked per week, last {CHART_WEEKS} weeks")
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setBackgroundVisible(False)  # follow the window's light or dark palette
        self.setChart(chart)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAccessibleName("Weekly minutes chart")
        self.setMinimumHeight(220)
        self._weeks: tuple[WeekTotals, ...] = ()

    @property
    def weeks(self) -> tuple[WeekTotals, ...]:
        """The weeks shown, oldest first."""
        return self._weeks

    def categories(self) -> list[str]:
        """The week labels under the bars."""
        return list(self._weeks_axis.categories())

    def show_weeks(self, weeks: Sequence[WeekTotals]) -> None:
        """Show one bar per week, oldest on the left."""
        self._weeks = tuple(weeks)
        forward = [week.totals.forward_s / 60 for week in self._weeks]
        backward = [week.totals.backward_s / 60 for week in self._weeks]
        for bar_set, values in ((self.forward_set, forward), (self.backward_set, backward)):
            if bar_set.count():
                bar_set.remove(0, bar_set.count())
            bar_set.append(values)
        self._weeks_axis.clear()
        self._weeks_axis.append([f"{week.monday:%b %d}" for week in self._weeks])
        tallest = max((f + b for f, b in zip(forward, backward, strict=True)), default=0.0)
        top = _nice_top(tallest)
        self._minutes_axis.setRange(0, top)
        # Whole-minute ticks at a round interval: a fixed tick count gave 2.5 shown as "2".
        self._minutes_axis.setTickInterval(_tick_interval(top))
        total = sum(forward) + sum(backward)
        self.setAccessibleDescription(
            f"{len(self._weeks)} weeks, {total:.0f} minutes in all, "
            f"{sum(backward):.0f} of them backward"
        )


def _tick_interval(top: float) -> float:
    """The smallest round interval that puts at most six steps between 0 and *top*."""
    return next(
        (step for step in (1, 2, 5, 10, 15, 30, 60, 120, 300, 600) if top / step <= 6),
        float(-(-top // 6)),
    )


def _nice_top(tallest: float) -> float:
    """A round top for the minutes axis: the next multiple of 10, 30 or 60 above the tallest."""
    for step in (10, 30, 60, 120, 300):
        if tallest <= step * 6:
            return max(step, step * -(-tallest // step))
    return float(-(-tallest // 600) * 600)
