"""Choosing an audio engine: the one asked for, else the next that works, and one line why."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Final

from retrocoach.audio.base import AudioUnavailable, CuePlayer, NoSoundServer
from retrocoach.audio.null import NullCuePlayer
from retrocoach.core.choices import AUDIO_ENGINES

__all__ = ["ENGINES", "FACTORIES", "SILENT_NOTE", "EngineFactory", "select_engine"]

ENGINES: Final = AUDIO_ENGINES

FaultListener = Callable[[str], None]
EngineFactory = Callable[[Path, bool, FaultListener | None], CuePlayer]
"""Builds one engine's player, or raises AudioUnavailable saying why it cannot."""


def _qt(sounds_dir: Path, voice: bool, on_fault: FaultListener | None) -> CuePlayer:
    try:
        from retrocoach.audio.qt import QtCuePlayer  # noqa: PLC0415 - loads Qt Multimedia
    except ImportError as error:
        raise AudioUnavailable(f"Qt Multimedia cannot load ({error})") from None
    return QtCuePlayer(sounds_dir, voice=voice, on_fault=on_fault)


def _pulse(sounds_dir: Path, voice: bool, on_fault: FaultListener | None) -> CuePlayer:
    from retrocoach.audio.pulse import PulseCuePlayer  # noqa: PLC0415 - loads libpulse

    return PulseCuePlayer(sounds_dir, voice=voice, on_fault=on_fault)


def _simpleaudio(sounds_dir: Path, voice: bool, on_fault: FaultListener | None) -> CuePlayer:
    from retrocoach.audio.simpleaudio_engine import SimpleAudioCuePlayer  # noqa: PLC0415

    return SimpleAudioCuePlayer(sounds_dir, voice=voice, on_fault=on_fault)


# What to try for each choice, in order; the none engine always works and ends every chain.
# When libpulse loads but no server answers (NoSoundServer), the chain stops: Qt would only
# find the same absence, and print libpulse's complaint on the user's terminal.
_CHAINS: Final = {
    "auto": ("pulse", "qt"),
    "pulse": ("pulse", "qt"),
    "qt": ("qt",),
    "simpleaudio": ("simpleaudio", "pulse", "qt"),
    "none": (),
}
FACTORIES: Final[Mapping[str, EngineFactory]] = {
    "pulse": _pulse,
    "qt": _qt,
    "simpleaudio": _simpleaudio,
}
SILENT_NOTE: Final = "cues will flash on screen instead"
"""What the window does without sound; the terminal coach says its own."""


def select_engine(
    name: str,
    sounds_dir: Path,
    voice: bool,
    *,
    on_fault: FaultListener | None = None,
    factories: Mapping[str, EngineFactory] = FACTORIES,
    silent_note: str = SILENT_NOTE,
) -> tuple[CuePlayer, str | None]:
    """The player for engine *name* and None, or a fallback and one line saying why.

    ``auto`` and ``pulse`` are pulse when a sound server answers, else qt when libpulse is
    missing, else none. ``simpleaudio`` falls back to pulse, qt, then none; ``qt`` falls back
    to none. For qt a QCoreApplication (or QApplication) must already exist. The player's
    sounds load in ``prepare()``; faults later go to *on_fault*. *silent_note* ends the line
    when no engine works (what the caller does instead). Tests pass *factories* to stand in
    for the real engines.
    """
    if name not in _CHAINS:
        raise ValueError(f"unknown audio engine {name!r}: choose one of {', '.join(ENGINES)}")
    reasons: list[str] = []
    for engine in _CHAINS[name]:
        try:
            player = factories[engine](sounds_dir, voice, on_fault)
        except NoSoundServer as error:
            reasons.append(f"{engine}: {error}")
            break
        except AudioUnavailable as error:
            reasons.append(f"{engine}: {error}")
            continue
        if name in (engine, "auto"):
            return player, None
        return player, f"sound: {'; '.join(reasons)}; using {engine} instead"
    if name == "none":
        return NullCuePlayer(), None
    return NullCuePlayer(), f"no sound ({'; '.join(reasons)}): {silent_note}"
