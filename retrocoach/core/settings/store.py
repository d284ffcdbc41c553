"""The window's settings: a frozen Settings value and settings.json in the config folder."""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Final, Protocol

from retrocoach.core.choices import AUDIO_ENGINES, PIPS_CHOICES
from retrocoach.core.clock import local_now
from retrocoach.core.errors import CorruptFileError, NewerSchemaError, StorageError
from retrocoach.core.session.estimates import (
    BACKWARD_FACTOR_RANGE,
    DEFAULT_BACKWARD_FACTOR,
    EstimateBasis,
)
from retrocoach.core.storage.atomic import write_bytes_atomic
from retrocoach.core.storage.files import copy_aside, parse_json_bytes, read_bytes

__all__ = [
    "AUDIO_ENGINES",
    "BODY_MASS_KG",
    "PIPS_CHOICES",
    "ROTATION_CHOICES",
    "SETTINGS_SCHEMA_VERSION",
    "THEMES",
    "UNITS_CHOICES",
    "Settings",
    "SettingsError",
    "SettingsStore",
]

SETTINGS_SCHEMA_VERSION: Final = 1
BODY_MASS_KG: Final = (20.0, 350.0)
UNITS_CHOICES: Final = ("km/h", "mph")
_FLOATS: Final = ("volume", "body_mass_kg", "backward_factor")
THEMES: Final = ("system", "light", "dark")
"""The window's colours: the desktop's own, or RetroCoach's light or dark palette."""
MAX_LAST_PLAN_CHARS: Final = 400
ROTATION_CHOICES: Final = (0, 20, 30, 60)
"""The reminder rotations the settings dialog offers; any value in ROTATION_RANGE is allowed."""
ROTATION_RANGE: Final = (10, 3600)
"""Shorter than ten seconds nobody can read a reminder before it changes; 0 turns rotation off."""


class SettingsError(ValueError):
    """A settings value out of its range; the message names the key and what is allowed."""


def _is_bool(value: object) -> bool:
    return isinstance(value, bool)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_rotation(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, int):
        return False
    return value == 0 or ROTATION_RANGE[0] <= value <= ROTATION_RANGE[1]


def _version(document: Mapping[str, object]) -> int | None:
    found = document.get("schema_version")
    return found if isinstance(found, int) and not isinstance(found, bool) else None


