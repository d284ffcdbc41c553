"""Sound cues: the CuePlayer protocol, its engines (qt, simpleaudio, none) and their choice."""

from retrocoach.audio.base import AudioUnavailable, CuePlayer, cue_file
from retrocoach.audio.listener import CueListener
from retrocoach.audio.null import NullCuePlayer
from retrocoach.audio.selection import ENGINES, select_engine

__all__ = [
    "ENGINES",
    "AudioUnavailable",
    "CueListener",
    "CuePlayer",
    "NullCuePlayer",
    "cue_file",
    "select_engine",
]
