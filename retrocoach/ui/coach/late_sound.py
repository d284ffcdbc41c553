"""The window's cue player, built after the first frame: Qt Multimedia is slow and big to load."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from retrocoach.core.session.cues import Cue
from retrocoach.core.session.listener import SessionListener
from retrocoach.core.session.machine import Event, Session
from retrocoach.ui.window.parts import Sound

__all__ = ["LateSound", "Player"]


class Player(Sound, SessionListener, Protocol):
    """What LateSound stands in for: a cue listener the window drives, which can be closed."""

    def close(self) -> None:
        """Release the audio device."""


PlayerFactory = Callable[[], tuple[Player, "str | None"]]
"""Builds the player and says why it fell back to no sound (None when all is well)."""


class LateSound:
    """Stands in for the cue player until ``build`` makes it, keeping mute, volume and pips.

    The window calls ``build`` just after its first frame and again (doing nothing) before any
    session starts, so the player exists, and is warmed up, before the first cue is due.
    """

    def __init__(self, make: PlayerFactory, *, muted: bool, volume: float, pips: int) -> None:
        self._make: PlayerFactory | None = make
        self._player: Player | None = None
        self._problem: str | None = None
        self._muted = muted
        self._volume = volume
        self._pips = pips

    @property
    def player(self) -> Player | None:
        """The player, once built."""
        return self._player

    def build(self) -> str | None:
        """Build the player now unless it is built; returns why there is no sound, or None."""
        if self._make is not None:
            make, self._make = self._make, None
            player, self._problem = make()
            player.set_muted(self._muted)
            player.set_volume(self._volume)
            player.set_pips(self._pips)
            self._player = player
        return self._problem

    def warm_up(self) -> None:
        """Build the player if need be, then open its output for the session about to start."""
        self.build()
        if self._player is not None:
            self._player.warm_up()

    def on_events(self, session: Session, events: Sequence[Event], now: float) -> None:
        """Hand the events to the player (built by warm_up before any session starts)."""
        self.build()
        if self._player is not None:
            self._player.on_events(session, events, now)

    def prompt(self, cue: Cue) -> bool:
        """Play *cue* at once, building the player first if need be."""
        self.build()
        return self._player.prompt(cue) if self._player is not None else False

    def set_muted(self, muted: bool) -> None:
        """Mute or unmute, now or as soon as the player exists."""
        self._muted = muted
        if self._player is not None:
            self._player.set_muted(muted)

    def set_volume(self, volume: float) -> None:
        """Loudness 0.0..1.0, now or as soon as the player exists."""
        self._volume = volume
        if self._player is not None:
            self._player.set_volume(volume)

    def set_pips(self, pips: int) -> None:
        """Seconds of pips before a switch, now or as soon as the player exists."""
        self._pips = pips
        if self._player is not None:
            self._player.set_pips(pips)

    def close(self) -> None:
        """Release the player if it was built; one never built is never built now."""
        self._make = None
        if self._player is not None:
            self._player.close()
