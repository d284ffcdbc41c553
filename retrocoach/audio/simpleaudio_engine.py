"""The simpleaudio engine: an opt-in extra, kept because the original design named it.

simpleaudio is archived upstream, has no wheels for Python 3.11+, needs ALSA headers to build
on Linux, and crashes the interpreter on Python 3.12+ (py-simple-audio #72, #74); so it is
refused there with a message rather than loaded. Each ``play`` starts its own playback thread
in the library and returns at once.
"""

from __future__ import annotations

import array
import importlib
import sys
import time
import wave
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from retrocoach.audio.base import (
    RING_OUT_S,
    WARM_UP_FILE,
    AudioUnavailable,
    SoundingPlayer,
    volume_gain,
)
from retrocoach.core.session.cues import Cue

__all__ = ["SimpleAudioCuePlayer", "load_simpleaudio"]

INSTALL_HINT = "pip install 'retrocoach[simpleaudio]'"


def load_simpleaudio() -> ModuleType:
    """The simpleaudio module, or AudioUnavailable saying why it cannot be used here."""
    if sys.version_info >= (3, 12):
        raise AudioUnavailable("simpleaudio crashes on Python 3.12 and later (py-simple-audio #72)")
    try:
        return importlib.import_module("simpleaudio")
    except ImportError as error:
        raise AudioUnavailable(
            f"simpleaudio is not installed ({INSTALL_HINT}; it builds from source and needs "
            f"the ALSA headers): {error}"
        ) from None


class _Pcm:
    """One cue's samples, kept so a volume change can rescale them."""

    def __init__(self, path: Path) -> None:
        with wave.open(str(path), "rb") as wav:
            if wav.getsampwidth() != 2:
                raise wave.Error(f"{path.name} is not 16-bit")
            self.channels = wav.getnchannels()
            self.rate = wav.getframerate()
            self.samples = array.array("h", wav.readframes(wav.getnframes()))
        if sys.byteorder == "big":  # pragma: no cover - WAV data is little-endian
            self.samples.byteswap()

    def scaled(self, gain: float) -> bytes:
        data = array.array("h", (round(s * gain) for s in self.samples))
        if sys.byteorder == "big":  # pragma: no cover
            data.byteswap()
        return data.tobytes()


class SimpleAudioCuePlayer(SoundingPlayer[_Pcm]):
    """Plays cues through simpleaudio (ALSA on Linux)."""

    engine = "simpleaudio"

    def __init__(
        self,
        sounds_dir: Path,
        *,
        voice: bool = False,
        on_fault: Callable[[str], None] | None = None,
        module: ModuleType | None = None,
    ) -> None:
        self._sa = module if module is not None else load_simpleaudio()
        super().__init__(sounds_dir, voice=voice, on_fault=on_fault)
        self._waves: dict[Cue, Any] = {}  # simpleaudio.WaveObject; the library has no types
        self._last: Any = None  # the PlayObject of the latest cue

    def warm_up(self) -> None:
        """Open the output once with a short silence."""
        self.prepare()
        self.play(Cue.WAKE)

    def play(self, cue: Cue) -> bool:
        """Start *cue*; False when it will not be heard."""
        if self._closed or self._lost or self._hushed(cue):
            return False
        self.prepare()
        sound = self._waves.get(cue)
        if sound is None:
            return False
        try:
            self._last = sound.play()
        except Exception as error:  # the library raises bare Exception for ALSA errors
            self._lose(f"simpleaudio cannot play ({error}); cues will flash only")
            return False
        return True

    def close(self) -> None:
        """Let the last cue ring out (at most RING_OUT_S), then stop every sound."""
        self._closed = True
        deadline = time.monotonic() + RING_OUT_S
        while self._last is not None and self._last.is_playing() and time.monotonic() < deadline:
            time.sleep(0.02)
        stop_all = getattr(self._sa, "stop_all", None)
        if callable(stop_all):
            stop_all()
        self._waves.clear()
        self._sounds.clear()

    def _cue_files(self) -> Iterator[tuple[Cue, Path]]:
        # Each simpleaudio play opens its own stream, so WAKE really plays: a short silence
        # that wakes a suspended device before the boundary's cue needs it.
        yield from super()._cue_files()
        yield Cue.WAKE, self._sounds_dir / WARM_UP_FILE

    def _load(self, path: Path) -> _Pcm:
        return _Pcm(path)

    def _loaded(self) -> None:
        self._build()

    def _volume_changed(self) -> None:
        self._build()

    def _build(self) -> None:
        gain = volume_gain(self._volume)
        self._waves = {
            cue: self._sa.WaveObject(
                pcm.scaled(1.0 if cue is Cue.WAKE else gain), pcm.channels, 2, pcm.rate
            )
            for cue, pcm in self._sounds.items()
        }
