"""What an MPRIS player reads and where its buttons go: the window or the terminal coach."""

from __future__ import annotations

from typing import Protocol

from retrocoach.core.session.machine import Session
from retrocoach.core.session.media import RemoteAction

__all__ = ["MediaSource"]


class MediaSource(Protocol):
    """What the player reads and where its buttons go: the window or the terminal coach."""

    @property
    def can_raise(self) -> bool:
        """Whether there is a window to bring forward."""

    def current(self) -> tuple[Session | None, float]:
        """The session shown now (None before any) and the clock's reading."""

    def act(self, action: RemoteAction) -> None:
        """A media button was pressed."""

    def raise_window(self) -> None:
        """Bring the window forward (nothing for the terminal)."""

    def quit(self) -> None:
        """End RetroCoach as its own quit command does."""
