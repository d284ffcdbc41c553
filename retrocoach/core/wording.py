"""The words both coaches show for a session: segment names, the round, what comes next."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from retrocoach.core.durations import format_duration
from retrocoach.core.plan import Kind, Segment
from retrocoach.core.session import State

__all__ = ["SEGMENT_WORDS", "next_text", "round_text", "segment_word"]

SEGMENT_WORDS: Final[Mapping[Kind, str]] = {
    Kind.GETREADY: "GET READY",
    Kind.WARMUP: "WARM-UP",
    Kind.FORWARD: "FORWARD",
    Kind.BACKWARD: "BACKWARD",
    Kind.COOLDOWN: "COOL-DOWN",
    Kind.TURN: "TURN ROUND",
}


def segment_word(segment: Segment) -> str:
    """The word the walker reads: FORWARD, BACKWARD, WARM-UP, COOL-DOWN, TURN ROUND, GET READY."""
    return SEGMENT_WORDS[segment.kind]


def round_text(segment: Segment | None, rounds: int) -> str:
    """Where the walker is among the rounds, e.g. 'round 2 of 3'."""
    if segment is None:
        return ""
    if segment.round:
        return f"round {segment.round} of {rounds}"
    if segment.kind in (Kind.COOLDOWN, Kind.TURN):  # a turn of round 0 leads to the cool-down
        return f"all {rounds} rounds done" if rounds > 1 else "the round is done"
    return f"before round 1 of {rounds}"


def next_text(following: Segment | None, state: State) -> str:
    """What comes next, e.g. 'next: backward 1:00'."""
    if state in (State.FINISHED, State.STOPPED):
        return ""
    if following is None:
        return "next: the end"
    return f"next: {SEGMENT_WORDS[following.kind].lower()} {format_duration(following.seconds)}"
