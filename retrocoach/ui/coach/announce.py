"""Telling a screen reader what to say now: an announcement, wherever the keyboard focus is.

A changed name or description is read only when the walker looks at that control; the moments
that matter (a switch, slow the belt, turn round, press Esc again) must be spoken at once.
Qt's Alert event reaches Windows' readers but not AT-SPI, so each is sent as an announcement
too, which Qt's AT-SPI bridge passes on as Object:Announcement (Orca speaks it).
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent
from PySide6.QtWidgets import QWidget

__all__ = ["announce"]


def announce(widget: QWidget, text: str, *, urgent: bool = True) -> None:
    """Have readers speak *text* for *widget* now: at once when *urgent*, else when idle."""
    if not text:
        return
    QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.Alert))
    event = QAccessibleAnnouncementEvent(widget, text)
    politeness = QAccessible.AnnouncementPoliteness
    event.setPoliteness(politeness.Assertive if urgent else politeness.Polite)
    QAccessible.updateAccessibility(event)
