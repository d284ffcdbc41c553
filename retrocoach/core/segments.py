"""The parts of a session: which way the walker faces, and each timed stretch."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

__all__ = ["TRIVIAL_WALK_S", "Direction", "Kind", "Segment", "trivial_walk"]


class Direction(StrEnum):
    """Which way the walker faces."""

    FORWARD = "forward"
    BACKWARD = "backward"


class Kind(StrEnum):
    """The part of the session a segment belongs to."""

    GETREADY = "getready"
    WARMUP = "warmup"
    FORWARD = "forward"
    BACKWARD = "backward"
    COOLDOWN = "cooldown"
    TURN = "turn"
    """Turning round before a change of direction: counted as neither direction."""

    @property
    def direction(self) -> Direction | None:
        """The walking direction, or None for the get-ready countdown and a turn-around."""
        if self is Kind.GETREADY or self is Kind.TURN:
            return None
        return Direction.BACKWARD if self is Kind.BACKWARD else Direction.FORWARD


@dataclass(frozen=True, slots=True)
class Segment:
    """One stretch of the session: what to do and for how many seconds."""

    kind: Kind
    seconds: int
    round: int = 0
    """1-based round for forward and backward segments; 0 for the parts outside the rounds."""
    waits: bool = False
    """A turn-around that waits for the walker to say go (``turn=wait``): no set length."""


TRIVIAL_WALK_S: Final = 60.0
"""A walk ended early with less walking than this is a false start, not a session."""


def trivial_walk(outcome: str, walking_s: float) -> bool:
    """Whether a walk is a false start: ended before its plan's end (stopped or interrupted)
    with under TRIVIAL_WALK_S of walking.

    It stays in the history, but the lines that judge walks ignore it: it is no session to
    rest a day after, nor one to compare the next walk with (a 14-second try made 'a rest
    day is suggested' and 'longer than your last walk (0:14)'). A walk walked to its end is
    never trivial, however short its plan.
    """
    return outcome != "completed" and walking_s < TRIVIAL_WALK_S
