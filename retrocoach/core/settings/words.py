"""The settings as the command line names and writes them: ``body-mass=70kg``, ``units=mph``."""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from retrocoach.core.choices import AUDIO_ENGINES, PIPS_CHOICES
from retrocoach.core.durations import DurationError, parse_duration, quoted
from retrocoach.core.plan.limits import human_seconds
from retrocoach.core.session.estimates import BACKWARD_FACTOR_RANGE
from retrocoach.core.settings.store import (
    BODY_MASS_KG,
    ROTATION_RANGE,
    THEMES,
    UNITS_CHOICES,
    Settings,
    SettingsError,
)
from retrocoach.core.speeds import point_for_comma

__all__ = [
    "KG_PER_LB",
    "NOT_SETTINGS",
    "SETTING_WORDS",
    "SettingWord",
    "apply_words",
    "describe_settings",
]

KG_PER_LB: Final = 0.45359237
NOT_SETTINGS: Final = frozenset(("checklist_confirmed", "last_plan"))
"""Fields of Settings that record what happened (checklist seen, plan last chosen), not choices."""
_MASS: Final = re.compile(r"([0-9]{1,4}(?:\.[0-9]{1,2})?)\s*(kg|kgs|lb|lbs)?", re.IGNORECASE)
_ON: Final = {"on": True, "true": True, "yes": True, "off": False, "false": False, "no": False}


@dataclass(frozen=True, slots=True)
class SettingWord:
    """One setting on the command line: its field, how it is read and shown, what it is."""

    field: str
    read: Callable[[str], object]
    """Text to the stored value; raises SettingsError naming what is allowed."""
    show: Callable[[object], str]
    allowed: str


def _switch(key: str) -> Callable[[str], object]:
    def read(text: str) -> object:
        value = _ON.get(text.strip().lower())
        if value is None:
            raise SettingsError(f"{key} is on or off")
        return value

    return read


def _on_off(value: object) -> str:
    return "on" if value else "off"


def _choice(key: str, choices: Sequence[str]) -> Callable[[str], object]:
    def read(text: str) -> object:
        word = text.strip().lower()
        word = "km/h" if word in ("kmh", "kph") else word
        if word not in choices:
            raise SettingsError(f"{key} is one of {', '.join(choices)}")
        return word

    return read


def _body_mass(text: str) -> object:
    word = text.strip()
    if not word:
        return None  # empty clears it
    match = _MASS.fullmatch(word)
    low, high = BODY_MASS_KG
    # Whole pounds that read as allowed kilograms once rounded to 0.1 kg, as they are stored.
    pounds = f"{math.floor(low / KG_PER_LB)} to {math.floor(high / KG_PER_LB)} lb"
    allowed = f"from {low:g} to {high:g} kg ({pounds})"
    if match is None:
        fixed = point_for_comma(word)
        if fixed is not None:
            raise SettingsError(f"body-mass takes a decimal point, not a comma: write {fixed}")
        raise SettingsError("body-mass is a weight such as 70kg or 154lb, or empty to clear it")
    number = float(match[1])
    if match[2] is None:
        # Offer only the units that would make the number a body mass RetroCoach accepts.
        fits = [u for u, kg in (("kg", number), ("lb", number * KG_PER_LB)) if low <= kg <= high]
        if not fits:
            raise SettingsError(f"body-mass is {allowed}, with its unit, or empty to clear it")
        raise SettingsError(
            f"body-mass needs a unit: write {' or '.join(match[1] + u for u in fits)}"
        )
    kg = round(number * KG_PER_LB if match[2].lower().startswith("lb") else number, 1)
    if not low <= kg <= high:
        raise SettingsError(f"body-mass is {allowed}, or empty to clear it")
    return kg


def _mass_shown(value: object) -> str:
    return "" if value is None else f"{value:g}kg"


def _factor(text: str) -> object:
    low, high = BACKWARD_FACTOR_RANGE
    try:
        value = float(text.strip())
    except ValueError:
        value = math.nan
    fixed = point_for_comma(text)
    if fixed is not None:
        raise SettingsError(f"backward-factor takes a decimal point, not a comma: write {fixed}")
    if not low <= value <= high:  # NaN fails this too
        raise SettingsError(f"backward-factor is a number from {low} to {high}")
    return round(value, 2)


