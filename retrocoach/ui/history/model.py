"""The history as a table model: one row per session, sorted in Python by a key per column."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, tzinfo
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from retrocoach.core.clock import shown_time
from retrocoach.core.durations import format_walked
from retrocoach.core.figures.effort import EFFORT_HINT
from retrocoach.core.figures.estimate_words import ESTIMATE_NOTE, record_estimates
from retrocoach.core.history.records import MAX_EFFORT, Outcome, SessionRecord
from retrocoach.core.speeds import Units

__all__ = ["COLUMNS", "RECORD_ROLE", "SORT_ROLE", "HistorySortProxy", "HistoryTableModel"]

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE: Final = Qt.ItemDataRole.UserRole + 1
"""The raw value a column sorts by."""
RECORD_ROLE: Final = Qt.ItemDataRole.UserRole + 2
"""The row's SessionRecord."""
COLUMNS: Final = (
    "Date",
    "Plan",
    "Walked",
    "Backward",
    "Outcome",
    "Effort",
    "Note",
    "Belt (est.)",
    "Energy (est.)",
)
_TIPS: Final = (
    "When the session started, in your time zone",
    "The plan walked",
    "Walking time, forward and backward together",
    "Minutes walked backward",
    "Completed, stopped early, or cut short (a crash or power cut)",
    EFFORT_HINT,
    "Your note from the check-in; double-click a row to edit it",
    f"Belt distance, both ways: an estimate. {ESTIMATE_NOTE}",
    f"Energy, when a body mass is set: an estimate. {ESTIMATE_NOTE}",
)
_OUTCOMES: Final = {
    Outcome.COMPLETED: "Completed",
    Outcome.STOPPED: "Stopped early",
    Outcome.INTERRUPTED: "Cut short",
}
_NUMERIC: Final = frozenset({2, 3, 5, 7, 8})
_DISTANCE: Final = 7
"""The column whose text depends on the unit setting."""
# The sort key of each column. The start time breaks ties, so equal rows keep a stable order.
_KEYS: Final[Sequence[Callable[[SessionRecord], Any]]] = (
    lambda r: r.started_at,
    lambda r: (r.plan.name.casefold(), r.started_at),
    lambda r: (r.walking_s, r.started_at),
    lambda r: (r.backward_s, r.started_at),
    lambda r: (r.outcome.value, r.started_at),
    lambda r: (-1 if r.effort is None else r.effort, r.started_at),
    lambda r: ((r.notes or "").casefold(), r.started_at),
    lambda r: (-1.0 if _distance(r) is None else _distance(r), r.started_at),
    lambda r: (-1.0 if r.energy_kcal_est is None else r.energy_kcal_est, r.started_at),
)


def _distance(record: SessionRecord) -> float | None:
    forward, backward = record.forward_m, record.backward_m
    return None if forward is None or backward is None else forward + backward


def _one_line(text: str) -> str:
    # Hand-edited names and multi-line notes would break a table row's single line.
    return " ".join(text.split())


# The text of each column but the date and the distance, which need the view's time zone and
# units.
_TEXTS: Final[Sequence[Callable[[SessionRecord], str]]] = (
    lambda r: "",
    lambda r: _one_line(r.plan.name),
    lambda r: format_walked(r.forward_s, r.backward_s)[0],  # as the summary rounds it
    lambda r: format_walked(r.forward_s, r.backward_s)[2],
    lambda r: _OUTCOMES[r.outcome],
    lambda r: "" if r.effort is None else f"{r.effort} of {MAX_EFFORT}",
    lambda r: _one_line(r.notes or ""),
    lambda r: "",
    lambda r: record_estimates(r)[1],
)


