"""The choices the command line, the settings file and the settings dialog share.

A leaf module: the command line imports it without loading the rest of the core.
"""

from __future__ import annotations

from typing import Final

__all__ = ["AUDIO_ENGINES", "PIPS_CHOICES"]

AUDIO_ENGINES: Final = ("auto", "pulse", "qt", "simpleaudio", "none")
"""auto: the sound server's own library (pulse) when a server answers, else Qt, else none;
simpleaudio is an optional extra."""
PIPS_CHOICES: Final = (0, 3, 5)
"""Seconds of countdown pips before a switch; 0 is off."""
