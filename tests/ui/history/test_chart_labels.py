"""The weekly chart's week labels on a narrow chart, and the History page on a short one: the
labels are never all cut to '...', and the table keeps five rows in sight."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QPushButton, QTableView, QWidget
from pytestqt.qtbot import QtBot

from retrocoach.core.figures.stats import Totals, WeekTotals
from retrocoach.ui.history.chart import CHART_WEEKS, WeeklyChart
from retrocoach.ui.history.parts import ROWS_KEPT, ChartSplitter, MessageLabel


def _weeks() -> list[WeekTotals]:
    # Mondays from 5 January: Feb 2 and Mar 2 share their day, so do Feb 9 and Mar 9.
    first = date(2026, 1, 5)
    return [
        WeekTotals(first + timedelta(weeks=n), Totals(1, 600.0, 300.0)) for n in range(CHART_WEEKS)
    ]


def _fits(chart: WeeklyChart) -> bool:
    """Whether every drawn week label is narrower than its week's share of the plot."""
    metrics = QFontMetrics(chart.chart().axes()[0].labelsFont())
    share = chart.chart().plotArea().width() / CHART_WEEKS
    return all(metrics.horizontalAdvance(label) < share for label in chart.axis_labels())


def test_a_wide_chart_names_each_monday_and_a_narrow_one_its_day_under_the_months(
    qtbot: QtBot,
) -> None:
    chart = WeeklyChart()
    qtbot.addWidget(chart)
    chart.show_weeks(_weeks())
    chart.resize(1400, 400)
    chart.show()
    qtbot.waitUntil(lambda: chart.axis_labels()[0] == "Jan 05")
    assert chart.axis_title() == ""
    assert chart.categories()[-1] == "Mar 23"
    assert _fits(chart)
    chart.resize(420, 300)
    qtbot.waitUntil(lambda: chart.axis_labels()[0] == "5")
    assert chart.axis_labels() == [str(day) for day in (5, 12, 19, 26, 2, 9, 16, 23, 2, 9, 16, 23)]
    assert chart.axis_title() == "Weeks from Jan 05 to Mar 23"
    assert chart.categories()[0] == "Jan 05", "the weeks themselves keep their dates"
    assert _fits(chart)
    chart.resize(1400, 400)
    qtbot.waitUntil(lambda: chart.axis_labels()[0] == "Jan 05")


def test_a_short_page_puts_the_chart_beside_the_table_which_keeps_its_rows(
    qtbot: QtBot,
) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    table = QTableView(page)
    table.verticalHeader().setDefaultSectionSize(30)
    chart = QLabel("a chart", page)
    chart.setMinimumHeight(160)  # as the weekly chart's
    splitter = ChartSplitter(page, chart, table)
    splitter.resize(900, 700)
    page.show()
    qtbot.waitUntil(lambda: splitter.orientation() is Qt.Orientation.Vertical)
    splitter.resize(900, splitter.rows_height() + 100)
    qtbot.waitUntil(lambda: splitter.orientation() is Qt.Orientation.Horizontal)
    assert table.height() >= splitter.rows_height()
    assert table.viewport().height() // 30 >= ROWS_KEPT
    splitter.resize(900, 700)
    qtbot.waitUntil(lambda: splitter.orientation() is Qt.Orientation.Vertical)


def test_a_page_shorter_than_the_chart_folds_it_away_and_brings_it_back_with_the_room(
    qtbot: QtBot,
) -> None:
    """Scale 2 on a 1366x768 screen: beside the table the chart still needed more height than
    the page had, overlapped the buttons under it and left the table three rows."""
    page = QWidget()
    qtbot.addWidget(page)
    table = QTableView(page)
    chart = QLabel("a chart", page)
    chart.setMinimumHeight(160)
    fold = QPushButton("Hide chart", page)
    splitter = ChartSplitter(page, chart, table, fold)
    splitter.resize(900, 700)
    page.show()
    qtbot.waitUntil(chart.isVisible)
    splitter.resize(900, 120)
    qtbot.waitUntil(lambda: splitter.folded_for_room)
    assert not chart.isVisible()
    assert not fold.isEnabled(), "Hide/Show means nothing while there is no room"
    splitter.resize(900, 170)  # a little more room is not yet enough to bring it back
    qtbot.wait_until(lambda: splitter.height() == 170)
    assert splitter.folded_for_room
    splitter.resize(900, 400)
    qtbot.waitUntil(chart.isVisible)
    assert fold.isEnabled()
    assert not splitter.folded_for_room


def test_a_chart_folded_by_its_button_stays_folded_whatever_the_room(qtbot: QtBot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    chart = QLabel("a chart", page)
    chart.setMinimumHeight(160)
    splitter = ChartSplitter(page, chart, QTableView(page), QPushButton("Hide chart", page))
    splitter.resize(900, 700)
    page.show()
    chart.hide()  # the walker's choice
    splitter.resize(900, 120)
    qtbot.wait_until(lambda: splitter.height() == 120)
    splitter.resize(900, 600)
    qtbot.wait_until(lambda: splitter.height() == 600)
    assert not chart.isVisible()
    assert not splitter.folded_for_room


def test_the_message_line_takes_no_room_until_it_has_something_to_say(qtbot: QtBot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    line = MessageLabel(page, "history_banner", "History message")
    page.show()
    assert not line.isVisible()
    line.setText("The history could not be read")
    assert line.isVisible()
    line.setText("")
    assert not line.isVisible()
