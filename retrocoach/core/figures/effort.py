"""RetroCoach's own 0 to 10 words for how hard a walk felt, for every view that shows effort."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from retrocoach.core.history.records import MAX_EFFORT

__all__ = ["EFFORT_HINT", "EFFORT_WORDS", "effort_words"]

# Anchored on talking and on how long one could keep going. The published perceived-exertion
# scales are licensed, so none of their wording is used.
EFFORT_WORDS: Final[Mapping[int, str]] = MappingProxyType(
    {
        0: "resting: no work at all",
        1: "barely working",
        2: "very easy",
        3: "easy: I could chat freely",
        4: "comfortable",
        5: "steady: talking in full sentences",
        6: "working: talking in short sentences",
        7: "hard: a few words at a time",
        8: "very hard: hardly any words",
        9: "close to my limit",
        10: "all I had",
    }
)
EFFORT_HINT: Final = (
    f"How hard it felt, from 0 ({EFFORT_WORDS[0]}) to {MAX_EFFORT} ({EFFORT_WORDS[MAX_EFFORT]})"
)


def effort_words(value: int) -> str:
    """'7 of 10: hard: a few words at a time' for a rating; the words are RetroCoach's own."""
    return f"{value} of {MAX_EFFORT}: {EFFORT_WORDS[value]}"
