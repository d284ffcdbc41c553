"""The end of a walk in the window: what is said, the summary, and the check-in dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QObject, QPoint
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from retrocoach.core.history.store import (
    HistoryStore,
    SessionRecord,
    StorageError,
    UnknownSessionError,
)
from retrocoach.core.safety.reminders import ReminderBook
from retrocoach.core.safety.unwell import unwell_lines
from retrocoach.ui.coach.view import CoachView
from retrocoach.ui.window.notice_bar import NoticeBar

if TYPE_CHECKING:
    from retrocoach.core.history.recorder import SessionRecorder
    from retrocoach.ui.dialogs.checkin import CheckinDialog
    from retrocoach.ui.dialogs.stop_signs import StopSignsDialog

__all__ = ["WalkEnd", "place_beside"]

_SAVE_ERRORS: Final = (StorageError, UnknownSessionError)
SAVED_TEXTS: Final = {
    "completed": "Well done: the session is saved in your history.",
    "stopped": "Stopped: what you walked is saved as stopped.",
}
"""The status line after a walk, by the outcome its record keeps (said once, as the summary)."""


class WalkEnd(QObject):
    """Tells how a walk ended, shows its summary on the coach and asks for the check-in."""

    def __init__(
        self,
        window: QWidget,
        coach: CoachView,
        notices: NoticeBar,
        history: HistoryStore,
        refresh_history: Callable[[], None],
        *,
        book: ReminderBook | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._coach = coach
        self._notices = notices
        self._history = history
        self._refresh_history = refresh_history
        self.checkin: CheckinDialog | None = None
        self._book = book
        self.stop_signs: StopSignsDialog | None = None
        """Shown after a check-in that says the walker stopped because they felt unwell."""

    def ended(self, recorder: SessionRecorder | None, *, ask: bool) -> None:
        """The walk ended: say so, sum it up, and (when *ask*) open the check-in.

        The status says the outcome the record keeps, as the summary does: a plan run to its
        end by skipping a segment is kept as stopped, and is no 'Well done'.
        """
        record = recorder.saved if recorder is not None else None
        if record is None:
            if recorder is not None and recorder.nothing_walked:
                self._coach.set_status("Stopped before any walking: nothing to keep.")
                return
            self._coach.set_status("The session ended; it could not be saved (see the notice).")
            if recorder is not None and recorder.unsaved is not None:
                # What was walked, as a saved walk's summary says it: not the bar and 'not
                # walked' of the session's clock, which count skipped time as done.
                self._show_summary(recorder.unsaved)
            return
        self._coach.set_status(SAVED_TEXTS.get(record.outcome, SAVED_TEXTS["stopped"]))
        self._show_summary(record)
        self._refresh_history()
        if ask:
            from retrocoach.ui.dialogs.checkin import CheckinDialog  # noqa: PLC0415  (loads late)

            self.checkin = CheckinDialog(record, self._window)
            self.checkin.accepted.connect(self._on_checkin_accepted)
            # The dialog is modal, so the window's Ctrl+Q cannot reach it: it skips the
            # check-in (the walk is kept, its note unset) and quits, as users expect of it.
            quit_key = QShortcut(QKeySequence("Ctrl+Q"), self.checkin)
            quit_key.activated.connect(self._on_checkin_quit)
            self.checkin.open()
            self._coach.column.activate()  # where the summary is now, not before the walk ended
            place_beside(self.checkin, self._coach.middle)

    def _on_checkin_quit(self) -> None:
        if self.checkin is not None:
            self.checkin.reject()
        self._window.close()

    def _on_checkin_accepted(self) -> None:
        dialog = self.checkin
        if dialog is None:
            return
        record = dialog.checked_in()
        if record != dialog.record:
            try:
                self._history.update(record)
            except _SAVE_ERRORS as error:
                self._notices.show_notice(
                    "checkin", f"Your check-in could not be saved ({error}); the session is kept."
                )
            self._show_summary(record)
            self._refresh_history()
        if record.stopped_unwell:
            self._show_stop_signs()

    def _show_stop_signs(self) -> None:
        """The stop signs and the advice to see a clinician; the programme waits meanwhile."""
        # Imported here: only a walk stopped for feeling unwell needs it.
        from retrocoach.ui.dialogs.stop_signs import StopSignsDialog  # noqa: PLC0415

        lines = unwell_lines(self._book)
        box = StopSignsDialog(lines[-1], "\n".join(lines[:-1]), self._window)
        self.stop_signs = box
        box.open()

    def _show_summary(self, record: SessionRecord) -> None:
        # Imported at the first walk's end: nothing of it is needed to show the window.
        from retrocoach.core.figures.summary import COMPARED_WALKS, summarise  # noqa: PLC0415

        units = self._coach.belt.units
        try:
            earlier = self._history.earlier_walks(record, COMPARED_WALKS)
        except _SAVE_ERRORS:
            earlier = []  # a history that cannot be read: the walk is summed up on its own
        self._coach.show_summary(summarise(record, earlier, units=units))


def place_beside(dialog: QWidget, summary: QWidget) -> None:
    """Move *dialog* below *summary* (or to its right, or to the screen's foot) so that the
    summary it asks about stays in sight: centred on it, the dialog covered it."""
    screen = summary.screen().availableGeometry()
    top_left = summary.mapToGlobal(QPoint(0, 0))
    size = dialog.frameGeometry().size()
    below = QPoint(top_left.x() + (summary.width() - size.width()) // 2, top_left.y())
    below.setY(top_left.y() + summary.height() + 8)
    right = QPoint(top_left.x() + summary.width() + 8, top_left.y())
    if below.y() + size.height() <= screen.bottom():
        where = below
    elif right.x() + size.width() <= screen.right():
        where = right
    else:  # no room either side: at the foot of the screen, over the lesser lines
        where = QPoint(below.x(), screen.bottom() - size.height())
    where.setX(max(screen.left(), min(where.x(), screen.right() - size.width())))
    where.setY(max(screen.top(), where.y()))
    dialog.move(where)
