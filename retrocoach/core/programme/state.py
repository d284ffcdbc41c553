"""Which programme the walker follows: programme.json, written with the history's file rules."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Final, Protocol

from retrocoach.core.clock import local_now, moment_text
from retrocoach.core.storage.document import DocumentFile, Loaded, MigrationStep
from retrocoach.core.storage.document_reading import writable

__all__ = [
    "PROGRAMME_SCHEMA_VERSION",
    "Enrolment",
    "ProgrammeStateStore",
]

PROGRAMME_SCHEMA_VERSION: Final = 1
PROGRAMME_MIGRATIONS: Final[Mapping[int, MigrationStep]] = {}
_ID: Final = re.compile(r"[0-9A-Za-z_-]{1,64}")
_KEYS: Final = frozenset({"id", "programme", "started_at", "stopped_at", "resumed_after"})
_NAME: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*", re.ASCII)


class ConfigFolder(Protocol):
    """Anything that names the config folder, such as retrocoach.core.storage.paths.DataPaths."""

    @property
    def config_dir(self) -> Path:
        """The folder that holds programme.json."""
        ...


@dataclass(frozen=True, slots=True)
class Enrolment:
    """One time the walker started a programme, and when they stopped it (None: still on)."""

    id: str
    programme: str
    started_at: datetime
    stopped_at: datetime | None = None
    resumed_after: str | None = None
    """The id of the walk stopped for feeling unwell that the walker has since resumed after."""
    unknown: Mapping[str, Any] | None = field(default=None, compare=False, repr=False)
    """Keys this version does not know, kept to be written back (docs/data-model.md)."""

    def __post_init__(self) -> None:
        if not _ID.fullmatch(self.id):
            raise ValueError("an enrolment id is 1 to 64 letters, digits, '-' or '_'")
        if not _NAME.fullmatch(self.programme) or len(self.programme) > 60:
            raise ValueError("a programme name is lowercase letters and digits joined by hyphens")
        if self.resumed_after is not None and not _ID.fullmatch(self.resumed_after):
            raise ValueError("an enrolment's resumed_after is a session id")
        for moment in (self.started_at, self.stopped_at):
            if moment is not None and moment.tzinfo is None:
                raise ValueError("enrolment times must carry their UTC offset")

    @property
    def active(self) -> bool:
        """Not stopped."""
        return self.stopped_at is None

    def to_json(self) -> dict[str, Any]:
        """The enrolment as programme.json stores it."""
        data: dict[str, Any] = {
            "id": self.id,
            "programme": self.programme,
            "started_at": moment_text(self.started_at),
        }
        if self.stopped_at is not None:
            data["stopped_at"] = moment_text(self.stopped_at)
        if self.resumed_after is not None:
            data["resumed_after"] = self.resumed_after
        if self.unknown:
            data.update((k, v) for k, v in self.unknown.items() if k not in data)
        return data

    @classmethod
    def from_json(cls, data: object) -> Enrolment:
        """Read an enrolment; ValueError (or TypeError) names what is wrong."""
        if not isinstance(data, dict):
            raise TypeError("an enrolment must be a JSON object")
        stopped = data.get("stopped_at")
        resumed = data.get("resumed_after")
        return cls(
            id=_text(data, "id"),
            programme=_text(data, "programme"),
            started_at=_moment(_text(data, "started_at")),
            stopped_at=None if stopped is None else _moment(_text(data, "stopped_at")),
            resumed_after=None if resumed is None else _text(data, "resumed_after"),
            # What cannot be written back as JSON (1e400) is left to the .bak copy.
            unknown={k: v for k, v in data.items() if k not in _KEYS and writable(v)} or None,
        )


def _text(data: Mapping[str, object], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or len(value) > 80:
        raise ValueError(f"an enrolment's {key} must be short text")
    return value


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError("enrolment times must carry their UTC offset")
    return moment


class ProgrammeStateStore:
    """programme.json: every programme started and stopped; the last one not stopped is active.

    Nothing here touches the history: stopping or changing a programme leaves every session
    walked under it as it was.
    """

    def __init__(
        self,
        location: ConfigFolder | Path,
        *,
        warn: Callable[[str], None],
        wall_clock: Callable[[], datetime] = local_now,
        lock_timeout_s: float = 10.0,
    ) -> None:
        folder = location if isinstance(location, Path) else location.config_dir
        self._wall_clock = wall_clock
        self._file: DocumentFile[Enrolment] = DocumentFile(
            folder / "programme.json",
            list_key="enrolments",
            noun="programme entries",
            parse_item=Enrolment.from_json,
            dump_item=Enrolment.to_json,
            item_key=lambda enrolment: enrolment.id,
            schema_version=PROGRAMME_SCHEMA_VERSION,
            migrations=PROGRAMME_MIGRATIONS,
            warn=warn,
            wall_clock=wall_clock,
            lock_timeout_s=lock_timeout_s,
        )

    @property
    def path(self) -> Path:
        """programme.json."""
        return self._file.path

    def load(self) -> Loaded[Enrolment]:
        """Read the file, never changing it."""
        return self._file.load()

    def active(self) -> Enrolment | None:
        """The programme being followed, or None."""
        return _active(list(self._file.load().items))

    def start(self, programme: str) -> Enrolment:
        """Follow *programme* from now on, from its first session; any other one is stopped.

        Starting the programme already followed starts it over.
        """
        import uuid  # noqa: PLC0415  (only to start one: the window opens without it)

        now = self._wall_clock()
        started = Enrolment(uuid.uuid4().hex, programme, now)
        with self._file.editing() as enrolments:
            _stop_all(enrolments, now)
            enrolments.append(started)
        return started

    def resume(self, after: str) -> Enrolment | None:
        """Go on with the active programme after the unwell walk *after*; None: none active."""
        with self._file.editing() as enrolments:
            current = _active(enrolments)
            if current is None:
                return None
            resumed = dataclasses.replace(current, resumed_after=after)
            enrolments[enrolments.index(current)] = resumed
        return resumed

    def stop(self) -> Enrolment | None:
        """Stop following the active programme; returns it as stopped (None: none was active)."""
        now = self._wall_clock()
        with self._file.editing() as enrolments:
            current = _active(enrolments)
            _stop_all(enrolments, now)
        return None if current is None else dataclasses.replace(current, stopped_at=now)


def _active(enrolments: list[Enrolment]) -> Enrolment | None:
    return next((item for item in reversed(enrolments) if item.active), None)


def _stop_all(enrolments: list[Enrolment], now: datetime) -> None:
    for index, item in enumerate(enrolments):
        if item.active:
            enrolments[index] = dataclasses.replace(item, stopped_at=max(now, item.started_at))
