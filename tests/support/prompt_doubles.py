"""A Prompts double: answers scripted by the test, questions recorded for it to check."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget


class ScriptedPrompts:
    """Answers each question from the queue the test filled; records what was asked."""

    def __init__(self) -> None:
        self.texts: list[str | None] = []
        self.notes: list[str | None] = []
        """Scripted notes: the effort stays as it was."""
        self.checkins: list[tuple[str | None, int | None] | None] = []
        """Scripted (note, effort) answers, used before any scripted note."""
        self.confirms: list[bool] = []
        self.paths: list[Path | None] = []
        self.folders: list[Path | None] = []
        self.asked: list[tuple[str, str]] = []
        """(title, the prefilled text or the question) for every question, in order."""

    def ask_text(self, parent: QWidget, title: str, label: str, text: str) -> str | None:
        """The next scripted line of text."""
        self.asked.append((title, text))
        return self.texts.pop(0)

    def ask_checkin(
        self, parent: QWidget, when: str, notes: str | None, effort: int | None
    ) -> tuple[str | None, int | None] | None:
        """The next scripted (note, effort), or the next scripted note with the effort kept."""
        self.asked.append(("Session note", notes or ""))
        if self.checkins:
            return self.checkins.pop(0)
        note = self.notes.pop(0)
        return None if note is None else (note, effort)

    def confirm(self, parent: QWidget, title: str, text: str) -> bool:
        """The next scripted yes or no."""
        self.asked.append((title, text))
        return self.confirms.pop(0)

    def ask_save_path(self, parent: QWidget, title: str, suggested: Path) -> Path | None:
        """The next scripted path."""
        self.asked.append((title, str(suggested)))
        return self.paths.pop(0)

    def ask_folder(self, parent: QWidget, title: str, suggested: Path) -> Path | None:
        """The next scripted folder."""
        self.asked.append((title, str(suggested)))
        return self.folders.pop(0)
