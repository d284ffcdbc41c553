"""Trying an engine from the settings: is it there, and a cue played with it to hear."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from retrocoach.audio.base import AudioUnavailable, CuePlayer
from retrocoach.audio.selection import FACTORIES, EngineFactory, select_engine
from retrocoach.core.session.cues import Cue
from retrocoach.core.settings.store import Settings
from retrocoach.core.storage.shipped import asset_path

__all__ = ["SoundTrial"]

_MISSING: Final = {
    "pulse": "The sound server (PulseAudio or PipeWire) does not answer on this computer.",
    "qt": "Qt's sound support is missing or finds no sound output on this computer.",
    "simpleaudio": "simpleaudio is not installed (it is an optional extra).",
}


class SoundTrial:
    """Checks engines and plays a test cue; keeps the last test player until closed."""

    def __init__(self, factories: Mapping[str, EngineFactory] = FACTORIES) -> None:
        self._factories = factories
        self._player: CuePlayer | None = None

    def engine_problem(self, engine: str) -> str | None:
        """Why *engine* cannot play here, in plain words; None when it can (or needs nothing)."""
        factory = self._factories.get(engine)
        if factory is None:
            return None  # auto picks whatever works; none needs nothing
        try:
            player = factory(asset_path("sounds"), False, None)
        except AudioUnavailable:
            return f"{_MISSING.get(engine, 'This engine cannot play here.')} Another is used."
        player.close()
        return None

    def play(self, settings: Settings) -> str:
        """Play the forward cue as *settings* would; say what was done, in plain words."""
        self.close()
        player, problem = select_engine(
            settings.audio_engine, asset_path("sounds"), settings.voice, factories=self._factories
        )
        self._player = player
        player.prepare()
        player.set_volume(settings.volume)
        if not player.play(Cue.FORWARD):
            if settings.audio_engine == "none":
                return "No sound is chosen: the window flashes at every switch instead."
            return "Nothing could be played: the window flashes at every switch instead."
        if problem:
            return "Playing the forward cue with another engine: the chosen one does not work here."
        return "Playing the forward cue. If you heard nothing, check the volume and speakers."

    def close(self) -> None:
        """Release the test player, if any."""
        if self._player is not None:
            self._player.close()
            self._player = None
