"""Test doubles for the window: a screen inhibitor and a sound that record what they were asked."""

from __future__ import annotations

from collections.abc import Sequence

from retrocoach.core.session.cues import Cue
from retrocoach.core.session.machine import Event, Session


class RecordingInhibitor:
    """Counts inhibit and release calls; ``active`` says whether the screen is held awake."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.active = False

    def inhibit(self) -> None:
        """Hold the screen saver off."""
        self.calls.append("inhibit")
        self.active = True

    def release(self) -> None:
        """Let it go."""
        self.calls.append("release")
        self.active = False


class RecordingSound:
    """Keeps every batch of events it heard, and whether it is muted."""

    def __init__(self) -> None:
        self.batches: list[list[Event]] = []
        self.muted = False
        self.warmed = 0
        self.volume = 1.0
        self.pips = 3
        self.prompts: list[Cue] = []

    def warm_up(self) -> None:
        """Count the warm-ups."""
        self.warmed += 1

    def set_muted(self, muted: bool) -> None:
        """Remember the mute."""
        self.muted = muted

    def set_volume(self, volume: float) -> None:
        """Remember the volume."""
        self.volume = volume

    def set_pips(self, pips: int) -> None:
        """Remember the pips."""
        self.pips = pips

    def prompt(self, cue: Cue) -> bool:
        """Keep the cue played outside the session; it is heard unless muted."""
        self.prompts.append(cue)
        return not self.muted

    def on_events(self, session: Session, events: Sequence[Event], now: float) -> None:
        """Keep the events."""
        self.batches.append(list(events))

    def heard(self) -> list[Event]:
        """Every event, in order."""
        return [event for batch in self.batches for event in batch]
