"""The limits of a plan's keys, the error for a plan beyond them, and seconds written back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from retrocoach.core.speeds import BACKWARD_SPEED, FORWARD_SPEED, SpeedLimit

__all__ = [
    "LIMITS",
    "MAX_NAME_LENGTH",
    "MAX_SESSION_S",
    "SPEC_KEYS",
    "SPEED_KEYS",
    "TURN_WAIT_WORD",
    "Limit",
    "PlanError",
    "human_seconds",
]


class PlanError(ValueError):
    """A plan or plan spec that cannot be used; the message names the bad word and the rule."""


@dataclass(frozen=True, slots=True)
class Limit:
    """The allowed range of one spec key (seconds, or a count for rounds)."""

    low: int
    high: int
    is_duration: bool = True
    word: str = ""
    """A word the key takes instead of a length (``turn=wait``), or ''."""

    def describe(self) -> str:
        if self.is_duration:
            also = f", or {self.word}" if self.word else ""
            return f"from {human_seconds(self.low)} to {human_seconds(self.high)}{also}"
        return f"a whole number from {self.low} to {self.high}"


def human_seconds(seconds: int) -> str:
    """Seconds in the unit form users type: 90s -> 1m30s, 3600 -> 1h, 0 -> 0s."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    text = "".join(
        f"{value}{unit}" for value, unit in ((hours, "h"), (minutes, "m"), (secs, "s")) if value
    )
    return text or "0s"


# The spec key for each Plan field of whole seconds (or rounds), in the order a spec is written.
SPEC_KEYS: Final[Mapping[str, str]] = {
    "getready": "getready_s",
    "warmup": "warmup_s",
    "forward": "forward_s",
    "backward": "backward_s",
    "rounds": "rounds",
    "cooldown": "cooldown_s",
    "turn": "turn_s",
}
LIMITS: Final[Mapping[str, Limit]] = {
    "getready": Limit(0, 60),
    "warmup": Limit(0, 3600),
    "forward": Limit(1, 2 * 3600),
    "backward": Limit(1, 2 * 3600),
    "rounds": Limit(1, 100, is_duration=False),
    "cooldown": Limit(0, 3600),
    "turn": Limit(0, 60, word="wait"),
}
SPEED_KEYS: Final[Mapping[str, tuple[str, SpeedLimit]]] = {
    "forward-speed": ("forward_speed_kmh", FORWARD_SPEED),
    "backward-speed": ("backward_speed_kmh", BACKWARD_SPEED),
}
"""The optional belt speeds: spec key -> (Plan field in km/h, limits)."""
OPTIONAL_FIELDS: Final[Mapping[str, object]] = {
    "turn_s": 0,
    "turn_wait": False,
    "forward_speed_kmh": None,
    "backward_speed_kmh": None,
}
"""Fields a plan written before they existed lacks, with the value such a plan had."""
MAX_SESSION_S: Final = 8 * 3600
TURN_WAIT_WORD: Final = "wait"
"""``turn=wait``: each turn-around lasts until the walker says go."""
MAX_NAME_LENGTH: Final = 60
