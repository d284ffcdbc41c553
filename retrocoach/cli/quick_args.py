"""The plain window start (``retrocoach``, ``--data-dir``, ``--audio``) read without argparse.

Building the whole parser imports argparse and the settings table and lays out every
command's help: time a walker waits for the window at every start. A command line this
module does not recognise word for word goes to the full parser, which also owns every
error message, so nothing is accepted here that the full parser would refuse.
"""

from __future__ import annotations

from argparse import Namespace
from collections.abc import Sequence
from pathlib import Path

from retrocoach.core.choices import AUDIO_ENGINES

__all__ = ["quick_window_args"]

_VALUED = frozenset({"--data-dir", "--audio"})


def quick_window_args(words: Sequence[str]) -> Namespace | None:
    """The window's arguments when *words* only name the data folder and the sound engine;
    None for anything else (a command, another option, an abbreviation, a bad value)."""
    given: dict[str, str] = {}
    rest = list(words)
    while rest:
        word = rest.pop(0)
        name, equals, value = word.partition("=")
        if name not in _VALUED:
            return None
        if not equals:
            if not rest or rest[0].startswith("-"):
                return None  # argparse's own message says what is missing
            value = rest.pop(0)
        given[name] = value
    audio = given.get("--audio", "auto")
    if audio not in AUDIO_ENGINES:
        return None
    data_dir = given.get("--data-dir")
    # The same namespace the full parser gives for these words (see test_quick_args.py).
    return Namespace(
        plan=None,
        data_dir=None if data_dir is None else Path(data_dir),
        audio=audio,
        treadmill=None,
        hr=None,
        command=None,
    )
