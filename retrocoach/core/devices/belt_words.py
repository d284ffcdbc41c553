"""What the treadmill coach tells the walker, in plain words, and the limits it keeps."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from retrocoach.core.devices.ftms_control import Op, Result
from retrocoach.core.speeds import BACKWARD_SPEED, DEFAULT_BACKWARD_CAP_KMH

__all__ = [
    "DEFAULT_BACKWARD_CAP_KMH",
    "MAX_BACKWARD_CAP_KMH",
    "CorrectSpeed",
    "HoldWalk",
    "Notice",
    "NoticeKind",
    "PauseWalk",
    "TurnBelt",
    "control_error",
]

MAX_BACKWARD_CAP_KMH: Final = BACKWARD_SPEED.high_kmh
"""The backward-cap setting cannot go above this, the fastest backward speed a plan may have."""


class TurnBelt(StrEnum):
    """What the belt does while the walker turns round (the turn-belt setting)."""

    STOP = "stop"
    SLOW = "slow"
    """The treadmill's slowest speed."""


class NoticeKind(StrEnum):
    """What a notice is about, for how loudly it is told."""

    DISCONNECTED = "disconnected"
    """The coach's largest text and a sound of its own."""
    STATUS = "status"
    """The treadmill stopped or paused itself: the walk pauses."""
    ADJUSTED = "adjusted"
    """A speed was clamped to the treadmill's range or held to the backward cap."""
    ERROR = "error"
    """The treadmill refused a request."""


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the walker must be told about the treadmill."""

    kind: NoticeKind
    text: str


@dataclass(frozen=True, slots=True)
class PauseWalk:
    """The treadmill stopped itself: pause the session and tell the walker *reason*."""

    reason: str


@dataclass(frozen=True, slots=True)
class HoldWalk:
    """The belt is not yet at turn speed and the turn is due: hold the walk (True) until it
    is, then let it go on (False). The walk is paused meanwhile, the belt left as it is."""

    hold: bool
    reason: str = ""


@dataclass(frozen=True, slots=True)
class CorrectSpeed:
    """The walker changed the speed on the console: record it as a correction."""

    speed_kmh: float


DISCONNECTED_TEXT: Final = "treadmill disconnected: set the belt by hand"

_WHAT: Final = {
    Op.REQUEST_CONTROL: "let RetroCoach control it",
    Op.RESET: "reset",
    Op.SET_TARGET_SPEED: "change its speed",
    Op.SET_TARGET_INCLINATION: "change its incline",
    Op.START_OR_RESUME: "start the belt",
    Op.STOP_OR_PAUSE: "stop the belt",
}


def control_error(op: int, result: int) -> str:
    """The walker's words for a refused Control Point request."""
    try:
        what = _WHAT[Op(op)]
    except ValueError:
        what = f"do request 0x{op:02x}"
    if result == Result.NOT_PERMITTED:  # whichever request met it: one refusal, told once
        return (
            "the treadmill did not let RetroCoach control it: check its safety key and that no "
            "other app holds it; set the belt by hand meanwhile"
        )
    if result == Result.NOT_SUPPORTED:
        return f"this treadmill cannot {what} from an app: use its console"
    if result == Result.INVALID_PARAMETER:
        return f"the treadmill refused to {what} to that value: use its console"
    return f"the treadmill could not {what}: use its console"
