"""What the coaches say after a walk stopped because the walker felt unwell."""

from __future__ import annotations

from typing import Final

from retrocoach.core.safety.reminders import Reminder, ReminderBook

__all__ = ["UNWELL_ADVICE", "UNWELL_CHOICE", "stop_signs", "unwell_lines"]

UNWELL_CHOICE: Final = "I stopped because I felt unwell"
"""The check-in's choice beside the effort, in both coaches."""
UNWELL_ADVICE: Final = (
    "Your programme is paused. If any of these signs is with you now, get medical help. "
    "Either way, see a doctor or physiotherapist before you walk the programme again; "
    "then resume it yourself."
)
_STOP_PREFIX: Final = "stop-"


def stop_signs(book: ReminderBook | None) -> tuple[Reminder, ...]:
    """The stop signs of the shipped safety advice (every reminder whose id starts 'stop-')."""
    if book is None:
        return ()
    return tuple(reminder for reminder in book.all() if reminder.id.startswith(_STOP_PREFIX))


def unwell_lines(book: ReminderBook | None) -> list[str]:
    """The stop signs, one a line with their sources, then the advice; for either coach."""
    lines = [f"- {reminder.line}" for reminder in stop_signs(book)]
    if not lines:  # the reminders could not be read: the one sign everyone must know
        lines = ["- Chest pain, fainting or sudden breathlessness: call emergency services."]
    return ["Stop signs:", *lines, UNWELL_ADVICE]
