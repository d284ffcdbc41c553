"""The History page's heart charts: a walk's trace over its segments, and weeks at one speed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, tzinfo
from typing import Final

from PySide6.QtCharts import QAreaSeries, QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QComboBox, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from retrocoach.core.clock import shown_time
from retrocoach.core.figures.heart import bands, common_speed, heart_weeks, speeds_with_heart
from retrocoach.core.history.records import SessionRecord
from retrocoach.core.segments import Direction
from retrocoach.core.speeds import Units, format_speed
from retrocoach.ui.history.chart import CHART_WEEKS, page_colours

__all__ = ["ChartChooser", "HeartWeeksChart", "TraceChart"]

_SHADE_ALPHA: Final = 60
"""The segments' shading stays pale: the trace drawn over it is what the walker reads."""
_NO_TRACE: Final = "Choose a walk made with a heart-rate strap to see its heart rate here."


def _new_chart(view: QChartView, name: str) -> QChart:
    chart = QChart()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundVisible(False)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    view.setChart(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setAccessibleName(name)
    view.setMinimumHeight(160)
    return chart


def _axes(chart: QChart, palette: QPalette, x_title: str) -> tuple[QValueAxis, QValueAxis]:
    text = palette.color(QPalette.ColorRole.WindowText)
    x, y = QValueAxis(), QValueAxis()
    x.setTitleText(x_title)
    y.setTitleText("Beats per minute")
    for axis in (x, y):
        axis.setLabelFormat("%d")
        axis.setLabelsColor(text)
        axis.setTitleBrush(QBrush(text))
        axis.setGridLineColor(palette.color(QPalette.ColorRole.Mid))
    chart.setTitleBrush(QBrush(text))
    chart.legend().setLabelColor(text)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    return x, y


def _clear(chart: QChart) -> None:
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)
        axis.deleteLater()  # removing hands the axis back, and nothing else holds it


