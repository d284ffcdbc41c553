"""The safety checklist shown before the first walk, and the Safety page listing every reminder."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from retrocoach.core.reminders import Reminder

__all__ = ["CHECKLIST_TITLE", "SafetyChecklistDialog", "SafetyPage", "reminders_html"]

CHECKLIST_TITLE: Final = "Safety checklist - RetroCoach"


def reminders_html(reminders: Sequence[Reminder], *, with_detail: bool = True) -> str:
    """The reminders as a list: the advice in bold, then why, then where it comes from."""
    import html  # noqa: PLC0415  (its entity table is big; the list is rarely shown)

    items = []
    for reminder in reminders:
        parts = [f"<b>{html.escape(reminder.text)}</b>"]
        if with_detail and reminder.detail:
            parts.append(html.escape(reminder.detail))
        parts.append(f"<small>{html.escape(reminder.citation)}</small>")
        items.append(f"<li style='margin-bottom: 10px'>{'<br>'.join(parts)}</li>")
    return f"<ul>{''.join(items)}</ul>"


class SafetyChecklistDialog(QDialog):
    """A modal list of the set-up checks and the signs to stop; Enter confirms, Esc waits."""

    def __init__(self, checklist: Sequence[Reminder], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(CHECKLIST_TITLE)
        self.setModal(True)
        self.setAccessibleName("Safety checklist")
        intro = QLabel(
            "Before you walk backwards on the treadmill, check each of these. "
            "Press Enter when they are done.",
            self,
        )
        intro.setWordWrap(True)
        self.items = QTextBrowser(self)
        self.items.setAccessibleName("Safety checks")
        self.items.setOpenLinks(False)
        self.items.setHtml(reminders_html(checklist))
        # The list is for reading: it must not keep Enter from reaching the Confirm button.
        self.items.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        buttons = QDialogButtonBox(self)
        self.confirm_button = buttons.addButton(
            "All checked (Enter)", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.confirm_button.setAccessibleName("Confirm the safety checks")
        self.confirm_button.setToolTip("Confirm that everything is checked (Enter)")
        self.confirm_button.setDefault(True)
        self.later_button = buttons.addButton(
            "Not now (Esc)", QDialogButtonBox.ButtonRole.RejectRole
        )
        self.later_button.setAccessibleName("Close the checklist without confirming")
        self.later_button.setToolTip("Close without confirming; it comes back at Start (Esc)")
        self.later_button.setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.items, 1)
        column.addWidget(buttons)
        self.resize(640, 560)
        self.confirm_button.setFocus()


class SafetyPage(QWidget):
    """Every reminder RetroCoach shows, with its source: always one key (F1) away."""

    def __init__(self, reminders: Sequence[Reminder], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Safety page")
        self._reminders = tuple(reminders)
        self._items: QTextBrowser | None = None
        self.count = len(reminders)

    @property
    def items(self) -> QTextBrowser:
        """The list of reminders, laid out the first time it is wanted: the page opens rarely,
        and a rich-text list costs the window's start-up several milliseconds and MiB."""
        if self._items is None:
            self._items = self._build()
        return self._items

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802  (Qt's name)
        self.items  # noqa: B018  (building is the point)
        super().showEvent(event)

    def _build(self) -> QTextBrowser:
        heading = QLabel(
            "<h2>Safety</h2><p>Everything the coach reminds you of, and where each piece of "
            "advice comes from. Hover a reminder on the coach page to see it in full.</p>",
            self,
        )
        heading.setWordWrap(True)
        items = QTextBrowser(self)
        items.setAccessibleName("Every safety reminder with its source")
        items.setOpenLinks(False)
        items.setHtml(reminders_html(self._reminders))
        column = QVBoxLayout(self)
        column.addWidget(heading)
        column.addWidget(items, 1)
        if self.isVisible():
            heading.show()  # children added to a shown page stay hidden until told
            items.show()
        return items
