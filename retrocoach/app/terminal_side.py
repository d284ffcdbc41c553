"""What the terminal coach shows and does for the devices: their lines, sounds and pauses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from retrocoach.core.devices.hr_words import HeartShown, Urgency
from retrocoach.core.session.cues import Cue
from retrocoach.core.speeds import Units, format_speed
from retrocoach.devices.belt_hookup import BeltShown, SessionCommand

if TYPE_CHECKING:
    from retrocoach.audio.listener import CueListener
    from retrocoach.cli.terminal import TerminalCoach

__all__ = ["TerminalSide"]


class TerminalSide:
    """A WalkSide and HeartSide for ``run``: lines on the terminal, the cues' alarms.

    The live line ends with the heart rate and the treadmill's speed (``coach.belt_note``).
    """

    def __init__(self, cues: CueListener, units: Units) -> None:
        self.coach: TerminalCoach | None = None
        self._cues = cues
        self._units = units
        self._connected = False
        self._belt = ""
        self._heart = ""

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
            self._belt = "" if shown.connected else "treadmill disconnected"
        else:
            self._belt = f"treadmill {format_speed(shown.belt_kmh, self._units)}"
        self._note()

    def tell_heart(self, text: str, urgency: Urgency) -> None:
        if urgency is not Urgency.QUIET:
            self._cues.prompt(Cue.EASE_OFF)
            text = text.upper()  # a terminal's largest text
        if self.coach is not None:
            self.coach.say(text)

    def show_heart(self, shown: HeartShown) -> None:
        self._heart = shown.text
        self._note()

    def _note(self) -> None:
        if self.coach is not None:
            self.coach.belt_note = "  ".join(part for part in (self._heart, self._belt) if part)
