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
from PySide6.QtCore import QEvent, QMargins, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QCursor,
    QFontMetrics,
    QPainter,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QToolTip, QWidget

from retrocoach.core.durations import format_total
from retrocoach.core.figures.estimate_words import week_tip
from retrocoach.core.figures.stats import WeekTotals
from retrocoach.core.speeds import Units
from retrocoach.ui.coach.look import PAGE_COLOURS, PAGE_PATTERNS, Pattern

__all__ = ["CHART_WEEKS", "WeeklyChart", "page_colours"]

CHART_WEEKS: Final = 12
# The coach's own colours and patterns (blue plain, vermilion striped), in the shade that
# keeps 4.5:1 against the page in a light or a dark theme; the legend names both.
_BRUSH_STYLES: Final = {
    Pattern.SOLID: Qt.BrushStyle.SolidPattern,
    Pattern.STRIPES: Qt.BrushStyle.BDiagPattern,
    Pattern.DOTS: Qt.BrushStyle.Dense5Pattern,
    Pattern.BARS: Qt.BrushStyle.HorPattern,
    Pattern.CHECKS: Qt.BrushStyle.CrossPattern,
}


def page_colours(palette: QPalette) -> tuple[QColor, QColor]:
    """Forward's and backward's colours on a page of *palette* (light or dark)."""
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    forward, backward = PAGE_COLOURS["dark" if dark else "light"]
    return QColor(forward), QColor(backward)


