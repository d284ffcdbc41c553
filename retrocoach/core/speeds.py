"""Belt speeds: km/h and mph as typed, their limits, and the step of a speed correction."""

from __future__ import annotations

import math
import re
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

__all__ = [
    "BACKWARD_SPEED",
    "BEGINNER_BACKWARD_KMH",
    "DEFAULT_BACKWARD_CAP_KMH",
    "FORWARD_SPEED",
    "KMH_PER_MPH",
    "SpeedError",
    "SpeedLimit",
    "Units",
    "backward_speed_warning",
    "format_speed",
    "join_units",
    "parse_speed",
    "point_for_comma",
    "spec_speed",
    "speeds_in",
    "step_speed",
]

KMH_PER_MPH: Final = 1.609344
"""The international mile is exactly 1609.344 m."""
BEGINNER_BACKWARD_KMH: Final = (1.0, 2.0)
"""The belt speed the treadmill beginners' article gives for a first backward walk."""
BACKWARD_WARN_KMH: Final = 3.0
"""Above this a backward speed is allowed, but the coach warns (it is past the beginners' range)."""

# A number, optional spaces, then a unit; the unit is required (is "3" km/h or mph?). A
# unit never starts with a digit, so 99999km/h is a number too long, not 999 in unit '99km/h'.
_SPEED: Final = re.compile(
    r"(?P<number>[0-9]{1,3}(?:\.[0-9]{1,3})?|\.[0-9]{1,3})\s*(?P<unit>(?:[^\s0-9.,]\S*)?)"
)
_COMMA_DECIMAL: Final = re.compile(r"([0-9]{1,6}),([0-9]{1,6})(\s*[^\s,]*)")
_UNITS: Final = {"km/h": "km/h", "kmh": "km/h", "kph": "km/h", "mph": "mph"}


class SpeedError(ValueError):
    """A speed that cannot be read or is out of its range; the message says what is allowed."""


class Units(StrEnum):
    """The unit speeds are shown in; plans accept both whatever is chosen."""

    KMH = "km/h"
    MPH = "mph"

    def from_kmh(self, kmh: float) -> float:
        """*kmh* in this unit."""
        return kmh if self is Units.KMH else kmh / KMH_PER_MPH

    def to_kmh(self, value: float) -> float:
        """*value* in this unit, in km/h."""
        return value if self is Units.KMH else value * KMH_PER_MPH


@dataclass(frozen=True, slots=True)
class SpeedLimit:
    """The allowed belt speeds of one direction, in km/h."""

    key: str
    low_kmh: float
    high_kmh: float

    def describe(self) -> str:
        """E.g. 'from 0.5 to 8 km/h (0.3 to 5.0 mph)'."""
        low_mph = math.ceil(self.low_kmh / KMH_PER_MPH * 10) / 10
        high_mph = math.floor(self.high_kmh / KMH_PER_MPH * 10) / 10
        return (
            f"from {self.low_kmh:g} to {self.high_kmh:g} km/h ({low_mph:.1f} to {high_mph:.1f} mph)"
        )

    def allows(self, kmh: float) -> bool:
        """Whether *kmh* is within the limits (a thousandth either side is rounding)."""
        return self.low_kmh - 1e-3 <= kmh <= self.high_kmh + 1e-3


FORWARD_SPEED: Final = SpeedLimit("forward-speed", 0.5, 8.0)
BACKWARD_SPEED: Final = SpeedLimit("backward-speed", 0.5, 6.0)
"""At about 5.9 km/h people break into a backward run (Hreljac 2005, JSSM 4:446)."""
DEFAULT_BACKWARD_CAP_KMH: Final = 3.0
"""With a treadmill under control, no backward segment runs the belt faster unless the walker
raises the backward-cap setting (at most BACKWARD_SPEED's top); above 3 km/h the coach warns."""


