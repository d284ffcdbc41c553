"""The kinds of setting value: how each is stored, typed on the command line and shown back."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final, TypeGuard

from retrocoach.core.durations import DurationError, parse_duration
from retrocoach.core.plan.limits import human_seconds
from retrocoach.core.speeds import point_for_comma

__all__ = [
    "KG_PER_LB",
    "BluetoothAddress",
    "BodyMass",
    "Choice",
    "Kind",
    "Number",
    "Percent",
    "Pips",
    "Seconds",
    "SettingsError",
    "Switch",
    "Text",
]

KG_PER_LB: Final = 0.45359237
_MASS: Final = re.compile(r"([0-9]{1,4}(?:\.[0-9]{1,2})?)\s*(kg|kgs|lb|lbs)?", re.IGNORECASE)
_ON: Final = {"on": True, "true": True, "yes": True, "off": False, "false": False, "no": False}
_CLEAR: Final = ("", "none")
_BLUETOOTH_ADDRESS: Final = re.compile(
    r"[0-9A-F]{2}(?::[0-9A-F]{2}){5}"  # six pairs, as Linux and Windows give them
    r"|[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}"  # macOS's per-device UUID
)


class SettingsError(ValueError):
    """A settings value out of its range; the message names the key and what is allowed."""


def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


class Kind:
    """One kind of value; a subclass says what settings.json and the command line allow."""

    @property
    def stored(self) -> str:
        """What settings.json allows, for a warning and docs/data-model.md."""
        raise NotImplementedError

    @property
    def typed(self) -> str:
        """What the command line takes, for `retrocoach settings` and the README."""
        raise NotImplementedError

    def fits(self, value: object) -> bool:
        """Whether *value*, as settings.json holds it, is allowed."""
        raise NotImplementedError

    def read(self, word: str, text: str) -> object:
        """The value *text* typed after ``word=`` stands for; SettingsError names the rule."""
        raise NotImplementedError

    def show(self, value: object) -> str:
        """*value* as it is typed back on the command line."""
        return str(value)

    def loaded(self, value: object) -> object:
        """A value that fits, as Settings holds it (JSON writes 1.0 as 1 after a hand edit)."""
        return value


@dataclass(frozen=True, slots=True)
class Switch(Kind):
    """On or off."""

    @property
    def stored(self) -> str:
        return "true or false"

    @property
    def typed(self) -> str:
        return "on | off"

    def fits(self, value: object) -> bool:
        return isinstance(value, bool)

    def read(self, word: str, text: str) -> object:
        value = _ON.get(text.strip().lower())
        if value is None:
            raise SettingsError(f"{word} is on or off")
        return value

    def show(self, value: object) -> str:
        return "on" if value else "off"


@dataclass(frozen=True, slots=True)
class Choice(Kind):
    """One word of a few; *labels* names each in the settings dialog."""

    labels: Mapping[str, str]
    aliases: Mapping[str, str] = field(default_factory=dict)
    """Other spellings the command line takes (kmh for km/h)."""

    @property
    def choices(self) -> tuple[str, ...]:
        """The words allowed, in the order they are offered."""
        return tuple(self.labels)

    @property
    def stored(self) -> str:
        return "one of " + ", ".join(self.choices)

    @property
    def typed(self) -> str:
        return " | ".join(self.choices)

    def fits(self, value: object) -> bool:
        return value in self.choices

    def read(self, word: str, text: str) -> object:
        choice = text.strip().lower()
        choice = self.aliases.get(choice, choice)
        if choice not in self.choices:
            raise SettingsError(f"{word} is one of {', '.join(self.choices)}")
        return choice


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
class Number(Kind):
    """A number from *low* to *high*, kept to *decimals* places; whole when *decimals* is 0.

    *optional*: also null, typed as ``none`` or nothing.
    """

    low: float
    high: float
    decimals: int = 2
    unit: str = ""
    optional: bool = False

    @property
    def _range(self) -> str:
        low, high = (f"{n:g}" if self.decimals == 0 else f"{n}" for n in (self.low, self.high))
        return f"{low} to {high}" + (f" {self.unit}" if self.unit else "")

    @property
    def stored(self) -> str:
        kind = "a whole number" if self.decimals == 0 else "a number"
        return ("null or " if self.optional else "") + f"{kind} from {self._range}"

    @property
    def typed(self) -> str:
        return self._range + ("; none clears it" if self.optional else "")

    def fits(self, value: object) -> bool:
        if value is None:
            return self.optional
        if self.decimals == 0 and not isinstance(value, int):
            return False
        return _is_number(value) and self.low <= value <= self.high

    def read(self, word: str, text: str) -> object:
        typed = text.strip().removesuffix(self.unit).strip() if self.unit else text.strip()
        if self.optional and typed.lower() in _CLEAR:
            return None
        fixed = point_for_comma(typed)
        if fixed is not None:
            raise SettingsError(f"{word} takes a decimal point, not a comma: write {fixed}")
        try:
            value = float(typed)
        except ValueError:
            value = math.nan
        if not self.low <= value <= self.high:  # NaN fails this too
            raise SettingsError(f"{word} is a number from {self._range}")
        return round(value) if self.decimals == 0 else round(value, self.decimals)

    def show(self, value: object) -> str:
        return "none" if value is None else f"{value:g}"

    def loaded(self, value: object) -> object:
        return float(value) if self.decimals and isinstance(value, int) else value


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
        return _is_number(value) and 0.0 <= value <= 1.0

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
        return value is None or (_is_number(value) and self.low <= value <= self.high)

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


@dataclass(frozen=True, slots=True)
class Text(Kind):
    """Null or a string of 1 to *max_chars* characters, such as a plan's name or spec."""

    max_chars: int
    what: str

    @property
    def stored(self) -> str:
        return f"null or {self.what} of 1 to {self.max_chars} characters"

    @property
    def typed(self) -> str:
        return f"{self.what}, up to {self.max_chars} characters; empty clears it"

    def fits(self, value: object) -> bool:
        return value is None or (isinstance(value, str) and 0 < len(value) <= self.max_chars)

    def read(self, word: str, text: str) -> object:
        typed = text.strip()
        if len(typed) > self.max_chars:
            raise SettingsError(f"{word} is {self.typed}")
        return typed or None

    def show(self, value: object) -> str:
        return "" if value is None else str(value)


@dataclass(frozen=True, slots=True)
class BluetoothAddress(Kind):
    """Null (none) or a Bluetooth device's address, kept in capitals."""

    what: str
    """The device, for the messages: "treadmill", "heart-rate strap"."""
    scan: str
    """The command that lists such devices nearby."""

    @property
    def stored(self) -> str:
        return "null or a Bluetooth address such as F2:7E:AD:31:11:01"

    @property
    def typed(self) -> str:
        return f"a Bluetooth address (see '{self.scan}') or none"

    def fits(self, value: object) -> bool:
        return value is None or (
            isinstance(value, str) and _BLUETOOTH_ADDRESS.fullmatch(value) is not None
        )

    def read(self, word: str, text: str) -> object:
        typed = text.strip().upper()
        if typed.lower() in _CLEAR:
            return None
        if _BLUETOOTH_ADDRESS.fullmatch(typed) is None:
            raise SettingsError(
                f"{word} is a Bluetooth address such as F2:7E:AD:31:11:01 (see '{self.scan}'), "
                "or none"
            )
        return typed

    def show(self, value: object) -> str:
        return "none" if value is None else str(value)
