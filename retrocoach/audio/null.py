"""The none engine: no sound at all; the window flashes for every cue instead."""

from __future__ import annotations

from retrocoach.core.session.cues import Cue

__all__ = ["NullCuePlayer"]


class NullCuePlayer:
    """Plays nothing and says so: ``silent`` is True and ``play`` returns False."""

    engine = "none"
    silent = True
    last_error: str | None = None

    def prepare(self) -> None:
        """Nothing to load."""

    def warm_up(self) -> None:
        """Nothing to open."""

    def play(self, cue: Cue) -> bool:
        """No sound: the caller flashes instead."""
        del cue
        return False

    def set_volume(self, volume: float) -> None:
        """Nothing to make louder."""

    def set_muted(self, muted: bool) -> None:
        """Nothing to mute."""

    def close(self) -> None:
        """Nothing to release."""
