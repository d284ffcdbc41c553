"""The parts of a session: which way the walker faces, and each timed stretch."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["Direction", "Kind", "Segment"]


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