class TraceChart(QChartView):
    """One walk's heart rate, its segments shaded by direction and its ceiling drawn."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._chart = _new_chart(self, "Heart-rate trace of the chosen walk")
        self.points: list[tuple[float, float]] = []
        """The trace drawn: (minutes since the start, bpm)."""
        self.shaded: list[Direction] = []
        """The direction of each shaded segment, in order."""
        self.show_walk(None)

    def show_walk(self, record: SessionRecord | None, tz: tzinfo | None = None) -> None:
        """Draw *record*'s trace; with no walk or no trace, say how to get one."""
        chart = self._chart
        _clear(chart)
        heart = None if record is None else record.heart_rate
        self.points = [] if heart is None else [(t / 60, bpm) for t, bpm in heart.trace]
        self.shaded = []
        if record is None or heart is None or not self.points:
            chart.setTitle(_NO_TRACE)
            self.setAccessibleDescription(_NO_TRACE)
            return
        palette = self.palette()
        x, y = _axes(chart, palette, "Minutes")
        top = max(bpm for _, bpm in self.points)
        if heart.ceiling_bpm is not None:
            top = max(top, heart.ceiling_bpm)
        top = float(-(-(top + 10) // 10) * 10)
        bottom = max(0.0, float(min(bpm for _, bpm in self.points) // 10 * 10 - 10))
        forward, backward = page_colours(palette)
        for band in bands(record):
            if band.direction is None or band.end_s <= band.start_s:
                continue
            colour = QColor(forward if band.direction is Direction.FORWARD else backward)
            colour.setAlpha(_SHADE_ALPHA)
            self._shade((band.start_s / 60, band.end_s / 60), (bottom, top), colour, (x, y))
            self.shaded.append(band.direction)
        line = QLineSeries()
        line.setName("Heart rate")
        line.append([QPointF(t, bpm) for t, bpm in self.points])
        line.setPen(QPen(palette.color(QPalette.ColorRole.WindowText), 2))
        self._attach(line, x, y)
        end = max(self.points[-1][0], (record.ended_at - record.started_at).total_seconds() / 60)
        if heart.ceiling_bpm is not None:
            ceiling = QLineSeries()
            ceiling.setName(f"Your ceiling, {heart.ceiling_bpm:g}")
            ceiling.append([QPointF(0, heart.ceiling_bpm), QPointF(end, heart.ceiling_bpm)])
            ceiling.setPen(
                QPen(palette.color(QPalette.ColorRole.WindowText), 1, Qt.PenStyle.DashLine)
            )
            self._attach(ceiling, x, y)
        x.setRange(0, max(end, 1.0))
        y.setRange(bottom, top)
        title = f"Heart rate of the walk of {shown_time(record.started_at, tz)}"
        chart.setTitle(title)
        self.setAccessibleDescription(
            f"{title}: average {heart.avg_bpm:g}, highest {heart.max_bpm:g}; shaded: "
            "blue forward, striped vermilion backward"
            if heart.avg_bpm is not None and heart.max_bpm is not None
            else title
        )

    def _shade(
        self,
        span: tuple[float, float],
        rows: tuple[float, float],
        colour: QColor,
        axes: tuple[QValueAxis, QValueAxis],
    ) -> None:
        (start, end), (low, high) = span, rows
        # The area does not own its bounds: parented to it, they live and die with it.
        area = QAreaSeries()
        upper, lower = QLineSeries(area), QLineSeries(area)
        upper.append([QPointF(start, high), QPointF(end, high)])
        lower.append([QPointF(start, low), QPointF(end, low)])
        area.setUpperSeries(upper)
        area.setLowerSeries(lower)
        area.setBrush(QBrush(colour))
        area.setPen(QPen(Qt.PenStyle.NoPen))
        self._attach(area, *axes)
        self._chart.legend().markers(area)[0].setVisible(False)

    def _attach(self, series: QLineSeries | QAreaSeries, x: QValueAxis, y: QValueAxis) -> None:
        self._chart.addSeries(series)
        series.attachAxis(x)
        series.attachAxis(y)


class HeartWeeksChart(QChartView):
    """Backward walking's average heart rate at one belt speed, week by week."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._chart = _new_chart(self, "Heart rate at one belt speed, by week")
        self.values: list[float | None] = []
        """Each week's average, oldest first (None: no such walking that week)."""

    def show_weeks(
        self, records: Sequence[SessionRecord], speed_kmh: float, today: date, units: Units,
        tz: tzinfo | None = None,
    ) -> None:  # fmt: skip
        """Draw the last weeks' heart rate walking backward at *speed_kmh*."""
        chart = self._chart
        _clear(chart)
        weeks = heart_weeks(records, speed_kmh, today, CHART_WEEKS, tz)
        self.values = [week.avg_bpm for week in weeks]
        x, y = _axes(chart, self.palette(), "Weeks ago")
        line = QLineSeries()
        line.setName("Average heart rate walking backward")
        line.setPointsVisible(True)
        line.setPen(QPen(page_colours(self.palette())[1], 2))
        for number, week in enumerate(weeks):
            if week.avg_bpm is not None:
                line.append(QPointF(number - (len(weeks) - 1), week.avg_bpm))
        chart.addSeries(line)
        line.attachAxis(x)
        line.attachAxis(y)
        known = [value for value in self.values if value is not None]
        x.setRange(-(len(weeks) - 1), 0)
        y.setRange(max(0.0, min(known, default=60) - 10), max(known, default=140) + 10)
        title = f"Heart rate walking backward at {format_speed(speed_kmh, units)}, by week"
        chart.setTitle(title)
        self.setAccessibleDescription(title)


class ChartChooser(QWidget):
    """A list of the charts above the chart chosen: minutes per week, the walk's, by speed."""

    def __init__(self, parent: QWidget, minutes: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("history_charts")
        self.choice = QComboBox(self)
        self.choice.setObjectName("history_chart_choice")
        self.choice.setAccessibleName("Chart")
        self.trace = TraceChart(self)
        self.by_week = HeartWeeksChart(self)
        self._stack = QStackedWidget(self)
        for page in (minutes, self.trace, self.by_week):
            self._stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.choice)
        layout.addWidget(self._stack, 1)
        self._records: Sequence[SessionRecord] = ()
        self._today = date.today()
        self._units = Units.KMH
        self._tz: tzinfo | None = None
        self.choice.currentIndexChanged.connect(self._on_choice_current_index_changed)
        self._fill(())

    def show_records(
        self, records: Sequence[SessionRecord], today: date, units: Units, tz: tzinfo | None
    ) -> None:
        """Offer heart rate by week at each backward speed walked with a strap."""
        self._records, self._today, self._units, self._tz = records, today, units, tz
        self._fill(speeds_with_heart(records))

    def fold(self, button: QPushButton) -> None:
        """Fold the charts away, or show them again; *button* says which it does next."""
        shown = not self.isVisible()
        self.setVisible(shown)
        button.setText("Hide cha&rt" if shown else "Show cha&rt")
        button.setAccessibleName("Hide the chart" if shown else "Show the chart")

    def show_walk(self, record: SessionRecord | None) -> None:
        """The walk whose trace the trace chart draws."""
        self.trace.show_walk(record, self._tz)

    def _fill(self, speeds: Sequence[float]) -> None:
        kept = self.choice.currentData()
        self.choice.blockSignals(True)
        self.choice.clear()
        self.choice.addItem("Minutes walked per week", "minutes")
        self.choice.addItem("Heart rate of the chosen walk", "trace")
        for speed in speeds:
            shown = format_speed(speed, self._units)
            self.choice.addItem(f"Heart rate walking backward at {shown}, by week", speed)
        index = self.choice.findData(kept)
        if index < 0 and isinstance(kept, float):  # that speed is gone: the commonest instead
            index = self.choice.findData(common_speed(self._records))
        self.choice.setCurrentIndex(max(0, index))
        self.choice.blockSignals(False)
        self._on_choice_current_index_changed(self.choice.currentIndex())

    def _on_choice_current_index_changed(self, index: int) -> None:
        data = self.choice.itemData(index)
        if isinstance(data, float):
            self.by_week.show_weeks(self._records, data, self._today, self._units, self._tz)
            self._stack.setCurrentWidget(self.by_week)
        else:
            self._stack.setCurrentIndex(1 if data == "trace" else 0)
