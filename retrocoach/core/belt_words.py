"""What the coach says about the belt: the speed to set, and what to do while turning round."""

from __future__ import annotations

from typing import Final

from retrocoach.core.belt import SLOW_LEAD_S
from retrocoach.core.events import Progress
from retrocoach.core.plan import Plan
from retrocoach.core.segments import Direction, Kind, Segment
from retrocoach.core.speeds import Units, format_speed
from retrocoach.core.transitions import State

__all__ = ["belt_lines", "belt_text", "turn_line"]

_WALKING: Final = (State.RUNNING, State.PAUSED, State.GET_READY)


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
    return f"Belt: {', '.join(speeds)}{turn}" if speeds else ""


def turn_line(following: Segment | None, target_kmh: float | None, units: Units) -> str:
    """What to do during a turn-around before *following*, whose belt speed is *target_kmh*.

    As the checklist says, the turn itself is made standing on the side rails. Facing forward
    the console is in front, so the belt is set after turning; a walker about to face backward
    sets it first, while the console is still in front (and the slow-down cue came before).
    """
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
        return format_speed(after, units), turn_line(progress.next_segment, after, units)
    speed = progress.speed_kmh
    if segment.kind is Kind.GETREADY:
        start = "Start the belt at this speed, on the side rails" if after is not None else ""
        return format_speed(after, units), start
    slowing = speed is not None and after is not None and after < speed
    following = progress.next_segment
    turn_s = following.seconds if following is not None and following.kind is Kind.TURN else 0
    if slowing and progress.remaining_s <= SLOW_LEAD_S - turn_s:  # when the cue sounds
        return format_speed(speed, units), f"Slow the belt to {format_speed(after, units)} now"
    if speed is None:
        return "", f"Belt speed not in the plan: {keys} sets it"
    return format_speed(speed, units), f"Belt speed ({keys} corrects it by 0.1)"
