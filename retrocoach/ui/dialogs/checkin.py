"""After a session: how hard it felt (0-10, in the project's own words) and a note."""

from __future__ import annotations

from typing import Final

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from retrocoach.core.durations import format_duration
from retrocoach.core.effort import EFFORT_HINT, EFFORT_WORDS
from retrocoach.core.records import MAX_NOTES_CHARS, Outcome, SessionRecord

__all__ = ["EFFORT_WORDS", "CheckinDialog"]

_NOT_SAID: Final = "not said"


class CheckinDialog(QDialog):
    """Asks for effort and a note; Esc skips, Ctrl+Enter or the Save button keeps them."""

    def __init__(self, record: SessionRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record = record
        self.setWindowTitle("How did it go? - RetroCoach")
        self.setAccessibleName("Session check-in")
        walked = format_duration(record.walking_s)
        backward = format_duration(record.backward_s)
        how = "completed" if record.outcome is Outcome.COMPLETED else "stopped early"
        self.summary = summary = QLabel(
            f"Saved to your history: {walked} walking, {backward} of it backward ({how}).\n"
            "Add how it felt, or press Esc to skip.",
            self,
        )
        summary.setWordWrap(True)
        self.effort = QComboBox(self)
        self.effort.addItem(_NOT_SAID, None)
        for value, words in EFFORT_WORDS.items():
            self.effort.addItem(f"{value} - {words}", value)
        self.effort.setAccessibleName("Effort from 0 to 10")
        self.effort.setToolTip(EFFORT_HINT)
        self.notes = QPlainTextEdit(self)
        self.notes.setAccessibleName("Note")
        self.notes.setToolTip(
            "Anything to remember about this session "
            f"(Ctrl+Enter saves; up to {MAX_NOTES_CHARS} characters)"
        )
        self.notes.setPlaceholderText("e.g. speed 1.5 km/h, felt steady")
        self.notes.setTabChangesFocus(True)
        form = QFormLayout()
        form.addRow("&Effort:", self.effort)
        form.addRow("&Note:", self.notes)
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
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)
        column = QVBoxLayout(self)
        column.addWidget(summary)
        column.addLayout(form)
        column.addWidget(buttons)
        self.resize(520, 300)

    def effort_value(self) -> int | None:
        """The effort chosen, or None when the walker did not say."""
        value = self.effort.currentData()
        return value if isinstance(value, int) else None

    def notes_value(self) -> str | None:
        """The note, trimmed, or None when empty."""
        text = self.notes.toPlainText().strip()[:MAX_NOTES_CHARS]
        return text or None

    def checked_in(self) -> SessionRecord:
        """The session with what the walker entered."""
        return self.record.with_checkin(self.notes_value(), self.effort_value())