def _shown(value: object) -> str:
    # A hand-edited file may hold a long string or a big object; one line stays one line.
    text = json.dumps(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _is_body_mass(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return math.isfinite(value) and BODY_MASS_KG[0] <= value <= BODY_MASS_KG[1]


def _is_factor(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    low, high = BACKWARD_FACTOR_RANGE
    return math.isfinite(value) and low <= value <= high


def _is_volume(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return math.isfinite(value) and 0.0 <= value <= 1.0


# Each key's rule as (check, what is allowed), so loading can reject one key and keep the rest.
_RULES: Final[Mapping[str, tuple[Callable[[object], bool], str]]] = {
    "audio_engine": (lambda v: v in AUDIO_ENGINES, "one of " + ", ".join(AUDIO_ENGINES)),
    "voice": (_is_bool, "true or false"),
    "volume": (_is_volume, "a number from 0.0 to 1.0"),
    "muted": (_is_bool, "true or false"),
    "pips": (lambda v: _is_int(v) and v in PIPS_CHOICES, "0, 3 or 5 (seconds)"),
    "reminder_rotation_s": (
        _is_rotation,
        f"0 (off) or a whole number of seconds from {ROTATION_RANGE[0]} to {ROTATION_RANGE[1]}",
    ),
    "checklist_every_start": (_is_bool, "true or false"),
    "checklist_confirmed": (_is_bool, "true or false"),
    "body_mass_kg": (
        _is_body_mass,
        f"null or a number of kg from {BODY_MASS_KG[0]:g} to {BODY_MASS_KG[1]:g}",
    ),
    "units": (lambda v: v in UNITS_CHOICES, "km/h or mph"),
    "backward_factor": (
        _is_factor,
        f"a number from {BACKWARD_FACTOR_RANGE[0]} to {BACKWARD_FACTOR_RANGE[1]}",
    ),
    "theme": (lambda v: v in THEMES, "one of " + ", ".join(THEMES)),
    "last_plan": (
        lambda v: v is None or (isinstance(v, str) and 0 < len(v) <= MAX_LAST_PLAN_CHARS),
        f"null or a plan name or spec of 1 to {MAX_LAST_PLAN_CHARS} characters",
    ),
}


@dataclass(frozen=True, slots=True)
class Settings:
    """Every choice the walker makes in the settings dialog, and whether the checklist was seen."""

    audio_engine: str = "auto"
    voice: bool = False
    """Spoken cues instead of tones."""
    volume: float = 0.8
    muted: bool = False
    pips: int = 3
    """Seconds of 3-2-1 pips before a switch; 0 turns them off."""
    reminder_rotation_s: int = 30
    """Seconds between safety reminders; 0 keeps one reminder for the whole segment."""
    checklist_every_start: bool = False
    checklist_confirmed: bool = False
    """The walker has confirmed the safety checklist once."""
    body_mass_kg: float | None = None
    """For the energy estimate only; personal health data, kept in this private file alone."""
    units: str = "km/h"
    """The unit speeds are shown in; plans accept both."""
    backward_factor: float = DEFAULT_BACKWARD_FACTOR
    """Backward walking's MET as a multiple of forward walking's at the same speed."""
    theme: str = "system"
    last_plan: str | None = None
    """The plan the window showed last (a preset or saved plan's name, or a spec), or None."""

    @property
    def estimate_basis(self) -> EstimateBasis:
        """What the energy estimate takes from the settings."""
        return EstimateBasis(self.body_mass_kg, self.backward_factor)

    def __post_init__(self) -> None:
        for key, (check, allowed) in _RULES.items():
            value = getattr(self, key)
            if not check(value):
                raise SettingsError(f"{key}={value!r} is not allowed: {key} is {allowed}")

    def to_json(self) -> dict[str, object]:
        """The settings as stored in settings.json, schema version included."""
        return {"schema_version": SETTINGS_SCHEMA_VERSION, **dataclasses.asdict(self)}


DEFAULTS: Final = Settings()


class ConfigFolder(Protocol):
    """Anything that names the config folder, such as retrocoach.core.storage.paths.DataPaths."""

    @property
    def config_dir(self) -> Path:
        """The folder that holds settings.json."""
        ...


class SettingsStore:
    """settings.json: read leniently (a bad key costs only that key), written atomically."""

    def __init__(
        self,
        location: ConfigFolder | Path,
        *,
        warn: Callable[[str], None],
        wall_clock: Callable[[], datetime] = local_now,
    ) -> None:
        folder = location if isinstance(location, Path) else location.config_dir
        self.path = folder / "settings.json"
        self._warn = warn
        self._wall_clock = wall_clock

    def load(self) -> Settings:
        """The saved settings; defaults for a missing file, an unreadable one, or a bad key.

        An unreadable file is copied aside byte for byte and never changed; each problem is
        told in one line through *warn*.
        """
        try:
            raw = read_bytes(self.path)
        except StorageError as error:  # no permission, a folder in its place...
            self._warn(f"{error}; the default settings are used")
            return DEFAULTS
        if raw is None:
            return DEFAULTS
        try:
            document = self._parse(raw)
        except CorruptFileError as error:
            self._set_aside(raw, error.reason)
            return DEFAULTS
        version = _version(document)
        if version is not None and version > SETTINGS_SCHEMA_VERSION:
            # Keys this version knows may still apply; the file itself is left alone.
            self._warn(str(NewerSchemaError(self.path, version, SETTINGS_SCHEMA_VERSION)))
        return self._settings_from(document)

    def save(self, settings: Settings) -> None:
        """Write *settings* atomically (0600), keeping the previous file as settings.json.bak.

        Raises NewerSchemaError for a file of a newer RetroCoach and StorageError if the disk
        refuses; an unreadable file is copied aside before it is replaced.
        """
        raw = read_bytes(self.path)
        keep_backup = raw is not None
        if raw is not None:
            try:
                version = _version(self._parse(raw))
            except CorruptFileError:
                copy_aside(self.path, raw, self._wall_clock())  # reuses an earlier identical copy
                keep_backup = False
            else:
                if version is not None and version > SETTINGS_SCHEMA_VERSION:
                    raise NewerSchemaError(self.path, version, SETTINGS_SCHEMA_VERSION)
        data = json.dumps(settings.to_json(), indent=2, allow_nan=False) + "\n"
        write_bytes_atomic(self.path, data.encode("ascii"), keep_backup=keep_backup)

    @staticmethod
    def _parse(raw: bytes) -> dict[str, object]:
        document = parse_json_bytes(raw)
        if not isinstance(document, dict):
            raise CorruptFileError("it is not a JSON object")
        return document

    def _set_aside(self, raw: bytes, reason: str) -> None:
        try:
            copy = copy_aside(self.path, raw, self._wall_clock())
        except StorageError as error:
            self._warn(
                f"{self.path} could not be read ({reason}) and no copy could be kept ({error}); "
                "using the default settings"
            )
            return
        self._warn(
            f"{self.path} could not be read ({reason}); a copy is kept as {copy}; "
            "using the default settings"
        )

    def _settings_from(self, document: Mapping[str, object]) -> Settings:
        values: dict[str, object] = {}
        for key, (check, allowed) in _RULES.items():
            if key not in document:
                continue
            value = document[key]
            if not check(value):
                self._warn(
                    f"{self.path.name}: {key}={_shown(value)} is not allowed ({key} is "
                    f"{allowed}); using {_shown(getattr(DEFAULTS, key))}"
                )
            elif isinstance(value, int | float) and key in _FLOATS:
                values[key] = float(value)  # JSON writes 1.0 as 1 after a hand edit
            else:
                values[key] = value
        return Settings(**values)  # type: ignore[arg-type]  # each value passed its rule above
