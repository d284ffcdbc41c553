"""The glue between a session and a cue player, shared by the window and the terminal coach."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from retrocoach.audio.base import CuePlayer
from retrocoach.core.session.cues import Cue, CuePlanner
from retrocoach.core.session.machine import Event, Session, SessionStarted

__all__ = ["CueListener"]


class CueListener:
    """Hears each batch of session events, plays the cues they call for, and warms up.

    Hand it to the session driver (window) or the terminal coach as a listener. *on_silent_cue*
    is called for every audible cue that will not be heard (muted, the none engine, a fault):
    the window flashes there.
    """

    def __init__(
        self,
        player: CuePlayer,
        planner: CuePlanner,
        *,
        on_silent_cue: Callable[[Cue], None] | None = None,
    ) -> None:
        self.player = player
        self.planner = planner
        self._on_silent_cue = on_silent_cue

    def on_events(self, session: Session, events: Sequence[Event], now: float) -> None:
        """Play the cues for *events*, reported by *session* at *now*."""
        del session  # the events say all a cue needs
        if any(isinstance(event, SessionStarted) for event in events):
            self.player.warm_up()
        for cue in self.planner.cues_for(events, now):
            heard = self.player.play(cue)
            if not heard and cue.audible and self._on_silent_cue is not None:
                self._on_silent_cue(cue)

    def prompt(self, cue: Cue) -> bool:
        """Play *cue* at once, outside any session event; False when it will not be heard."""
        self.player.prepare()
        return self.player.play(cue)

    def warm_up(self) -> None:
        """Load the cues and open the output before the first cue is due."""
        self.player.prepare()
        self.player.warm_up()

    def set_muted(self, muted: bool) -> None:
        """Mute or unmute the cues."""
        self.player.set_muted(muted)

    def set_volume(self, volume: float) -> None:
        """Loudness 0.0..1.0."""
        self.player.set_volume(volume)

    def set_pips(self, pips: int) -> None:
        """Seconds of pips before a switch (0, 3 or 5), from the next batch on."""
        self.planner.pips = pips

    def close(self) -> None:
        """Release the player."""
        self.player.close()
