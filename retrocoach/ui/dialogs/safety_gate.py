"""When the safety checklist must be confirmed: on first use, or before every start if asked."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from retrocoach.core.safety.checklist import Checklist
from retrocoach.core.safety.reminders import ReminderBook
from retrocoach.core.settings.store import Settings

if TYPE_CHECKING:
    # Loaded when the checklist opens: after the first start, most starts never need it.
    from retrocoach.ui.dialogs.safety import SafetyChecklistDialog

__all__ = ["SafetyGate"]


class SafetyGate(QObject):
    """Opens the checklist when it is due and says when it was confirmed or closed."""

    confirmed = Signal(bool)  # True when a start was waiting on the checklist
    closed = Signal(bool)  # whether the checklist was confirmed

    def __init__(self, reminders: ReminderBook, window: QWidget) -> None:
        super().__init__(window)
        self._reminders = reminders
        self._window = window
        self._checked_for_start = False
        self.dialog: SafetyChecklistDialog | None = None
        self.one_leg = False
        """The balance check's answer with the last confirmation (False: not met or unticked)."""

    def needed(self, settings: Settings) -> bool:
        """Whether the walker must confirm the checklist before this start."""
        if not settings.checklist_confirmed:
            return True
        return settings.checklist_every_start and not self._checked_for_start

    def kept(self, settings: Settings) -> Settings:
        """*settings* as the last confirmation leaves them: confirmed, with the balance check."""
        return dataclasses.replace(settings, checklist_confirmed=True, one_leg_stand=self.one_leg)

    def started(self) -> None:
        """A session started: a setting for every start asks again next time."""
        self._checked_for_start = False

    def open(self, *, then_start: bool) -> None:
        """Show the checklist, modal, unless it is already showing."""
        if self.dialog is not None:
            return
        from retrocoach.ui.dialogs.safety import SafetyChecklistDialog  # noqa: PLC0415  (see top)

        dialog = SafetyChecklistDialog(Checklist.from_book(self._reminders), self._window)
        dialog.accepted.connect(lambda: self._on_dialog_accepted(then_start=then_start))
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog = dialog
        dialog.open()

    def _on_dialog_accepted(self, *, then_start: bool) -> None:
        self._checked_for_start = True
        self.one_leg = self.dialog is not None and self.dialog.one_leg.isChecked()
        self.confirmed.emit(then_start)

    def _on_dialog_finished(self, result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
        self.closed.emit(result == QDialog.DialogCode.Accepted.value)