def _pips(text: str) -> object:
    word = text.strip().lower()
    allowed = {("off" if seconds == 0 else str(seconds)): seconds for seconds in PIPS_CHOICES}
    if word == "0":
        word = "off"
    if word not in allowed:
        raise SettingsError(f"pips is one of {', '.join(allowed)} (seconds before a switch)")
    return allowed[word]


def _volume(text: str) -> object:
    word = text.strip().removesuffix("%").strip()
    if not (word.isascii() and word.isdigit() and int(word) <= 100):
        raise SettingsError("volume is a whole percentage from 0 to 100")
    return int(word) / 100


def _rotation(text: str) -> object:
    low, high = ROTATION_RANGE
    rule = f"reminder-rotation is 0s (off) or from {human_seconds(low)} to {human_seconds(high)}"
    try:
        seconds = parse_duration(text.strip())
    except DurationError:
        raise SettingsError(rule) from None
    if seconds and not low <= seconds <= high:
        raise SettingsError(rule)
    return seconds


SETTING_WORDS: Final[Mapping[str, SettingWord]] = {
    "audio": SettingWord(
        "audio_engine", _choice("audio", AUDIO_ENGINES), str, " | ".join(AUDIO_ENGINES)
    ),
    "voice": SettingWord("voice", _switch("voice"), _on_off, "on | off: spoken cues"),
    "pips": SettingWord(
        "pips", _pips, lambda v: _on_off(v) if not v else str(v), "off | 3 | 5: seconds of pips"
    ),
    "volume": SettingWord(
        "volume",
        _volume,
        lambda v: f"{round(float(v) * 100)}%",  # type: ignore[arg-type]  # a float setting
        "0 to 100 (%)",
    ),
    "muted": SettingWord("muted", _switch("muted"), _on_off, "on | off"),
    "reminder-rotation": SettingWord(
        "reminder_rotation_s",
        _rotation,
        lambda v: human_seconds(int(v)),  # type: ignore[call-overload]  # an int setting
        "0s (one reminder a segment) or 10s to 1h",
    ),
    "checklist-every-start": SettingWord(
        "checklist_every_start",
        _switch("checklist-every-start"),
        _on_off,
        "on | off: the safety checklist before every walk",
    ),
    "theme": SettingWord(
        "theme", _choice("theme", THEMES), str, " | ".join(THEMES) + ": the window's colours"
    ),
    "units": SettingWord("units", _choice("units", UNITS_CHOICES), str, "km/h | mph: speeds shown"),
    "body-mass": SettingWord(
        "body_mass_kg",
        _body_mass,
        _mass_shown,
        "kg or lb, for the energy estimate; empty clears it (kept only in settings.json)",
    ),
    "backward-factor": SettingWord(
        "backward_factor",
        _factor,
        lambda v: f"{v:g}",
        "1.0 to 1.6: backward walking's energy cost over forward walking's at one speed",
    ),
}


def describe_settings(settings: Settings) -> list[str]:
    """One line a setting: key=value (as it is typed back), then what it is."""
    lines = []
    for key, word in SETTING_WORDS.items():
        pair = f"{key}={word.show(getattr(settings, word.field))}"
        lines.append(f"{pair:<28} {word.allowed}")
    return lines


def apply_words(settings: Settings, words: Sequence[str]) -> Settings:
    """*settings* with each ``key=value`` of *words* applied; SettingsError names a bad word.

    Nothing is applied unless every word is good.
    """
    values: dict[str, object] = {}
    keys = ", ".join(SETTING_WORDS)
    for text in words:
        key, sep, raw = text.partition("=")
        key = key.strip().lower()
        word = SETTING_WORDS.get(key)
        if not sep or word is None:
            raise SettingsError(f"{quoted(text)} is not a setting: write key=value, keys {keys}")
        if word.field in values:
            raise SettingsError(f"{quoted(text)}: {key} is given twice; give each once")
        try:
            values[word.field] = word.read(raw)
        except SettingsError as error:
            raise SettingsError(f"{quoted(text)}: {error}") from None
    return dataclasses.replace(settings, **values)  # type: ignore[arg-type]  # each value read
