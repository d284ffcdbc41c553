"""What every audio engine offers: the CuePlayer protocol, its errors and shared helpers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Final, Protocol, runtime_checkable

from retrocoach.core.cues import Cue

__all__ = [
    "SOUND_CUES",
    "WARM_UP_FILE",
    "AudioUnavailable",
    "CuePlayer",
    "FaultReporter",
    "clamp_volume",
    "cue_file",
    "volume_gain",
]

SOUND_CUES: Final = tuple(cue for cue in Cue if cue.audible)
WARM_UP_FILE: Final = "silence.wav"
"""Digital silence in the cues' own format: playing it opens (or keeps) the output running."""


class AudioUnavailable(RuntimeError):
    """An engine cannot play here; the message says why in one line a user can act on."""


@runtime_checkable
class CuePlayer(Protocol):
    """Plays cues without ever blocking the caller, and reports its faults instead of raising."""

    @property
    def engine(self) -> str:
        """The engine's name: qt, simpleaudio or none."""

    @property
    def silent(self) -> bool:
        """True when no cue will be heard (the none engine, or after a fault): flash instead."""

    @property
    def last_error(self) -> str | None:
        """The last fault, in one line, or None."""

    def prepare(self) -> None:
        """Create the audio objects and load every cue; safe to call more than once."""

    def warm_up(self) -> None:
        """Open the output now, so the session's first cue is not the one that waits for it."""

    def play(self, cue: Cue) -> bool:
        """Start *cue* and return at once; False when it will not be heard (flash instead)."""

    def set_volume(self, volume: float) -> None:
        """Loudness from 0.0 (silent) to 1.0 (the files as made)."""

    def set_muted(self, muted: bool) -> None:
        """Silence or restore every cue."""

    def close(self) -> None:
        """Release the audio objects; the player plays nothing afterwards."""


class FaultReporter:
    """Keeps the last fault and tells the listener about each new one exactly once."""

    def __init__(self, listener: Callable[[str], None] | None = None) -> None:
        self._listener = listener
        self._told: set[str] = set()
        self.last_error: str | None = None

    def report(self, message: str) -> None:
        """Record *message*; the listener hears it the first time only."""
        self.last_error = message
        if message in self._told:
            return
        self._told.add(message)
        if self._listener is not None:
            self._listener(message)


def cue_file(sounds_dir: Path, cue: Cue, *, voice: bool) -> Path:
    """The WAV file for *cue*: the spoken one when *voice* is on and it exists, else the tone."""
    if voice:
        spoken = sounds_dir / "voice" / f"{cue.value}.wav"
        if spoken.is_file():
            return spoken
    return sounds_dir / f"{cue.value}.wav"


def clamp_volume(volume: float) -> float:
    """*volume* limited to 0.0..1.0."""
    return min(1.0, max(0.0, float(volume)))


def volume_gain(volume: float) -> float:
    """The sample gain for a slider position: cubic, like PulseAudio's own volume sliders,
    so equal slider steps sound like roughly equal steps in loudness."""
    return clamp_volume(volume) ** 3
