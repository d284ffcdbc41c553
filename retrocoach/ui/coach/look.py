"""How each part of a session looks: its word, colour, arrow and pattern, kept as data."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from retrocoach.core.plan.model import Kind
from retrocoach.core.session.machine import Progress, State
from retrocoach.core.session.words import SEGMENT_WORDS

__all__ = [
    "ALL_WORDS",
    "FINISHED",
    "LOOKS",
    "PAGE_COLOURS",
    "PAGE_PATTERNS",
    "PAUSED",
    "READY",
    "STOPPED",
    "Arrow",
    "Look",
    "Pattern",
    "announcement_text",
    "look_for",
    "look_of",
]


class Arrow(StrEnum):
    """The shape drawn either side of the word: a second signal besides colour."""

    UP = "up"  # facing forward
    DOWN = "down"  # facing backward
    DOT = "dot"  # standing by: get ready
    BARS = "bars"  # paused
    CHECK = "check"  # finished
    SQUARE = "square"  # stopped


class Pattern(StrEnum):
    """The texture over the colour: a third signal for anyone who cannot tell the colours."""

    SOLID = "solid"
    STRIPES = "stripes"
    DOTS = "dots"
    BARS = "bars"
    CHECKS = "checks"


@dataclass(frozen=True, slots=True)
class Look:
    """One state of the coach as drawn: the band's colour and the ink on it."""

    word: str
    background: str
    ink: str
    arrow: Arrow
    pattern: Pattern


# Okabe and Ito's palette stays distinct under the common colour-vision deficiencies; the band
# carries its own ink, chosen for at least 4.5:1 contrast, so it reads the same in light and
# dark themes. Forward is blue and backward vermilion: the pair that is never confused.
LOOKS: Final = MappingProxyType(
    {
        Kind.GETREADY: Look(
            SEGMENT_WORDS[Kind.GETREADY], "#F0E442", "#000000", Arrow.DOT, Pattern.CHECKS
        ),
        Kind.WARMUP: Look(SEGMENT_WORDS[Kind.WARMUP], "#56B4E9", "#000000", Arrow.UP, Pattern.DOTS),
        Kind.FORWARD: Look(
            SEGMENT_WORDS[Kind.FORWARD], "#0072B2", "#FFFFFF", Arrow.UP, Pattern.SOLID
        ),
        Kind.BACKWARD: Look(
            SEGMENT_WORDS[Kind.BACKWARD], "#D55E00", "#000000", Arrow.DOWN, Pattern.STRIPES
        ),
        Kind.COOLDOWN: Look(
            SEGMENT_WORDS[Kind.COOLDOWN], "#CC79A7", "#000000", Arrow.UP, Pattern.BARS
        ),
        # Turning round: neither direction, so neither blue nor vermilion; the standing-by dot.
        Kind.TURN: Look(SEGMENT_WORDS[Kind.TURN], "#E69F00", "#000000", Arrow.DOT, Pattern.DOTS),
    }
)
# Before Start: neutral, so an idle window is never mistaken for a call to walk.
READY: Final = Look("READY", "#D0D0D0", "#000000", Arrow.DOT, Pattern.SOLID)
PAUSED: Final = Look("PAUSED", "#D0D0D0", "#000000", Arrow.BARS, Pattern.STRIPES)
FINISHED: Final = Look("DONE", "#009E73", "#000000", Arrow.CHECK, Pattern.SOLID)
STOPPED: Final = Look("STOPPED", "#E0E0E0", "#000000", Arrow.SQUARE, Pattern.SOLID)


# The directions' colours on the page itself (the History chart), per theme: the coach's blue
# and vermilion, darkened on light pages and lightened on dark ones so each keeps at least
# 4.5:1 against the page. (forward, backward)
PAGE_COLOURS: Final = MappingProxyType(
    {"light": ("#00669F", "#A84800"), "dark": ("#56B4E9", "#FF8A3D")}
)
PAGE_PATTERNS: Final = (LOOKS[Kind.FORWARD].pattern, LOOKS[Kind.BACKWARD].pattern)
"""The coach's patterns for forward and backward, for anything drawn in their colours."""


def look_for(kind: Kind) -> Look:
    """The look of a segment kind."""
    return LOOKS[kind]


ALL_WORDS: Final = tuple(look.word for look in (*LOOKS.values(), READY, PAUSED, FINISHED, STOPPED))
"""Every word the band can show: it is sized for the widest."""


def look_of(progress: Progress) -> Look:
    """The look of the session as *progress* describes it: its state's, or its segment's."""
    by_state = {State.IDLE: READY, State.PAUSED: PAUSED, State.FINISHED: FINISHED}
    if progress.state in by_state:
        return by_state[progress.state]
    if progress.state is State.STOPPED:
        return STOPPED
    kind = progress.segment.kind if progress.segment is not None else Kind.GETREADY
    return look_for(kind)


def announcement_text(state: State, word: str, time: str) -> str:
    """What a screen reader is told at a switch: 'Backward: 0:30 left', 'Ready: 5:00 in all'."""
    word = word.capitalize()
    if state in (State.RUNNING, State.GET_READY):
        return f"{word}: {time} left"
    if state is State.IDLE:
        return f"Ready: {time} in all"
    return word
