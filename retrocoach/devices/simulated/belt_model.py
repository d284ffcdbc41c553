"""A treadmill belt's physics and console, as the simulated treadmill runs them: no Bluetooth."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

__all__ = ["ACCELERATION_KMH_PER_S", "BeltModel"]

ACCELERATION_KMH_PER_S: Final = 0.5
"""How fast the belt speeds up and slows down: a typical home treadmill's rate."""


@dataclass
class BeltModel:
    """The belt: running or not, its target and actual speed, the distance it has run."""

    minimum_kmh: float = 0.5
    maximum_kmh: float = 12.0
    step_kmh: float = 0.1
    rate_kmh_per_s: float = ACCELERATION_KMH_PER_S
    running: bool = False
    target_kmh: float = 0.0
    speed_kmh: float = 0.0
    distance_m: float = 0.0
    elapsed_s: float = 0.0
    safety_key_in: bool = True
    history: list[tuple[float, float]] = field(default_factory=list)
    """(elapsed seconds, speed) at every step, for the tests."""

    def start(self) -> bool:
        """Start or resume the belt; False with the safety key out."""
        if not self.safety_key_in:
            return False
        if not self.running:
            self.running = True
            self.target_kmh = max(self.target_kmh, self.minimum_kmh)
        return True

    def stop(self, *, pause: bool = False) -> None:
        """Stop the belt; a pause keeps the target for the resume."""
        self.running = False
        if not pause:
            self.target_kmh = 0.0

    def set_target(self, kmh: float) -> bool:
        """A new target speed; False when it is outside the range (nothing changes then)."""
        if not self.minimum_kmh - 1e-9 <= kmh <= self.maximum_kmh + 1e-9:
            return False
        self.target_kmh = kmh
        return True

    def pull_safety_key(self) -> None:
        """The walker pulled the safety key: the belt stops at once, as real ones do."""
        self.safety_key_in = False
        self.running = False
        self.target_kmh = 0.0
        self.speed_kmh = 0.0

    def advance(self, seconds: float) -> None:
        """Let *seconds* pass: the belt moves toward its target at the set rate."""
        goal = self.target_kmh if self.running else 0.0
        change = self.rate_kmh_per_s * seconds
        before = self.speed_kmh
        if before < goal:
            self.speed_kmh = min(goal, before + change)
        else:
            self.speed_kmh = max(goal, before - change)
        self.distance_m += (before + self.speed_kmh) / 2 / 3.6 * seconds
        self.elapsed_s += seconds
        self.history.append((self.elapsed_s, self.speed_kmh))
        del self.history[:-10_000]
