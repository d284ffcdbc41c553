"""The history view: a sortable table of sessions, totals, streak, weekly chart, notes, export."""

from __future__ import annotations

import operator
from collections.abc import Callable
from datetime import date, datetime, tzinfo
from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from retrocoach.core.clock import shown_time
from retrocoach.core.errors import StorageError
from retrocoach.core.figures.history_figures import figures
from retrocoach.core.history.records import MAX_NOTES_CHARS, RecordError, SessionRecord
from retrocoach.core.history.store import HistoryStore, UnknownSessionError
from retrocoach.core.storage.document import FileState
from retrocoach.ui.buttons import mnemonic_button
from retrocoach.ui.dialogs.prompts import DialogPrompts, Prompts
from retrocoach.ui.flow_row import FlowRow
from retrocoach.ui.history import parts
from retrocoach.ui.history.chart import CHART_WEEKS, WeeklyChart
from retrocoach.ui.history.exports import HistoryExports
from retrocoach.ui.history.heart_chart import ChartChooser
from retrocoach.ui.history.model import RECORD_ROLE, HistorySortProxy, HistoryTableModel

__all__ = ["HistoryView"]

_CHANGE_ERRORS: Final = (StorageError, RecordError)
_STARTED: Final = operator.attrgetter("started_at")