def parse_speed(text: str, limit: SpeedLimit) -> float:
    """Read '3.5km/h', '3.5 kmh' or '2.2 mph' as km/h (rounded to 0.001); raise SpeedError."""
    match = _SPEED.fullmatch(text.strip())
    unit = _UNITS.get(match["unit"].lower()) if match else None
    fixed = point_for_comma(text)
    if fixed is not None:
        raise SpeedError(f"{limit.key} takes a decimal point, not a comma: write {fixed}")
    if match is not None and unit is None and match["unit"]:
        raise SpeedError(
            f"{limit.key}: '{match['unit']}' is not a unit RetroCoach reads: write "
            f"{match['number']}km/h or {match['number']}mph"
        )
    if match is None:
        raise SpeedError(
            f"{limit.key} is a speed with its unit, e.g. 3.5km/h or 2.2mph; {limit.describe()}"
        )
    if unit is None:
        raise SpeedError(
            f"{limit.key} needs a unit: write {match['number']}km/h or {match['number']}mph"
        )
    kmh = round(Units(unit).to_kmh(float(match["number"])), 3)
    if not limit.allows(kmh):
        raise SpeedError(f"{limit.key} is out of range: it is {limit.describe()}")
    return min(max(kmh, limit.low_kmh), limit.high_kmh)


def point_for_comma(text: str) -> str | None:
    """*text* with its decimal comma as a point ('3,5 km/h' gives '3.5 km/h'), else None.

    Many locales write 3,5; saying so beats a refusal that only repeats the allowed forms.
    """
    match = _COMMA_DECIMAL.fullmatch(text.strip())
    return None if match is None else f"{match[1]}.{match[2]}{match[3]}"


def backward_speed_warning(kmh: float | None) -> str | None:
    """A word of caution for a backward belt faster than beginners are advised, else None."""
    if kmh is None or kmh <= BACKWARD_WARN_KMH:
        return None
    low, high = BEGINNER_BACKWARD_KMH
    return (
        f"backward-speed={format_speed(kmh)} is fast for walking backwards: the treadmill "
        f"beginners' guide suggests {low:.1f}-{high:.1f} km/h (\"Retro Walking: The Remarkable "
        'Benefits of Walking Backwards", 2026); hold the rails and slow the belt if unsure'
    )


def join_units(words: list[str], speed_keys: Collection[str]) -> list[str]:
    """Spec words with a unit written apart from its speed ('1.5', 'km/h') joined back."""
    joined: list[str] = []
    for word in words:
        previous = joined[-1] if joined else ""
        key, _, value = previous.partition("=")
        # Any word but key=value after a speed is its unit, known or not ('1.5 m/s', 'nan km/h'),
        # so the refusal quotes the speed as typed instead of half of it.
        after_speed = key.lower() in speed_keys and bool(value) and " " not in value
        if after_speed and "=" not in word:
            joined[-1] = f"{previous} {word}"
        else:
            joined.append(word)
    return joined


def format_speed(kmh: float | None, units: Units = Units.KMH) -> str:
    """A speed for reading, one decimal, in *units*: '3.5 km/h', '2.2 mph', or '' when unknown."""
    if kmh is None:
        return ""
    return f"{units.from_kmh(kmh):.1f} {units.value}"


_KMH_IN_TEXT: Final = re.compile(
    r"(?P<low>\d+(?:\.\d+)?)(?:(?P<join> to |-)(?P<high>\d+(?:\.\d+)?))? ?km/h"
    r"(?: \(\d+(?:\.\d+)? mph\))?"
)


def speeds_in(text: str, units: Units) -> str:
    """*text* with each speed it gives in km/h ('1 to 2 km/h', '5.6 km/h (3.5 mph)') said in
    *units*: a walker who reads mph never meets a km/h figure in a reminder or programme."""
    if units is Units.KMH:
        return text

    def shown(match: re.Match[str]) -> str:
        low = f"{units.from_kmh(float(match['low'])):.1f}"
        if match["high"] is None:
            return f"{low} {units.value}"
        high = f"{units.from_kmh(float(match['high'])):.1f}"
        return f"{low}{match['join']}{high} {units.value}"

    return _KMH_IN_TEXT.sub(shown, text)


def spec_speed(kmh: float) -> str:
    """A speed as a plan spec writes it: '3.5km/h' (km/h keeps what was stored exactly)."""
    return f"{kmh:g}km/h"


def step_speed(kmh: float, steps: int, units: Units, limit: SpeedLimit) -> float:
    """*kmh* moved by *steps* tenths of the shown unit, kept within *limit*; in km/h.

    The shown value is rounded to a tenth first, so a press always lands on a tenth the walker
    sees (2.2 mph, not 2.237 mph).
    """
    shown = round(units.from_kmh(kmh), 1) + steps / 10
    moved = round(units.to_kmh(round(shown, 1)), 3)
    return min(max(moved, limit.low_kmh), limit.high_kmh)
