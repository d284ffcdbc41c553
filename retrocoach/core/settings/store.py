"""The window's settings: a frozen Settings value and settings.json in the config folder."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Final, Protocol

from retrocoach.core.clock import local_now
from retrocoach.core.errors import CorruptFileError, NewerSchemaError, StorageError
from retrocoach.core.session.estimates import EstimateBasis
from retrocoach.core.settings.kinds import SettingsError
from retrocoach.core.settings.table import SETTINGS, declared
from retrocoach.core.storage.atomic import write_bytes_atomic
from retrocoach.core.storage.document_reading import writable
from retrocoach.core.storage.files import copy_aside, parse_json_bytes, read_bytes

__all__ = [
    "DEFAULTS",
    "SETTINGS_SCHEMA_VERSION",
    "Settings",
    "SettingsError",
    "SettingsStore",
]

SETTINGS_SCHEMA_VERSION: Final = 1


def _version(document: Mapping[str, object]) -> int | None:
    found = document.get("schema_version")
    return found if isinstance(found, int) and not isinstance(found, bool) else None


def _shown(value: object) -> str:
    # A hand-edited file may hold a long string or a big object; one line stays one line.
    text = json.dumps(value)
    return text if len(text) <= 40 else text[:37] + "..."


@dataclass(frozen=True, slots=True)
class Settings:
    """Every choice the walker makes, and what the window remembers.

    Each field is declared in retrocoach.core.settings.table.SETTINGS, in the same order,
    with its default, its range and its words.
    """

    audio_engine: str = declared("audio_engine")
    voice: bool = declared("voice")
    volume: float = declared("volume")
    muted: bool = declared("muted")
    pips: int = declared("pips")
    reminder_rotation_s: int = declared("reminder_rotation_s")
    checklist_every_start: bool = declared("checklist_every_start")
    checklist_confirmed: bool = declared("checklist_confirmed")
    one_leg_stand: bool = declared("one_leg_stand")
    """The walker said they can stand on one leg for 10 s holding nothing (False: not met,
    or not asked: the safer reading)."""
    body_mass_kg: float | None = declared("body_mass_kg")
    """Personal health data, kept in this private file alone."""
    units: str = declared("units")
    backward_factor: float = declared("backward_factor")
    theme: str = declared("theme")
    treadmill: str | None = declared("treadmill")
    """The treadmill's Bluetooth address; None: no treadmill."""
    turn_belt: str = declared("turn_belt")
    backward_cap_kmh: float = declared("backward_cap_kmh")
    hr_strap: str | None = declared("hr_strap")
    """The heart-rate strap's Bluetooth address; None: no strap."""
    hr_ceiling: int | None = declared("hr_ceiling")
    """Beats per minute the walker's clinician said to stay under; None: none given."""
    last_plan: str | None = declared("last_plan")

    @property
    def estimate_basis(self) -> EstimateBasis:
        """What the energy estimate takes from the settings."""
        return EstimateBasis(self.body_mass_kg, self.backward_factor)

    def __post_init__(self) -> None:
        for key, item in SETTINGS.items():
            value = getattr(self, key)
            if not item.kind.fits(value):
                raise SettingsError(f"{key}={value!r} is not allowed: {key} is {item.kind.stored}")

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
        document: dict[str, object] = {}
        if raw is not None:
            try:
                document = self._parse(raw)
            except CorruptFileError:
                copy_aside(self.path, raw, self._wall_clock())  # reuses an earlier identical copy
                keep_backup = False
            else:
                version = _version(document)
                if version is not None and version > SETTINGS_SCHEMA_VERSION:
                    raise NewerSchemaError(self.path, version, SETTINGS_SCHEMA_VERSION)
        known = settings.to_json()
        # Keys this version does not know (a newer RetroCoach's, a hand-added note) stay, as
        # docs/data-model.md promises; one that cannot be written as JSON stays in the .bak.
        others = {k: v for k, v in document.items() if k not in known and writable(v)}
        data = json.dumps({**known, **others}, indent=2, allow_nan=False) + "\n"
        note = write_bytes_atomic(self.path, data.encode("ascii"), keep_backup=keep_backup)
        if note is not None:
            self._warn(note)

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
        for key, item in SETTINGS.items():
            if key not in document:
                continue
            value = document[key]
            if item.kind.fits(value):
                values[key] = item.kind.loaded(value)
            else:
                self._warn(
                    f"{self.path.name}: {key}={_shown(value)} is not allowed ({key} is "
                    f"{item.kind.stored}); using {_shown(item.default)}"
                )
        return Settings(**values)  # type: ignore[arg-type]  # each value fits its kind
