"""The words both coaches show for a session: segment names, the round, what comes next, and
what to do with the belt (the speed to set, and what to do while turning round)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Final

from retrocoach.core.durations import format_duration
from retrocoach.core.plan.model import Plan
from retrocoach.core.segments import Direction, Kind, Segment
from retrocoach.core.session.belt import SLOW_LEAD_S
from retrocoach.core.session.events import Progress
from retrocoach.core.session.transitions import State
from retrocoach.core.speeds import Units, format_speed

__all__ = [
    "GO_WORDS",
    "SEGMENT_WORDS",
    "belt_lines",
    "belt_text",
    "next_text",
    "round_text",
    "segment_word",
    "slowing_now",
    "turn_line",
]

SEGMENT_WORDS: Final[Mapping[Kind, str]] = {
    Kind.GETREADY: "GET READY",
    Kind.WARMUP: "WARM-UP",
    Kind.FORWARD: "FORWARD",
    Kind.BACKWARD: "BACKWARD",
    Kind.COOLDOWN: "COOL-DOWN",
    Kind.TURN: "TURN ROUND",
}


GO_WORDS: Final = "turn round, then press Space (or your headset button)"
"""What a waiting turn-around (``turn=wait``) asks of the walker, in both coaches."""


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
    if following.waits:
        return f"next: {SEGMENT_WORDS[following.kind].lower()}, at your own pace"
    return f"next: {SEGMENT_WORDS[following.kind].lower()} {format_duration(following.seconds)}"


_WALKING: Final = (State.RUNNING, State.PAUSED, State.GET_READY, State.WAITING)


def belt_text(plan: Plan, units: Units = Units.KMH) -> str:
    """The belt speeds a plan sets, e.g. 'Belt: backward 1.0 km/h'; '' when it sets none."""
    speeds = [
        f"{name} {format_speed(speed, units)}"
        for name, speed in (
            ("forward", plan.forward_speed_kmh),
            ("backward", plan.backward_speed_kmh),
        )
        if speed is not None
    ]
    turn = f"; {plan.turn_s} s to turn round before each change of direction" if plan.turn_s else ""
    if plan.turn_wait:
        turn = "; each turn-around waits for you to press Space (or your headset button)"
    return f"Belt: {', '.join(speeds)}{turn}" if speeds else ""


def turn_line(
    following: Segment | None, target_kmh: float | None, units: Units, *, waits: bool = False
) -> str:
    """What to do during a turn-around before *following*, whose belt speed is *target_kmh*.

    As the checklist says, the turn itself is made standing on the side rails. Facing forward
    the console is in front, so the belt is set after turning; a walker about to face backward
    sets it first, while the console is still in front (and the slow-down cue came before).
    A turn-around that *waits* ends when the walker says so: the line says how.
    """
    line = _turn_line(following, target_kmh, units)
    return f"{line}; {GO_WORDS}" if waits else line


def _turn_line(following: Segment | None, target_kmh: float | None, units: Units) -> str:
    facing = following.kind.direction if following is not None else None
    way = f" to face {facing.value}" if facing is not None else ""
    if not target_kmh:
        return f"Turn round on the side rails{way}, holding on"
    speed = format_speed(target_kmh, units)
    if facing is Direction.BACKWARD:
        return f"Turn round: belt to {speed} first, then on the side rails turn{way}"
    return f"Turn round on the side rails{way}, then set the belt to {speed}"


def belt_lines(progress: Progress, units: Units, keys: str = "Up/Down") -> tuple[str, str]:
    """The belt speed to show large, and the line under it; ('', '') when there is none.

    During a turn-around the line says what to do; near a switch to a slower belt it says to
    slow it; otherwise it says how to correct the speed (*keys*).
    """
    segment = progress.segment
    if segment is None or progress.state not in _WALKING:
        return "", ""
    after = progress.next_speed_kmh
    if segment.kind is Kind.TURN:
        line = turn_line(progress.next_segment, after, units, waits=segment.waits)
        return format_speed(after, units), line
    speed = progress.speed_kmh
    if segment.kind is Kind.GETREADY:
        start = "Start the belt at this speed, on the side rails" if after is not None else ""
        return format_speed(after, units), start
    if slowing_now(progress):
        # The figure is the speed to set, not the one being left: the walker reads one number.
        return format_speed(after, units), f"Slow the belt to {format_speed(after, units)} now"
    if speed is None:
        return "", f"Belt speed not in the plan: {keys} sets it"
    return format_speed(speed, units), f"Belt speed ({keys} corrects it by 0.1)"


def slowing_now(progress: Progress) -> bool:
    """Whether the walker should be slowing the belt now (from the slow-down cue to the switch)."""
    segment = progress.segment
    if segment is None or progress.state not in _WALKING or segment.kind is Kind.TURN:
        return False
    speed, after = progress.speed_kmh, progress.next_speed_kmh
    if speed is None or after is None or after >= speed or segment.kind is Kind.GETREADY:
        return False
    following = progress.next_segment
    turn_s = 0.0
    if following is not None and following.kind is Kind.TURN:  # a waiting one tells at its start
        turn_s = math.inf if following.waits else following.seconds
    return progress.remaining_s <= SLOW_LEAD_S - turn_s  # when the cue sounds
