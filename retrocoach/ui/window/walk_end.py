"""The end of a walk in the window: what is said, the summary, and the check-in dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

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

__all__ = ["WalkEnd"]

_SAVE_ERRORS: Final = (StorageError, UnknownSessionError)


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
        self.stop_signs: QMessageBox | None = None
        """Shown after a check-in that says the walker stopped because they felt unwell."""

    def ended(self, recorder: SessionRecorder | None, saved_text: str, *, ask: bool) -> None:
        """The walk ended: say so, sum it up, and (when *ask*) open the check-in."""
        record = recorder.saved if recorder is not None else None
        if record is None:
            if recorder is not None and recorder.nothing_walked:
                self._coach.set_status("Stopped before any walking: nothing to keep.")
            else:
                self._coach.set_status("The session ended; it could not be saved (see the notice).")
            return
        self._coach.set_status(saved_text)
        self._show_summary(record)
        self._refresh_history()
        if ask:
            from retrocoach.ui.dialogs.checkin import CheckinDialog  # noqa: PLC0415  (loads late)

            self.checkin = CheckinDialog(record, self._window)
            self.checkin.accepted.connect(self._on_checkin_accepted)
            self.checkin.open()

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
        lines = unwell_lines(self._book)
        box = QMessageBox(QMessageBox.Icon.Warning, "Stop signs - RetroCoach", lines[-1])
        box.setParent(self._window, box.windowFlags())
        box.setInformativeText("\n".join(lines[:-1]))
        box.setAccessibleName("Stop signs")
        self.stop_signs = box
        box.open()

    def _show_summary(self, record: SessionRecord) -> None:
        # Imported at the first walk's end: nothing of it is needed to show the window.
        from retrocoach.core.figures.summary import summarise  # noqa: PLC0415

        units = self._coach.belt.units
        self._coach.show_summary(summarise(record, self._history.sessions(), units=units))