class WeeklyChart(QChartView):
    """A stacked bar per week; show_weeks() replaces the values, the chart itself is kept."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.forward_set = QBarSet("Forward")
        self.backward_set = QBarSet("Backward")
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
        self._title = f"Minutes walked per week, last {CHART_WEEKS} weeks"
        chart.setTitle(self._title)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setBackgroundVisible(False)  # follow the window's light or dark palette
        chart.setMargins(QMargins(4, 4, 4, 4))  # the room is the labels' on a short chart
        chart.layout().setContentsMargins(0, 0, 0, 0)
        self.setChart(chart)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAccessibleName("Weekly minutes chart")
        self.setMinimumHeight(160)
        self._weeks: tuple[WeekTotals, ...] = ()
        self.units = Units.KMH
        """The unit the tooltips give distances in (km with km/h, miles with mph)."""
        self._series.hovered.connect(self._on_series_hovered)
        chart.plotAreaChanged.connect(lambda _area: self._fit_labels())
        self.follow_palette()

    def follow_palette(self) -> None:
        """Draw text, axes, grid and bars in the colours of the window's palette."""
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        grid = palette.color(QPalette.ColorRole.Mid)
        chart = self.chart()
        chart.setTitleBrush(QBrush(text))
        chart.legend().setLabelColor(text)
        for axis in (self._weeks_axis, self._minutes_axis):
            axis.setLabelsColor(text)
            axis.setTitleBrush(QBrush(text))
            axis.setLinePen(QPen(text, 1))
            axis.setGridLineColor(grid)
        for bar_set, colour, pattern in zip(
            (self.forward_set, self.backward_set),
            page_colours(palette),
            PAGE_PATTERNS,
            strict=True,
        ):
            style = _BRUSH_STYLES[pattern]
            # A patterned bar keeps a pale fill behind its pattern, framed in its colour.
            if style is Qt.BrushStyle.SolidPattern:
                bar_set.setBrush(QBrush(colour))
            else:
                bar_set.setBrush(QBrush(colour, style))
            bar_set.setBorderColor(colour)
            bar_set.setLabelColor(text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802  (Qt's name)
        if event.type() is QEvent.Type.PaletteChange:
            self.follow_palette()
        super().changeEvent(event)

    def tip(self, index: int) -> str:
        """The tooltip of the bar of week *index* (oldest first): minutes and estimates."""
        return week_tip(self._weeks[index], self.units) if 0 <= index < len(self._weeks) else ""

    def _on_series_hovered(self, status: bool, index: int, _bar_set: QBarSet) -> None:
        if status:
            QToolTip.showText(QCursor.pos(), self.tip(index), self)
        else:
            QToolTip.hideText()

    @property
    def weeks(self) -> tuple[WeekTotals, ...]:
        """The weeks shown, oldest first."""
        return self._weeks

    def categories(self) -> list[str]:
        """The weeks under the bars, each by its Monday's date ("Nov 16")."""
        return [f"{week.monday:%b %d}" for week in self._weeks]

    def axis_labels(self) -> list[str]:
        """The week labels as drawn: the Mondays' dates, or on a narrow chart their days alone
        (the months then in the axis title, axis_title)."""
        return [label.replace(_UNSEEN, "") for label in self._weeks_axis.categories()]

    def axis_title(self) -> str:
        """The weeks axis's title: empty, or the months a narrow chart's days fall in."""
        return self._weeks_axis.titleText()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802  (Qt's name)
        super().resizeEvent(event)
        self._fit_labels()

    def _fit_labels(self) -> None:
        """Label each week by its Monday's day alone where a week's bar is narrower than
        "Nov 30" (the months then in the axis title), and drop the title on a short chart (the
        list above it names the chart): at scale 2 every label was cut to '...', and Qt cuts a
        label to its own week's width, upright or not."""
        chart = self.chart()
        line = QFontMetrics(chart.titleFont()).height()
        chart.setTitle(self._title if self.height() >= _TITLE_LINES * line else "")
        mondays = [week.monday for week in self._weeks]
        if not mondays:
            return
        long = self.categories()
        metrics = QFontMetrics(self._weeks_axis.labelsFont())
        # The plot's own width once laid out (the axis and margins take the rest), else a guess.
        laid = int(chart.plotArea().width())
        plot = laid if laid > 0 else self.width() - metrics.horizontalAdvance("8888") * 3
        need = max(metrics.horizontalAdvance(label) for label in long) + metrics.height() // 2
        # Decided on the plot's width with the minutes title, shown or not, so that dropping
        # it never makes room for the long labels that then take it back (no see-saw).
        title_room = QFontMetrics(self._minutes_axis.titleFont()).height() + _TITLE_GAP
        if not self._minutes_axis.titleText():
            plot -= title_room
        if need * len(long) <= plot:
            labels, title = long, ""
        else:  # categories must differ: a day met again carries zero-width spaces
            days = [monday.day for monday in mondays]
            labels = [f"{day}" + _UNSEEN * days[:at].count(day) for at, day in enumerate(days)]
            title = f"Weeks from {mondays[0]:%b %d} to {mondays[-1]:%b %d}"
        if labels != list(self._weeks_axis.categories()):
            self._weeks_axis.clear()
            self._weeks_axis.append(labels)
            self._weeks_axis.setTitleText(title)
            # The chart's name above it says minutes: a narrow chart gives the title's room
            # to the weeks.
            self._minutes_axis.setTitleText("" if title else "Minutes")

    def show_weeks(self, weeks: Sequence[WeekTotals]) -> None:
        """Show one bar per week, oldest on the left."""
        self._weeks = tuple(weeks)
        forward = [week.totals.forward_s / 60 for week in self._weeks]
        backward = [week.totals.backward_s / 60 for week in self._weeks]
        for bar_set, values in ((self.forward_set, forward), (self.backward_set, backward)):
            if bar_set.count():
                bar_set.remove(0, bar_set.count())
            bar_set.append(values)
        self._fit_labels()
        tallest = max((f + b for f, b in zip(forward, backward, strict=True)), default=0.0)
        top = _nice_top(tallest)
        self._minutes_axis.setRange(0, top)
        # Whole-minute ticks at a round interval: a fixed tick count gave 2.5 shown as "2".
        self._minutes_axis.setTickInterval(_tick_interval(top))
        # Times read aloud in the one form every time takes (m:ss or h:mm:ss).
        walked = sum(week.totals.walking_s for week in self._weeks)
        back = sum(week.totals.backward_s for week in self._weeks)
        self.setAccessibleDescription(
            f"{len(self._weeks)} weeks, {format_total(walked)} walked in all, "
            f"{format_total(back)} of it backward"
        )


_UNSEEN: Final = "\u200b"
"""A zero-width space: tells apart two weeks whose Mondays share a day of the month."""
_TITLE_GAP: Final = 8
"""Pixels about the minutes axis's title, beside its line height."""
_TITLE_LINES: Final = 12
"""Lines of the title's height a chart needs to keep its title; shorter, the plot needs it."""

_MAX_STEPS = 4
"""Steps on the minutes axis: more, and a short chart (a small window) cuts its labels to '...'."""


def _tick_interval(top: float) -> float:
    """The smallest round interval that puts at most _MAX_STEPS steps between 0 and *top*."""
    return next(
        (step for step in (1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600) if top / step <= _MAX_STEPS),
        float(-(-top // _MAX_STEPS)),
    )


def _nice_top(tallest: float) -> float:
    """A round top for the minutes axis: the next multiple of 10, 30 or 60 above the tallest."""
    for step in (10, 30, 60, 120, 300):
        if tallest <= step * 6:
            return max(step, step * -(-tallest // step))
    return float(-(-tallest // 600) * 600)
