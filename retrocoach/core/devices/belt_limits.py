"""The limits a treadmill coach keeps: the backward cap, the treadmill's range, its slowing."""

from __future__ import annotations

import math
from typing import Final

from retrocoach.core.devices.ftms_control import SpeedRange
from retrocoach.core.segments import Direction

__all__ = [
    "DECELERATION_KMH_PER_S",
    "HOLD_AHEAD_S",
    "SPEED_TOLERANCE_KMH",
    "TURN_MARGIN_S",
    "capped",
    "clamped",
    "slowest",
    "slowing_lead_s",
]

DECELERATION_KMH_PER_S: Final = 0.5
"""How fast a belt is assumed to slow: a typical home treadmill's rate (the simulator's too)."""
TURN_MARGIN_S: Final = 1.5
"""Slack so the belt is at turn speed a moment before the turn-around begins."""
HOLD_AHEAD_S: Final = 0.5
"""When the belt is still too fast this close to a turn, the walk waits for it."""
SPEED_TOLERANCE_KMH: Final = 0.06
"""A reported speed this close to a target has reached it (the belt reports hundredths)."""


def slowing_lead_s(belt_kmh: float, turn_kmh: float) -> float:
    """Seconds before a turn to slow a belt from *belt_kmh*, to be at *turn_kmh* in time."""
    return max(0.0, belt_kmh - turn_kmh) / DECELERATION_KMH_PER_S + TURN_MARGIN_S


def capped(direction: Direction, kmh: float, cap: float) -> tuple[float, str]:
    """*kmh* held to the backward *cap*, and what to tell ('' when nothing changed)."""
    if direction is Direction.BACKWARD and kmh > cap:
        return cap, f"backward speed held to {cap:g} km/h, the backward cap (setting backward-cap)"
    return kmh, ""


def clamped(kmh: float, speeds: SpeedRange) -> tuple[float, str]:
    """*kmh* within the treadmill's range, on its step, and what to tell ('' when unchanged)."""
    low, high, step = speeds.minimum_kmh, speeds.maximum_kmh, speeds.step_kmh
    inside = min(max(kmh, low), high)
    # Down to the treadmill's step, never up: a rounded speed must not pass the cap.
    steps = math.floor((inside - low) / step + 1e-9)
    speed = round(max(low, low + steps * step), 2)
    if abs(speed - kmh) <= 0.005:
        return speed, ""
    return speed, (
        f"the treadmill runs from {low:g} to {high:g} km/h in steps of {step:g}: "
        f"{kmh:g} km/h is set as {speed:g}"
    )


def slowest(speeds: SpeedRange) -> float:
    """The treadmill's slowest running speed (its step, when it says its minimum is 0)."""
    return speeds.minimum_kmh if speeds.minimum_kmh > 0 else speeds.step_kmh
