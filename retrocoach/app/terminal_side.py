"""What the terminal coach shows and does for the treadmill: its lines, its sound, its pauses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from retrocoach.core.session.cues import Cue
from retrocoach.core.speeds import Units, format_speed
from retrocoach.devices.belt_hookup import BeltShown, SessionCommand

if TYPE_CHECKING:
    from retrocoach.audio.listener import CueListener
    from retrocoach.cli.terminal import TerminalCoach

__all__ = ["TerminalSide"]


class TerminalSide:
    """A WalkSide for ``run``: lines on the terminal, the cue player's alarm when it is lost."""

    def __init__(self, cues: CueListener, units: Units) -> None:
        self.coach: TerminalCoach | None = None
        self._cues = cues
        self._units = units
        self._connected = False

    def act(self, command: SessionCommand) -> None:
        if self.coach is not None:
            self.coach.act(command)

    def tell(self, text: str, *, loud: bool) -> None:
        if loud:
            self._cues.prompt(Cue.DEVICE_LOST)
            text = text.upper()  # a terminal's largest text
        if self.coach is not None:
            self.coach.say(text[:1].upper() + text[1:])

    def show_belt(self, shown: BeltShown) -> None:
        coach = self.coach
        if coach is None:
            return
        if shown.connected and not self._connected:
            coach.say("Treadmill connected.")
        self._connected = shown.connected
        if not shown.connected or shown.belt_kmh is None:
            coach.belt_note = "" if shown.connected else "treadmill disconnected"
            return
        coach.belt_note = f"treadmill {format_speed(shown.belt_kmh, self._units)}"
