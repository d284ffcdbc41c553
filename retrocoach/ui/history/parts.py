"""The History page's widgets as built: the sessions table, the chart's splitter, its labels."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QWidget,
)

__all__ = [
    "EMPTY_TEXT",
    "ROWS_KEPT",
    "ROWS_LEAST",
    "ChartSplitter",
    "FittedPage",
    "MessageLabel",
    "chart_splitter",
    "named_label",
    "session_table",
]

EMPTY_TEXT: Final = (
    "No sessions yet.\n\nWhen you finish or stop a session it is kept here, with your minutes "
    "facing each way, your streak and a chart of the last weeks."
)
"""What the page says before the first session is kept."""

ROWS_KEPT: Final = 5
ROWS_LEAST: Final = 3
"""The rows the table shows however short the window: the History page scrolls to keep them."""
"""Rows of the sessions table kept in sight: on a short page the chart goes beside the table."""

# Widths in characters, so the table never measures 10,000 rows to size its columns.
_WIDTHS: Final = (17, 18, 8, 10, 14, 9, 24, 11)


def session_table(parent: QWidget, model: QAbstractItemModel) -> QTableView:
    """The sessions, one a row, newest first, sortable, one row selected at a time."""
    table = QTableView(parent)
    table.setObjectName("history_table")
    table.setAccessibleName("Sessions")
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    # Several walks can be chosen at once for a FIT export; a note or a delete needs one.
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    # Whole rows are chosen, with the arrows: Tab leaves the table (it went from cell to cell,
    # and the focus never reached the buttons beyond it).
    table.setTabKeyNavigation(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    # A line of text and a little air: the style's 30 px rows showed three walks at scale 2
    # on a 1366x768 screen.
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() * 3 // 2)
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    char = table.fontMetrics().horizontalAdvance("0")
    for column, width in enumerate(_WIDTHS):
        header.resizeSection(column, width * char)
    header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)  # newest first
    table.setSortingEnabled(True)
    return table


class ChartSplitter(QSplitter):
    """The chart above the table; beside it when the page is too short for both one above the
    other (scale 2, a small screen), so the table keeps ROWS_KEPT rows and the chart its labels.
    """

    def __init__(
        self, parent: QWidget, chart: QWidget, table: QTableView, fold: QPushButton | None = None
    ) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setObjectName("history_splitter")
        self._chart, self._table, self._fold = chart, table, fold
        self.addWidget(chart)
        self.addWidget(table)
        self.setCollapsible(0, True)
        self.setCollapsible(1, False)
        self.setStretchFactor(0, 2)
        self.setStretchFactor(1, 3)
        # Two parts chart to three parts table to begin with: the table's own size hint would
        # otherwise squeeze the chart until its labels are cut.
        self.setSizes([2000, 3000])
        self._folded_for_room = False

    def rows_height(self, rows: int = ROWS_KEPT) -> int:
        """The height the table needs to show *rows* rows, its header and scroll bar."""
        table = self._table
        return (
            rows * table.verticalHeader().defaultSectionSize()
            + table.horizontalHeader().sizeHint().height()
            + table.horizontalScrollBar().sizeHint().height()
            + 2 * table.frameWidth()
        )

    @property
    def folded_for_room(self) -> bool:
        """Whether the chart is folded away because even beside the table it has no room."""
        return self._folded_for_room

    def _chart_height(self) -> int:
        return max(self._chart.minimumSizeHint().height(), self._chart.minimumHeight())

    def _fold_for_room(self, height: int) -> None:
        """Fold the chart away while the page is shorter than the chart's least height (scale 2
        on a small screen: it overlapped the buttons under it and the table kept three rows),
        and bring it back when there is room again; a chart folded by its button stays so."""
        chart = self._chart_height()
        if self._folded_for_room and height >= chart + chart // 4:
            self._folded_for_room = False
            self._chart.show()
        elif not self._folded_for_room and self._chart.isVisibleTo(self) and height < chart:
            self._folded_for_room = True
            self._chart.hide()
        else:
            return
        if self._fold is not None:  # its Hide/Show would mean nothing while there is no room
            self._fold.setEnabled(not self._folded_for_room)
            self._fold.setToolTip(
                "No room for the chart in a window this short: it comes back with the room"
                if self._folded_for_room
                else "Fold the chart away to see more rows"
            )

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802  (Qt's name)
        self._fold_for_room(event.size().height())
        chart = self._chart_height()
        short = event.size().height() < self.rows_height() + chart + self.handleWidth()
        wanted = Qt.Orientation.Horizontal if short else Qt.Orientation.Vertical
        if wanted != self.orientation():
            self.setOrientation(wanted)
            # Beside the table the chart takes half the width: its weeks need it, and the table
            # scrolls sideways anyway; above it, two fifths of the height.
            self.setSizes([1000, 1000] if short else [2000, 3000])
        super().resizeEvent(event)


class FittedPage(QScrollArea):
    """Holds the page's content at the page's height, or taller when the content needs more
    (*needed* gives its least height for a width): then, and only then, the page scrolls.

    On a 1024x600 screen at scale 2 the figures, the table and its buttons had 130 px between
    them, and the table showed a row and a half; it now keeps ROWS_LEAST rows. A plain scroll
    area would not do: it gives a content whose lines wrap its preferred height, and the chart
    would never fold for room.
    """

    def __init__(self, parent: QWidget, content: QWidget, needed: Callable[[int], int]) -> None:
        super().__init__(parent)
        self._needed = needed
        self.setWidgetResizable(False)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab brings the table and buttons into view
        self.setWidget(content)
        content.installEventFilter(self)

    # The content's wishes, as if it were in the page's place: the page asks for the room it
    # asked for before it could scroll (a stacked page counts only a height for its width).
    def sizeHint(self) -> QSize:  # noqa: N802  (Qt's name)
        content = self.widget()
        return content.sizeHint() if content is not None else super().sizeHint()

    def hasHeightForWidth(self) -> bool:  # noqa: N802  (Qt's name)
        content = self.widget()
        return content is not None and content.hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:  # noqa: N802  (Qt's name)
        content = self.widget()
        return content.heightForWidth(width) if content is not None else -1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802  (Qt's name)
        if watched is self.widget() and event.type() is QEvent.Type.LayoutRequest:
            self._fit()
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802  (Qt's name)
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        content = self.widget()
        if content is None:
            return
        width, height = self.width(), self.height()
        if self._needed(width) <= height:
            size = (width, height)  # it fits: no scroll bar
        else:  # narrower by the scroll bar, and as tall as it then needs
            narrow = width - self.verticalScrollBar().sizeHint().width()
            size = (narrow, max(height, self._needed(narrow)))
        if content.size().toTuple() != size:
            content.resize(*size)


def chart_splitter(
    parent: QWidget, chart: QWidget, table: QTableView, fold: QPushButton | None = None
) -> ChartSplitter:
    """The chart above the table, sharing the height; the chart folds away, the table never.
    *fold*: the button that folds the chart, disabled while the chart has no room at all."""
    return ChartSplitter(parent, chart, table, fold)


class MessageLabel(QLabel):
    """The page's one-line message: out of the layout while it has nothing to say (its empty
    line and spacing took a row's height from the table on a short page)."""

    def __init__(self, parent: QWidget, name: str, accessible: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def setText(self, text: str) -> None:  # noqa: N802  (Qt's name)
        super().setText(text)
        self.setVisible(bool(text))


def named_label(parent: QWidget, name: str, accessible: str) -> QLabel:
    """A word-wrapped label with an object name and an accessible name."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setAccessibleName(accessible)
    label.setWordWrap(True)
    return label
