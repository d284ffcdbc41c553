"""Questions a view asks the walker (a name, a note, a yes/no, a file): modal dialogs by default.

Views take a Prompts in their constructor, so tests answer with a double instead of driving
modal dialogs from timers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6 import QtWidgets
from PySide6.QtWidgets import QDialog, QWidget

# The message box, file and input dialogs are reached through the module when a question is
# asked: PySide6 builds a Qt class (and its enums) when it is first named, and naming them
# here cost the window's first frame about 3 ms for dialogs it may never show.

__all__ = ["DialogPrompts", "Prompts", "walk_unsaved_agreed"]


class Prompts(Protocol):
    """Ask the walker something; None (or False) means they cancelled."""

    def ask_text(self, parent: QWidget, title: str, label: str, text: str) -> str | None:
        """One line of text, such as a plan's name."""
        ...

    def ask_checkin(
        self, parent: QWidget, when: str, notes: str | None, effort: int | None
    ) -> tuple[str | None, int | None] | None:
        """A session's note and effort, changed after its check-in: (note, effort)."""
        ...

    def confirm(self, parent: QWidget, title: str, text: str) -> bool:
        """Yes or no, no being the safe default."""
        ...

    def ask_save_path(self, parent: QWidget, title: str, suggested: Path) -> Path | None:
        """Where to save a CSV file."""
        ...

    def ask_folder(self, parent: QWidget, title: str, suggested: Path) -> Path | None:
        """A folder to write files into, such as FIT exports."""
        ...


class DialogPrompts:
    """Prompts as Qt's standard modal dialogs."""

    def ask_text(self, parent: QWidget, title: str, label: str, text: str) -> str | None:
        """QInputDialog.getText."""
        answer, accepted = QtWidgets.QInputDialog.getText(
            parent, title, label, QtWidgets.QLineEdit.EchoMode.Normal, text
        )
        return answer if accepted else None

    def ask_checkin(
        self, parent: QWidget, when: str, notes: str | None, effort: int | None
    ) -> tuple[str | None, int | None] | None:
        """The note dialog: a roomy note field and the effort."""
        from retrocoach.ui.dialogs.note import NoteDialog  # noqa: PLC0415  (loads when used)

        dialog = NoteDialog(when, notes, effort, parent)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def confirm(self, parent: QWidget, title: str, text: str) -> bool:
        """QMessageBox.question with No as the default button."""
        buttons = QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.No
        answer = QtWidgets.QMessageBox.question(
            parent, title, text, buttons, QtWidgets.QMessageBox.StandardButton.No
        )
        return answer == QtWidgets.QMessageBox.StandardButton.Yes

    def ask_save_path(self, parent: QWidget, title: str, suggested: Path) -> Path | None:
        """QFileDialog.getSaveFileName for CSV files."""
        name, _ = QtWidgets.QFileDialog.getSaveFileName(
            parent, title, str(suggested), "CSV files (*.csv);;All files (*)"
        )
        return Path(name) if name else None

    def ask_folder(self, parent: QWidget, title: str, suggested: Path) -> Path | None:
        """QFileDialog.getExistingDirectory."""
        name = QtWidgets.QFileDialog.getExistingDirectory(parent, title, str(suggested))
        return Path(name) if name else None


def walk_unsaved_agreed(parent: QWidget, problem: str) -> bool:
    """Whether the walker wants to walk although *problem* keeps the walk from being saved.

    No is the default: a walk nobody can keep should not start by a stray Enter.
    """
    answer = QtWidgets.QMessageBox.question(
        parent,
        "This walk cannot be saved - RetroCoach",
        f"{problem}: this walk could not be saved to your history.\n\n"
        "Walk anyway, without saving it? (Free some disk space to keep your walks.)",
        QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.No,
        QtWidgets.QMessageBox.StandardButton.No,
    )
    return answer == QtWidgets.QMessageBox.StandardButton.Yes
