"""After a session: how hard it felt (0-10, in the project's own words) and a note."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from retrocoach.core.durations import format_walked
from retrocoach.core.figures.effort import EFFORT_WORDS
from retrocoach.core.history.heart import heart_words
from retrocoach.core.history.records import Outcome, SessionRecord
from retrocoach.core.safety.unwell import UNWELL_CHOICE
from retrocoach.ui.buttons import big_tick
from retrocoach.ui.dialogs import fit_to_screen
from retrocoach.ui.dialogs.note import NoteField, add_save_keys, effort_combo

__all__ = ["EFFORT_WORDS", "CheckinDialog"]  # EFFORT_WORDS: the words, for the tests


class CheckinDialog(QDialog):
    """Asks for effort and a note; Esc skips, Ctrl+Enter or the Save button keeps them."""

    def __init__(self, record: SessionRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record = record
        self.setWindowTitle("How did it go? - RetroCoach")
        self.setAccessibleName("Session check-in")
        # The figures the summary behind the dialog gives, rounded alike.
        walked, _, backward = format_walked(record.forward_s, record.backward_s)
        how = "completed" if record.outcome is Outcome.COMPLETED else "stopped early"
        # The strap's figures beside the 0-10 scale: how it felt and what the heart did.
        heart = heart_words(record.heart_rate)
        self.summary = summary = QLabel(
            f"Saved to your history: {walked} walking, {backward} of it backward ({how}).\n"
            + (f"{heart}\n" if heart else "")
            + "Add how it felt, or press Esc to skip.",
            self,
        )
        summary.setWordWrap(True)
        self.effort = effort_combo(self, None)
        # Beside the effort: a walk stopped for a symptom pauses the programme (stop signs follow).
        self.unwell = big_tick(QCheckBox(UNWELL_CHOICE.replace("unwell", "&unwell"), self))
        self.unwell.setAccessibleName(UNWELL_CHOICE)
        self.unwell.setToolTip("Pauses your programme and shows the stop signs")
        self.note = NoteField("", self)
        self.notes = self.note.edit
        form = QFormLayout()
        form.addRow("&Effort:", self.effort)
        form.addRow("", self.unwell)
        self.note.add_to(form)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton("Save", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setAccessibleName("Save the check-in")
        self.save_button.setToolTip("Keep the effort and note with this session (Ctrl+Enter)")
        self.save_button.setDefault(True)
        self.skip_button = buttons.addButton("Skip", QDialogButtonBox.ButtonRole.RejectRole)
        self.skip_button.setAccessibleName("Skip the check-in")
        self.skip_button.setToolTip("Leave the session as it is (Esc)")
        self.skip_button.setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        # An over-long note is refused with its length, never cut: Save waits until it fits.
        self.note.validity_changed.connect(self.save_button.setEnabled)
        add_save_keys(self, self.save_button)
        column = QVBoxLayout(self)
        column.addWidget(summary)
        column.addLayout(form, 1)
        column.addWidget(buttons)
        fit_to_screen(self, QSize(620, 420), parent)

    def accept(self) -> None:
        """Keep the check-in, unless the note is too long (its length is said beside it)."""
        if self.note.ok:
            super().accept()

    def effort_value(self) -> int | None:
        """The effort chosen, or None when the walker did not say."""
        value = self.effort.currentData()
        return value if isinstance(value, int) else None

    def notes_value(self) -> str | None:
        """The note, trimmed, or None when empty; never cut (Save waits for a short enough one)."""
        return self.note.text()

    def checked_in(self) -> SessionRecord:
        """The session with what the walker entered."""
        record = self.record.with_checkin(self.notes_value(), self.effort_value())
        if self.unwell.isChecked():
            record = dataclasses.replace(record, stopped_unwell=True)
        return record
