"""Carries what the audio engine reports into the window: faults and cues nobody will hear."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from retrocoach.core.session.cues import Cue

__all__ = ["CueAlerts"]


class CueAlerts(QObject):
    """Built before the cue player (which comes after the first frame); the window listens.

    The player calls :meth:`report_fault` and :meth:`report_unheard`; signals keep the window
    out of the audio code, and queue safely should a report ever come from another thread.
    """

    fault_reported = Signal(str)
    cue_unheard = Signal(str)

    def report_fault(self, message: str) -> None:
        """An audio fault, told once by the player: the sound is gone or a cue failed."""
        self.fault_reported.emit(message)

    def report_unheard(self, cue: Cue) -> None:
        """A cue was due that nobody will hear (muted, no sound, a fault)."""
        self.cue_unheard.emit(cue.value)
