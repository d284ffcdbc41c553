"""Setting kinds with a unit of their own: countdown pips, a percentage, seconds, a body mass."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from retrocoach.core.durations import DurationError, parse_duration
from retrocoach.core.plan.limits import human_seconds
from retrocoach.core.settings.kinds import Kind, SettingsError, is_number
from retrocoach.core.speeds import point_for_comma

__all__ = ["KG_PER_LB", "BodyMass", "Percent", "Pips", "Seconds"]

KG_PER_LB: Final = 0.45359237
_MASS: Final = re.compile(r"([0-9]{1,4}(?:\.[0-9]{1,2})?)\s*(kg|kgs|lb|lbs)?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Pips(Kind):
    """Seconds of countdown pips before a switch, of a few; 0 (typed ``off``) turns them off."""

    labels: Mapping[int, str]

    @property
    def stored(self) -> str:
        return ", ".join(map(str, self.labels)) + " (seconds)"

    @property
    def typed(self) -> str:
        return " | ".join(self.show(seconds) for seconds in self.labels)

    def fits(self, value: object) -> bool:
        return isinstance(value, int) and not isinstance(value, bool) and value in self.labels

    def read(self, word: str, text: str) -> object:
        typed = text.strip().lower()
        allowed = {self.show(seconds): seconds for seconds in self.labels}
        typed = "off" if typed == "0" else typed
        if typed not in allowed:
            raise SettingsError(f"{word} is one of {', '.join(allowed)} (seconds before a switch)")
        return allowed[typed]

    def show(self, value: object) -> str:
        return "off" if value == 0 else str(value)


@dataclass(frozen=True, slots=True)
class Percent(Kind):
    """A fraction from 0.0 to 1.0, typed as a whole percentage."""

    @property
    def stored(self) -> str:
        return "a number from 0.0 to 1.0"

    @property
    def typed(self) -> str:
        return "0 to 100 (%)"

    def fits(self, value: object) -> bool:
        return is_number(value) and 0.0 <= value <= 1.0

    def read(self, word: str, text: str) -> object:
        typed = text.strip().removesuffix("%").strip()
        if not (typed.isascii() and typed.isdigit() and int(typed) <= 100):
            raise SettingsError(f"{word} is a whole percentage from 0 to 100")
        return int(typed) / 100

    def show(self, value: object) -> str:
        return f"{round(float(value) * 100)}%"  # type: ignore[arg-type]  # fits() held

    def loaded(self, value: object) -> object:
        return float(value)  # type: ignore[arg-type]  # fits() held


@dataclass(frozen=True, slots=True)
class Seconds(Kind):
    """A time typed as a duration (``30s``, ``1m``), from *low* to *high* seconds, or 0: off."""

    low: int
    high: int
    off: str
    """What 0 means, as in '0s (one reminder a segment)'."""
    offered: tuple[int, ...] = ()
    """The times the settings dialog lists, besides the one chosen."""

    @property
    def stored(self) -> str:
        return f"0 ({self.off}) or a whole number of seconds from {self.low} to {self.high}"

    @property
    def typed(self) -> str:
        return f"0s ({self.off}) or {human_seconds(self.low)} to {human_seconds(self.high)}"

    def fits(self, value: object) -> bool:
        if isinstance(value, bool) or not isinstance(value, int):
            return False
        return value == 0 or self.low <= value <= self.high

    def read(self, word: str, text: str) -> object:
        rule = f"{word} is {self.typed}"
        try:
            seconds = parse_duration(text.strip())
        except DurationError:
            raise SettingsError(rule) from None
        if seconds and not self.low <= seconds <= self.high:
            raise SettingsError(rule)
        return seconds

    def show(self, value: object) -> str:
        return human_seconds(int(value))  # type: ignore[call-overload]  # fits() held


@dataclass(frozen=True, slots=True)
class BodyMass(Kind):
    """A body mass in kg from *low* to *high*, typed with its unit (kg or lb), or none."""

    low: float
    high: float

    @property
    def stored(self) -> str:
        return f"null or a number of kg from {self.low:g} to {self.high:g}"

    @property
    def typed(self) -> str:
        return f"{self._allowed}; empty clears it"

    @property
    def _allowed(self) -> str:
        # Whole pounds that read as allowed kilograms once rounded to 0.1 kg, as they are stored.
        low, high = (math.floor(kg / KG_PER_LB) for kg in (self.low, self.high))
        return f"from {self.low:g} to {self.high:g} kg ({low} to {high} lb)"

    def fits(self, value: object) -> bool:
        return value is None or (is_number(value) and self.low <= value <= self.high)

    def read(self, word: str, text: str) -> object:
        typed = text.strip()
        if not typed:
            return None  # empty clears it
        match = _MASS.fullmatch(typed)
        if match is None:
            fixed = point_for_comma(typed)
            if fixed is not None:
                raise SettingsError(f"{word} takes a decimal point, not a comma: write {fixed}")
            raise SettingsError(f"{word} is a weight such as 70kg or 154lb, or empty to clear it")
        number = float(match[1])
        if match[2] is None:
            # Offer only the units that would make the number a body mass RetroCoach accepts.
            fits = [
                unit
                for unit, kg in (("kg", number), ("lb", number * KG_PER_LB))
                if self.low <= kg <= self.high
            ]
            if not fits:
                raise SettingsError(
                    f"{word} is {self._allowed}, with its unit, or empty to clear it"
                )
            raise SettingsError(
                f"{word} needs a unit: write {' or '.join(match[1] + u for u in fits)}"
            )
        kg = round(number * KG_PER_LB if match[2].lower().startswith("lb") else number, 1)
        if not self.low <= kg <= self.high:
            raise SettingsError(f"{word} is {self._allowed}, or empty to clear it")
        return kg

    def show(self, value: object) -> str:
        return "" if value is None else f"{value:g}kg"

    def loaded(self, value: object) -> object:
        return None if value is None else float(value)  # type: ignore[arg-type]  # fits() held
