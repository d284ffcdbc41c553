"""The coach's small lines: plain text, clear of the frame, changed only when their text does;
and what a screen reader is to say at once."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent
from PySide6.QtWidgets import QLabel, QWidget

__all__ = ["CLEAR", "announce", "line", "set_line"]

CLEAR: Final = 16
"""Room between the small lines and the frame."""


def line(parent: QWidget, name: str, *, wrap: bool = False) -> QLabel:
    """A centred plain-text line named *name* for assistive technology."""
    label = QLabel(parent)
    label.setAccessibleName(name)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(wrap)
    # Plain text: a plan name or a note holding "<b>" is shown as typed, never as markup.
    label.setTextFormat(Qt.TextFormat.PlainText)
    # The lines keep clear of the coloured frame: text touching it joins it for a scanner.
    label.setContentsMargins(CLEAR, 0, CLEAR, 0)
    return label


def set_line(label: QLabel, text: str) -> None:
    """Change a label only when its text changes: no needless repaint, no flicker.

    The text is the label's accessible description too: its name says what the line is
    ("Round"), the description what it says now, which a screen reader reads with it.
    """
    if label.text() != text:
        label.setText(text)
        label.setAccessibleDescription(text)


def announce(widget: QWidget, text: str, *, urgent: bool = True) -> None:
    """Have readers speak *text* for *widget* now, wherever the keyboard focus is: at once
    when *urgent*, else when they are idle.

    A changed name or description is read only when the walker looks at that control; the
    moments that matter (a switch, slow the belt, turn round, press Esc again) must be spoken
    at once. Qt's Alert event reaches Windows' readers but not AT-SPI, so each is sent as an
    announcement too, which Qt's AT-SPI bridge passes on as Object:Announcement.
    """
    if not text:
        return
    QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.Alert))
    event = QAccessibleAnnouncementEvent(widget, text)
    politeness = QAccessible.AnnouncementPoliteness
    event.setPoliteness(politeness.Assertive if urgent else politeness.Polite)
    QAccessible.updateAccessibility(event)
