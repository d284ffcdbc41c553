"""What reacts to a session's events: the recorder, the cue player, the views."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from retrocoach.core.session.events import Event

if TYPE_CHECKING:  # the session hands itself to its listeners; only its type is needed here
    from retrocoach.core.session.machine import Session

__all__ = ["SessionListener"]


class SessionListener(Protocol):
    """Anything that reacts to a batch of session events: the recorder, the cue player.

    Both drivers (the window's and the terminal's) hand every batch to their listeners,
    empty ones included, so a listener can also act on the passing of time.
    """

    def on_events(self, session: Session, events: Sequence[Event], now: float) -> None:
        """Handle the events that ``advance`` or a command just returned at *now*."""