class HistoryTableModel(QAbstractTableModel):
    """Sessions as rows; display text is made only for the rows the view asks for."""

    def __init__(
        self, tz: tzinfo | None = None, parent: QObject | None = None, units: Units = Units.KMH
    ) -> None:
        super().__init__(parent)
        self._tz = tz
        self._units = units
        self._rows: list[SessionRecord] = []
        self._sort: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.DescendingOrder)

    @property
    def units(self) -> Units:
        """The unit distances are shown in: km with km/h, miles with mph."""
        return self._units

    def set_units(self, units: Units) -> None:
        """Show distances in *units*' length from now on (the unit setting changed)."""
        if units is self._units:
            return
        self._units = units
        if self._rows:
            last = len(self._rows) - 1
            self.dataChanged.emit(self.index(0, _DISTANCE), self.index(last, _DISTANCE))

    # -- the records ---------------------------------------------------------------------------

    def set_records(self, records: Iterable[SessionRecord]) -> None:
        """Show *records*, in the current sort order."""
        self.beginResetModel()
        self._rows = self._sorted(records)
        self.endResetModel()

    def records(self) -> tuple[SessionRecord, ...]:
        """Every row's record, in the order shown."""
        return tuple(self._rows)

    def record(self, row: int) -> SessionRecord:
        """The record on *row*."""
        return self._rows[row]

    def row_of(self, record_id: str) -> int:
        """The row showing the session *record_id*, or -1."""
        return next((n for n, r in enumerate(self._rows) if r.id == record_id), -1)

    def replace(self, record: SessionRecord) -> None:
        """Show *record* in place of the row with its id (a changed note)."""
        row = self.row_of(record.id)
        if row >= 0:
            self._rows[row] = record
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def remove(self, record_id: str) -> None:
        """Drop the row of *record_id*."""
        row = self.row_of(record_id)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def insert(self, record: SessionRecord) -> None:
        """Add *record* where the current sort puts it."""
        column, order = self._sort
        key = _KEYS[column](record)
        descending = order == Qt.SortOrder.DescendingOrder
        row = next(
            (
                n
                for n, r in enumerate(self._rows)
                if (_KEYS[column](r) < key if descending else key < _KEYS[column](r))
            ),
            len(self._rows),
        )
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, record)
        self.endInsertRows()

    def sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        """Re-order the rows by *column*, keeping the views' selections on the same sessions."""
        if not 0 <= column < len(COLUMNS):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._rows[index.row()].id for index in before]
        self._rows = self._sorted(self._rows)
        rows = {record.id: n for n, record in enumerate(self._rows)}
        after = [self.index(rows[i], index.column()) for i, index in zip(ids, before, strict=True)]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _sorted(self, records: Iterable[SessionRecord]) -> list[SessionRecord]:
        column, order = self._sort
        descending = order == Qt.SortOrder.DescendingOrder
        return sorted(records, key=_KEYS[column], reverse=descending)

    # -- QAbstractTableModel -------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802  # Qt's API
        """Sessions shown; a table has no children."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802  # Qt's API
        """The columns of COLUMNS."""
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Text, alignment, tooltips, sort keys and the record itself for each cell."""
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        column = index.column()
        value: object = None
        if role == Qt.ItemDataRole.DisplayRole:
            value = self._text(record, column)
        elif role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMERIC:
            value = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        elif role == Qt.ItemDataRole.ToolTipRole and column == 6 and record.notes:
            value = record.notes
        elif role == SORT_ROLE:
            key = _KEYS[column](record)
            first = key[0] if isinstance(key, tuple) else key
            value = first.timestamp() if isinstance(first, datetime) else first
        elif role == RECORD_ROLE:
            value = record
        return value

    def headerData(  # noqa: N802  # Qt's API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Column titles and their tooltips."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return _TIPS[section]
        return None

    def _text(self, record: SessionRecord, column: int) -> str:
        if column == 0:
            return shown_time(record.started_at, self._tz)
        if column == _DISTANCE:
            return record_estimates(record, self._units)[0]
        return _TEXTS[column](record)


class HistorySortProxy(QSortFilterProxyModel):
    """Sorts by asking the model to sort itself.

    Qt's own proxy sort calls data() from C++ for every comparison, which is far too slow for a
    long history; the model sorts the same rows with Python key functions instead (figures in
    benchmarks/README.md, history view).
    """

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the source model's rows; the proxy itself passes them through in that order."""
        source = self.sourceModel()
        if isinstance(source, HistoryTableModel):
            source.sort_rows(column, order)
