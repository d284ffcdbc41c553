"""The limits a treadmill coach keeps: the backward cap, the treadmill's range and its step."""

from __future__ import annotations

import math

from retrocoach.core.devices.ftms_control import SpeedRange
from retrocoach.core.segments import Direction

__all__ = ["capped", "clamped", "slowest"]


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
