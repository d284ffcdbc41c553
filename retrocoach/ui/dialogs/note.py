"""A session's note and effort: a roomy note field that refuses, never cuts, an over-long note."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from retrocoach.core.figures.effort import EFFORT_HINT, EFFORT_WORDS
from retrocoach.core.history.records import MAX_NOTES_CHARS
from retrocoach.ui.colours import error_style
from retrocoach.ui.dialogs import fit_to_screen

__all__ = ["NoteDialog", "NoteField", "effort_combo", "note_problem"]

NOT_SAID: Final = "not said"


def _kept(text: str) -> str:
    """*text* as a note keeps it: trimmed, without NUL characters.

    A NUL is invisible and cannot be stored (the history refuses it); one comes only from a
    paste out of another program, so it is dropped rather than refused unseen.
    """
    return text.replace("\x00", "").strip()


def note_problem(text: str) -> str:
    """Why *text* cannot be kept as a note ('' when it can): its length against the limit."""
    length = len(_kept(text))
    if length > MAX_NOTES_CHARS:
        return (
            f"This note is {length:,} characters: a note is at most {MAX_NOTES_CHARS:,}. "
            "Shorten it to save; nothing is lost until you do."
        )
    return ""


def effort_combo(parent: QWidget, effort: int | None) -> QComboBox:
    """The effort choice, 0 to 10 in the project's words, or 'not said'."""
    combo = QComboBox(parent)
    combo.addItem(NOT_SAID, None)
    for value, words in EFFORT_WORDS.items():
        combo.addItem(f"{value} - {words}", value)
    combo.setAccessibleName("Effort from 0 to 10")
    combo.setAccessibleDescription(EFFORT_HINT)
    combo.setToolTip(EFFORT_HINT)
    combo.setCurrentIndex(max(0, combo.findData(effort)))
    return combo


class NoteField(QWidget):
    """A note of a paragraph or more, word-wrapped; Tab leaves it; its length is said live."""

    validity_changed = Signal(bool)
    """Whether the note can be saved changed (it became too long, or short enough again)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QPlainTextEdit(self)
        self.edit.setObjectName("note_edit")
        self.edit.setAccessibleName("Note")
        self.edit.setAccessibleDescription(
            f"Up to {MAX_NOTES_CHARS:,} characters. Tab leaves the field; Ctrl+Enter saves."
        )
        self.edit.setToolTip(self.edit.accessibleDescription())
        # No speed in the example: it would be in one unit whatever the walker's setting.
        self.edit.setPlaceholderText("e.g. felt steady; try the belt a little faster next time")
        self.edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.edit.setTabChangesFocus(True)
        # Seven lines where there is room; four, and narrower, on a small screen at scale 2.
        self.edit.setMinimumSize(280, self.edit.fontMetrics().lineSpacing() * 4)
        self.edit.setPlainText(text)
        self.count = QLabel(self)
        self.count.setObjectName("note_count")
        self.count.setAccessibleName("Note length")
        self.count.setWordWrap(True)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.edit, 1)
        column.addWidget(self.count)
        self._ok = True
        self.edit.textChanged.connect(self._on_edit_text_changed)
        self._on_edit_text_changed()

    def text(self) -> str | None:
        """The note, trimmed, or None when empty. Never cut: check ``ok`` first."""
        return _kept(self.edit.toPlainText()) or None

    @property
    def ok(self) -> bool:
        """Whether the note is short enough to keep."""
        return self._ok

    def add_to(self, form: QFormLayout) -> None:
        """Add this field to *form* under "&Note:", whose Alt+N gives the text the focus (a
        label's key moves the focus only to a buddy that takes it, and this frame does not)."""
        label = QLabel("&Note:")
        label.setBuddy(self.edit)
        form.addRow(label, self)

    def _on_edit_text_changed(self) -> None:
        problem = note_problem(self.edit.toPlainText())
        length = len(_kept(self.edit.toPlainText()))
        self.count.setText(problem or f"{length:,} of {MAX_NOTES_CHARS:,} characters")
        self.count.setStyleSheet(error_style(self.count) if problem else "")
        if self._ok != (not problem):
            self._ok = not problem
            self.validity_changed.emit(self._ok)


def add_save_keys(dialog: QDialog, save: QPushButton) -> None:
    """Ctrl+Enter saves, as the Save button does (and does nothing while Save is disabled)."""
    for keys in ("Ctrl+Return", "Ctrl+Enter"):
        QShortcut(QKeySequence(keys), dialog, save.click)


class NoteDialog(QDialog):
    """Change a walk's note and effort after its check-in."""

    def __init__(
        self, when: str, notes: str | None, effort: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Session note - RetroCoach")
        self.setAccessibleName("Session note and effort")
        self.effort = effort_combo(self, effort)
        self.note = NoteField(notes or "", self)
        form = QFormLayout()
        form.addRow(QLabel(f"The session of {when}.", self))
        form.addRow("&Effort:", self.effort)
        self.note.add_to(form)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton("Save", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setAccessibleName("Save the note and effort")
        self.save_button.setToolTip("Keep the note and effort (Ctrl+Enter)")
        cancel = buttons.addButton("Cancel", QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAccessibleName("Leave the session as it was")
        cancel.setToolTip("Change nothing (Esc)")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.note.validity_changed.connect(self.save_button.setEnabled)
        self.save_button.setEnabled(self.note.ok)
        add_save_keys(self, self.save_button)
        column = QVBoxLayout(self)
        column.addLayout(form, 1)
        column.addWidget(buttons)
        fit_to_screen(self, QSize(620, 420), parent)

    def accept(self) -> None:
        """Keep the note and effort, unless the note is too long."""
        if self.note.ok:
            super().accept()

    def answer(self) -> tuple[str | None, int | None]:
        """The note (None when empty) and the effort (None when not said)."""
        value = self.effort.currentData()
        return self.note.text(), value if isinstance(value, int) else None
