"""What every audio engine offers: the CuePlayer protocol, its errors and shared helpers."""

from __future__ import annotations

import array
import sys
import wave
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar, Final, Generic, Protocol, TypeVar, runtime_checkable

from retrocoach.core.session.cues import Cue

__all__ = [
    "RATE",
    "RING_OUT_S",
    "SOUND_CUES",
    "WARM_UP_FILE",
    "AudioUnavailable",
    "CuePlayer",
    "FaultReporter",
    "NoSoundServer",
    "SoundingPlayer",
    "clamp_volume",
    "cue_file",
    "read_cue",
    "scale_pcm",
    "volume_gain",
]

SOUND_CUES: Final = tuple(cue for cue in Cue if cue.audible)
WARM_UP_FILE: Final = "silence.wav"
"""Digital silence in the cues' own format: playing it opens (or keeps) the output running."""
RATE: Final = 48_000
"""Every cue file is 16-bit mono at this rate (tools/make_sounds.py makes them so)."""
RING_OUT_S: Final = 1.0
"""The longest close() waits for the last cue to finish playing."""

SoundT = TypeVar("SoundT")


class AudioUnavailable(RuntimeError):
    """An engine cannot play here; the message says why in one line a user can act on."""


class NoSoundServer(AudioUnavailable):
    """The sound server's client library is here, but no server answers."""


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


def read_cue(path: Path) -> bytes:
    """The PCM frames of a cue file; wave.Error unless it is 16-bit mono at RATE."""
    with wave.open(str(path), "rb") as wav:
        shape = (wav.getsampwidth(), wav.getnchannels(), wav.getframerate())
        if shape != (2, 1, RATE):
            raise wave.Error(f"expected 16-bit mono {RATE} Hz, found {shape}")
        return wav.readframes(wav.getnframes())


def scale_pcm(pcm: bytes, gain: float) -> bytes:
    """16-bit little-endian *pcm* with every sample multiplied by *gain* (0.0..1.0)."""
    if gain >= 1.0:
        return pcm
    samples = array.array("h", pcm)
    if sys.byteorder == "big":  # pragma: no cover - WAV data is little-endian
        samples.byteswap()
    scaled = array.array("h", (round(sample * gain) for sample in samples))
    if sys.byteorder == "big":  # pragma: no cover
        scaled.byteswap()
    return scaled.tobytes()


def clamp_volume(volume: float) -> float:
    """*volume* limited to 0.0..1.0."""
    return min(1.0, max(0.0, float(volume)))


def volume_gain(volume: float) -> float:
    """The sample gain for a slider position: cubic, like PulseAudio's own volume sliders,
    so equal slider steps sound like roughly equal steps in loudness."""
    return clamp_volume(volume) ** 3


class SoundingPlayer(ABC, Generic[SoundT]):
    """What the engines that make sound share: cues loaded once, volume, mute and faults.

    An engine says how to read one cue file (``_load``, into its own *SoundT*) and how to play;
    it calls ``_lose`` once its output is gone for good. The none engine plays nothing and
    needs none of this.
    """

    engine: ClassVar[str]

    def __init__(
        self, sounds_dir: Path, *, voice: bool, on_fault: Callable[[str], None] | None
    ) -> None:
        self._sounds_dir = sounds_dir
        self._voice = voice
        self._faults = FaultReporter(on_fault)
        self._sounds: dict[Cue, SoundT] = {}
        self._prepared = False
        self._volume = 1.0
        self._muted = False
        self._lost = False
        self._closed = False

    @property
    def silent(self) -> bool:
        """True once the output is lost or the player closed: nothing will be heard."""
        return self._lost or self._closed

    @property
    def last_error(self) -> str | None:
        """The last fault, or None."""
        return self._faults.last_error

    def prepare(self) -> None:
        """Read every cue file into memory once; a file that cannot be used is reported once."""
        if self._prepared or self._closed:
            return
        self._prepared = True
        for cue, path in self._cue_files():
            try:
                self._sounds[cue] = self._load(path)
            except (OSError, EOFError, wave.Error) as error:
                self._faults.report(
                    f"the {cue.value} cue could not be loaded ({path.name}: {error}): "
                    "it will flash only"
                )
        self._loaded()

    def set_volume(self, volume: float) -> None:
        """Loudness 0.0..1.0 on the slider's scale (see volume_gain)."""
        self._volume = clamp_volume(volume)
        self._volume_changed()

    def set_muted(self, muted: bool) -> None:
        """Mute or unmute every cue."""
        self._muted = muted

    @abstractmethod
    def warm_up(self) -> None:
        """Open the output, so the session's first cue is not the one that waits for it."""

    @abstractmethod
    def play(self, cue: Cue) -> bool:
        """Start *cue* and return at once; False when it will not be heard."""

    @abstractmethod
    def close(self) -> None:
        """Let the last cue ring out (at most RING_OUT_S), then release the output."""

    # -- for the engines -------------------------------------------------------------------------

    def _hushed(self, cue: Cue) -> bool:
        """Whether *cue* would make a sound nobody hears: muted, or at volume zero."""
        return cue.audible and (self._muted or self._volume == 0.0)

    def _cue_files(self) -> Iterator[tuple[Cue, Path]]:
        """Each cue to load and its file; an engine that plays something for WAKE adds it."""
        for cue in SOUND_CUES:
            yield cue, cue_file(self._sounds_dir, cue, voice=self._voice)

    @abstractmethod
    def _load(self, path: Path) -> SoundT:
        """One cue file, ready to play; OSError, EOFError or wave.Error if it cannot be."""

    def _loaded(self) -> None:
        """Called once every cue file has been tried."""

    def _volume_changed(self) -> None:
        """Called after every volume change, to apply ``self._volume``."""

    def _lose(self, message: str) -> None:
        """The output is gone for good: say so once and stay silent from now on."""
        self._lost = True
        self._faults.report(message)