class HistoryView(QWidget):
    """Review past sessions. Reads the history when first shown; refresh() reads it again."""

    history_changed = Signal()
    """A note was saved, or a session deleted or restored, in history.json."""

    def __init__(
        self,
        store: HistoryStore,
        parent: QWidget | None = None,
        *,
        prompts: Prompts | None = None,
        today: Callable[[], date] | None = None,
        tz: tzinfo | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._prompts: Prompts = prompts or DialogPrompts()
        self._tz = tz
        self._today = today or (lambda: datetime.now(tz).date())
        self._loaded = False
        self._read_only = False
        self._deleted: list[SessionRecord] = []
        """Deleted sessions, the last one on top, for undo."""
        self.model = HistoryTableModel(tz, self)
        self._proxy = HistorySortProxy(self)
        self._proxy.setSourceModel(self.model)
        self._build()
        self._connect_signals()

    # -- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        self._empty = QLabel("Reading the history...", self)
        self._empty.setObjectName("history_empty")
        self._empty.setWordWrap(True)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._totals = parts.named_label(self, "history_totals", "Totals")
        self._week = parts.named_label(self, "history_week", "This week's backward minutes")
        self._streak = parts.named_label(self, "history_streak", "Streak")
        self.chart = WeeklyChart(self)
        self.charts = ChartChooser(self, self.chart)
        self.table = parts.session_table(self, self._proxy)
        self._note = self._button(
            "note", "Edit &note...", "Change the selected session's note and effort"
        )
        self._delete = self._button("delete", "&Delete session", "Delete the selected session")
        self._undo = self._button("undo", "&Undo delete", "Bring back the last deleted session")
        self._export = self._button("export", "E&xport CSV...", "Save every session as CSV")
        self._fit_button = self._button("fit", "Export as F&IT...", "Save the chosen walks as FIT")
        self._exports = HistoryExports(
            self, self._store, prompts=self._prompts, tz=self._tz, today=self._today, say=self._say
        )
        self._fold = self._button("fold", "Hide cha&rt", "Fold the chart away to see more rows")
        self._banner = parts.MessageLabel(self, "history_banner", "History message")

        figures = QHBoxLayout()
        for label in (self._totals, self._week, self._streak):
            figures.addWidget(label, 1)
        buttons = FlowRow()  # wraps onto a second line rather than cut the buttons' words
        for button in (self._note, self._delete, self._undo, self._export, self._fit_button):
            buttons.addWidget(button)
        buttons.addWidget(self._fold)
        content = QWidget(self)
        stack = QVBoxLayout(content)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.addLayout(figures)
        self.splitter = parts.chart_splitter(content, self.charts, self.table, self._fold)
        stack.addWidget(self.splitter, 1)
        stack.addLayout(buttons)
        self._figures, self._buttons, self._stack = figures, buttons, stack
        self._pages = QStackedWidget(self)
        self._pages.addWidget(self._empty)
        self._pages.addWidget(parts.FittedPage(self, content, self._least_height))
        layout = QVBoxLayout(self)
        layout.addWidget(self._pages, 1)
        layout.addWidget(self._banner)
        self._update_buttons()

    def _least_height(self, width: int) -> int:
        """The page's least height at *width*: the figures, ROWS_LEAST rows and the buttons."""
        margins = self._stack.contentsMargins()
        inner = width - margins.left() - margins.right()
        return (
            margins.top()
            + self._figures.heightForWidth(inner)
            + self.splitter.rows_height(parts.ROWS_LEAST)
            + self._buttons.heightForWidth(inner)
            + 2 * max(0, self._stack.spacing())
            + margins.bottom()
        )

    def _button(self, name: str, text: str, tip: str) -> QPushButton:
        return mnemonic_button(self, f"history_{name}_button", text, tip)

    def _connect_signals(self) -> None:
        # The table
        self.table.doubleClicked.connect(lambda _index: self._on_note_clicked())
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        # The buttons, and their keys while the view has the focus
        self._note.clicked.connect(self._on_note_clicked)
        self._delete.clicked.connect(self._on_delete_clicked)
        self._undo.clicked.connect(self._on_undo_clicked)
        self._fold.clicked.connect(lambda: self.charts.fold(self._fold))
        self._export.clicked.connect(self._exports.csv)
        self._fit_button.clicked.connect(lambda: self._exports.fit(self._chosen()))
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for sequence, slot in (
            (QKeySequence.StandardKey.Delete, self._on_delete_clicked),
            (QKeySequence.StandardKey.Undo, self._on_undo_clicked),
            (QKeySequence(Qt.Key.Key_Return), self._on_note_clicked),  # Enter opens the note
            (QKeySequence(Qt.Key.Key_Enter), self._on_note_clicked),
        ):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)

    # -- public --------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read history.json again and redraw the table, the figures and the chart."""
        self._loaded = True
        try:
            loaded = self._store.load()
            # Read by line here (a checked history): a bad line raises before the table resets.
            records = tuple(loaded.items)
        except StorageError as error:
            self.model.set_records(())
            self._read_only = True
            self._say(f"The history could not be read: {error}")
        else:
            self.model.set_records(records)
            self._read_only = loaded.state in (FileState.NEWER, FileState.PROTECTED)
            self._say(" ".join(loaded.warnings))
        self._update_summary()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802  # Qt's API
        """Read the history the first time the view is shown, not when it is built."""
        if not self._loaded:
            self.refresh()
        super().showEvent(event)

    def banner(self) -> str:
        """The message under the view: what was done, or what went wrong."""
        return self._banner.text()

    def select_session(self, record_id: str) -> bool:
        """Select the row of *record_id*; False if it is not shown."""
        row = self.model.row_of(record_id)
        if row < 0:
            return False
        index = self._proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    # -- slots ---------------------------------------------------------------------------------

    def _on_selection_changed(self) -> None:
        self._update_buttons()
        self.charts.show_walk(self._selected())

    def _on_note_clicked(self) -> None:
        record = self._selected()
        if record is None or self._read_only:
            return
        answer = self._prompts.ask_checkin(self, self._when(record), record.notes, record.effort)
        if answer is None:
            return
        notes = (answer[0] or "").strip() or None
        if notes is not None and len(notes) > MAX_NOTES_CHARS:
            self._say(
                f"This note is {len(notes):,} characters: a note is at most "
                f"{MAX_NOTES_CHARS:,}; nothing was changed."
            )
            return
        edited = record.with_checkin(notes, answer[1])
        if self._change(lambda: self._store.update(edited), record, self.model.replace, edited):
            self._say("Note and effort saved." if notes else "Note removed; effort saved.")

    def _on_delete_clicked(self) -> None:
        record = self._selected()
        if record is None or self._read_only:
            return
        if self._change(lambda: self._store.delete(record.id), record, self._forget, record):
            self._say(f"Deleted the session of {self._when(record)}. Undo brings it back.")

    def _on_undo_clicked(self) -> None:
        if not self._deleted or self._read_only:
            return
        record = self._deleted[-1]
        if self._change(lambda: self._store.add(record), record, self._restore, record):
            self._say(f"Restored the session of {self._when(record)}.")

    # -- helpers -------------------------------------------------------------------------------

    def _forget(self, record: SessionRecord) -> None:
        self._deleted.append(record)
        self.model.remove(record.id)
        # Nothing is selected after a delete: a second Delete must not take another walk.
        self.table.clearSelection()

    def _restore(self, record: SessionRecord) -> None:
        self._deleted.pop()
        self.model.insert(record)
        self.select_session(record.id)

    def _change(
        self,
        action: Callable[[], None],
        record: SessionRecord,
        then: Callable[[SessionRecord], None],
        shown: SessionRecord,
    ) -> bool:
        """Change history.json, then the table with *then*(*shown*); or say why nothing changed."""
        try:
            action()
        except UnknownSessionError:
            self.refresh()
            self._say(f"The session of {self._when(record)} is no longer in the history file.")
            return False
        except _CHANGE_ERRORS as error:
            self._say(f"Nothing was changed: {error}")
            return False
        then(shown)
        self._update_summary()
        self.history_changed.emit()
        return True

    def _selected(self) -> SessionRecord | None:
        """The one selected session: a note or a delete is for one at a time."""
        chosen = self._chosen()
        return chosen[0] if len(chosen) == 1 else None

    def _chosen(self) -> list[SessionRecord]:
        """The selected sessions, oldest first."""
        records = [row.data(RECORD_ROLE) for row in self.table.selectionModel().selectedRows()]
        return sorted((r for r in records if isinstance(r, SessionRecord)), key=_STARTED)

    def _when(self, record: SessionRecord) -> str:
        return shown_time(record.started_at, self._tz)

    def _update_summary(self) -> None:
        records = self.model.records()
        # After deleting the last session the table stays, so its Undo button is still there.
        self._pages.setCurrentIndex(1 if records or self._deleted else 0)
        self._empty.setText(parts.EMPTY_TEXT)
        shown = figures(records, self._today(), self._tz, CHART_WEEKS, self.model.units)
        self._totals.setText(shown.totals)
        self._week.setText(shown.week)
        self._streak.setText(shown.streak)
        self.chart.show_weeks(shown.weeks)
        self.charts.show_records(records, self._today(), self.model.units, self._tz)
        self._update_buttons()

    def _update_buttons(self) -> None:
        can_change = not self._read_only
        chosen = len(self.table.selectionModel().selectedRows())
        self._note.setEnabled(can_change and chosen == 1)
        self._delete.setEnabled(can_change and chosen == 1)
        self._fit_button.setEnabled(chosen > 0)
        self._undo.setEnabled(can_change and bool(self._deleted))
        self._export.setEnabled(self.model.rowCount() > 0)
        self._undo.setToolTip(
            f"Bring back the session of {self._when(self._deleted[-1])} (Alt+U, Ctrl+Z)"
            if self._deleted
            else "Bring back the last deleted session (Alt+U, Ctrl+Z)"
        )

    def _say(self, text: str) -> None:
        self._banner.setText(text)
