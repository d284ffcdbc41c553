"""What the coach shows beside the time: the safety reminder that fits the moment."""

from __future__ import annotations

import dataclasses
from typing import Final

from retrocoach.core.safety.reminders import Reminder, ReminderBook
from retrocoach.core.session.machine import Progress
from retrocoach.core.speeds import Units, speeds_in

__all__ = ["ReminderPicker"]

ROTATE_EVERY_S: Final = 30.0


class ReminderPicker:
    """Chooses the reminder for a moment; the window and the terminal coach share it.

    The choice rotates at each new segment and every ``rotate_every_s`` seconds within a long
    one, and depends only on the session's progress, so both coaches show the same reminder.
    """

    def __init__(
        self,
        book: ReminderBook,
        rotate_every_s: float = ROTATE_EVERY_S,
        units: Units = Units.KMH,
    ) -> None:
        self.book = book
        self.rotate_every_s = rotate_every_s
        self.units = units
        """The speed unit the walker reads: a reminder's km/h figures are said in it."""

    def pick(self, progress: Progress) -> Reminder | None:
        """The reminder for the moment *progress* describes, or None when there is none."""
        if progress.segment is None:
            return None
        into_segment = progress.segment.seconds - progress.remaining_s
        rotation = progress.index
        if self.rotate_every_s > 0:
            rotation += int(into_segment // self.rotate_every_s)
        reminder = self.book.for_progress(progress, rotation)
        if reminder is None or self.units is Units.KMH:
            return reminder
        detail = None if reminder.detail is None else speeds_in(reminder.detail, self.units)
        return dataclasses.replace(
            reminder, text=speeds_in(reminder.text, self.units), detail=detail
        )
