"""The kinds of setting value: how each is stored, typed on the command line and shown back."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final, TypeGuard

from retrocoach.core.speeds import point_for_comma

__all__ = [
    "BluetoothAddress",
    "Choice",
    "Kind",
    "Number",
    "SettingsError",
    "Switch",
    "Text",
    "is_number",
]

_ON: Final = {"on": True, "true": True, "yes": True, "off": False, "false": False, "no": False}
_CLEAR: Final = ("", "none")
_BLUETOOTH_ADDRESS: Final = re.compile(
    r"[0-9A-F]{2}(?::[0-9A-F]{2}){5}"  # six pairs, as Linux and Windows give them
    r"|[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}"  # macOS's per-device UUID
)


class SettingsError(ValueError):
    """A settings value out of its range; the message names the key and what is allowed."""


def is_number(value: object) -> TypeGuard[int | float]:
    """Whether *value* is a finite JSON number (a bool is not one)."""
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
        return is_number(value) and self.low <= value <= self.high

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
