"""Built-in programmes: weeks of session plans, loaded from the shipped data file."""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from retrocoach.core.plan.model import Plan, PlanError, parse_spec
from retrocoach.core.programme.mark import Position, ProgrammeMark
from retrocoach.core.safety.references import ReferenceDataError, ReferenceList
from retrocoach.core.storage.shipped import (
    ShippedDataError,
    checked_item,
    framed_items,
    load_shipped,
)

__all__ = [
    "MAX_SESSIONS_A_WEEK",
    "MAX_WEEKS",
    "MIN_TURN_S",
    "PROGRAMMES_FILE_ENV",
    "SCHEMA_VERSION",
    "Position",
    "Programme",
    "ProgrammeBook",
    "ProgrammeDataError",
    "ProgrammeMark",
    "programmes_file",
]

SCHEMA_VERSION: Final = 1
PROGRAMMES_FILE_ENV: Final = "RETROCOACH_PROGRAMMES_FILE"
"""For tests and trials: a programmes file used instead of the shipped one."""
MAX_WEEKS: Final = 52
MAX_SESSIONS_A_WEEK: Final = 7
MIN_TURN_S: Final = 30
"""A shipped programme's turn-arounds are turn=wait or at least this long (RetroCoach's rule;
tests/core/programme holds the shipped file to it, while a test's own file may be shorter)."""
_NAME: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*", re.ASCII)
_MAX_NAME: Final = 30
_MAX_TEXT: Final = 600
_REQUIRED: Final = ("name", "title", "audience", "about", "build_up", "references", "weeks")


class ProgrammeDataError(ShippedDataError):
    """A programmes file that cannot be used; the message names the file and the fault."""


@dataclass(frozen=True, slots=True)
class Programme:
    """Weeks of sessions, each a plan, with who it is for and the source it rests on."""

    name: str
    """The short name typed on the command line and kept in the history."""
    title: str
    audience: str
    about: str
    build_up: str
    """How the sessions grow, and whose rule that is."""
    references: tuple[str, ...]
    """Ids from the shipped references list; 'retrocoach-own' marks a rule of our own."""
    weeks: tuple[tuple[Plan, ...], ...]
    caution: str | None = None
    """Shown before starting: who to ask first."""
    citation: str = ""
    """The references as one line a reader can look up, filled in by the book."""
    sources: tuple[str, ...] = ()
    """Each reference in full (authors, year, title, journal, link), filled in by the book."""

    @property
    def positions(self) -> tuple[Position, ...]:
        """Every session of the programme in the order they are walked."""
        return tuple(
            Position(week, session)
            for week, plans in enumerate(self.weeks, start=1)
            for session in range(1, len(plans) + 1)
        )

    def sessions_in(self, week: int) -> int:
        """How many sessions week *week* has: that week's target."""
        return len(self.weeks[week - 1])

    def plan_at(self, position: Position) -> Plan:
        """The plan of the session at *position*; IndexError if the programme has none there."""
        if not (1 <= position.week <= len(self.weeks)):
            raise IndexError(f"{self.name} has no week {position.week}")
        plans = self.weeks[position.week - 1]
        if not 1 <= position.session <= len(plans):
            raise IndexError(f"week {position.week} of {self.name} has no {position.session}")
        return plans[position.session - 1]

    def has(self, position: Position) -> bool:
        """Whether the programme has a session at *position*."""
        return 1 <= position.week <= len(self.weeks) and 1 <= position.session <= len(
            self.weeks[position.week - 1]
        )

    def describe(self) -> str:
        """A short summary, e.g. '6 weeks, 3 sessions a week'."""
        counts = sorted({len(plans) for plans in self.weeks})
        a_week = "-".join(map(str, (counts[0], counts[-1]) if len(counts) > 1 else counts))
        weeks = len(self.weeks)
        return f"{weeks} week{'s' * (weeks != 1)}, {a_week} sessions a week"


def programmes_file(environ: Mapping[str, str] | None = None) -> Path | None:
    """The programmes file named by $RETROCOACH_PROGRAMMES_FILE, or None for the shipped one."""
    value = (os.environ if environ is None else environ).get(PROGRAMMES_FILE_ENV, "").strip()
    return Path(value).expanduser() if value else None


class ProgrammeBook:
    """Every programme, in the order of the data file."""

    def __init__(self, programmes: Iterable[Programme]) -> None:
        self._all = tuple(programmes)
        self._by_name: Mapping[str, Programme] = {item.name: item for item in self._all}

    @classmethod
    def load(cls, path: Path, references: ReferenceList | None = None) -> ProgrammeBook:
        """Read a programmes file; raise ProgrammeDataError naming the file and the fault."""
        return load_shipped(
            path, "programmes", ProgrammeDataError, lambda data: cls.from_data(data, references)
        )

    @classmethod
    def from_data(cls, data: object, references: ReferenceList | None = None) -> ProgrammeBook:
        """Build a book from the parsed JSON document; raise ProgrammeDataError if it is wrong.

        Every programme must cite sources from *references* (by default the shipped list).
        """
        data, items = framed_items(
            data, "programmes", version=SCHEMA_VERSION, error=ProgrammeDataError
        )
        programmes = [_programme(item, f"programmes[{index}]") for index, item in enumerate(items)]
        seen: set[str] = set()
        for programme in programmes:
            if programme.name in seen:
                raise ProgrammeDataError(f"the name '{programme.name}' is used twice")
            seen.add(programme.name)
        return cls(_cited(programmes, references))

    @classmethod
    def default(cls, environ: Mapping[str, str] | None = None) -> ProgrammeBook:
        """The shipped programmes, or those of $RETROCOACH_PROGRAMMES_FILE when it is set."""
        from retrocoach.core.storage.shipped import asset_path  # noqa: PLC0415  (core stays import-light)

        chosen = programmes_file(environ)
        return cls.load(chosen or asset_path("data", "programmes.json"))

    def all(self) -> tuple[Programme, ...]:
        """Every programme in file order."""
        return self._all

    def names(self) -> tuple[str, ...]:
        """Every programme's name in file order."""
        return tuple(self._by_name)

    def get(self, name: str) -> Programme | None:
        """The programme called *name* (any letter case, spaces around ignored), or None."""
        return self._by_name.get(name.strip().lower())


def _cited(programmes: list[Programme], references: ReferenceList | None) -> list[Programme]:
    try:
        listed = references or ReferenceList.default()
        for programme in programmes:
            listed.resolve(programme.references, f"the programme '{programme.name}'")
    except ReferenceDataError as error:
        raise ProgrammeDataError(str(error)) from None
    return [
        dataclasses.replace(
            p,
            citation=listed.cite(p.references),
            sources=tuple(ref.full() for ref in listed.resolve(p.references, p.name)),
        )
        for p in programmes
    ]


def _references(item: Mapping[str, object], where: str) -> tuple[str, ...]:
    ids = item.get("references")
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
        raise ProgrammeDataError(f"{where}.references must be a non-empty list of reference ids")
    if len(set(ids)) != len(ids):
        raise ProgrammeDataError(f"{where}.references lists an id twice")
    return tuple(ids)


def _programme(item: object, where: str) -> Programme:
    item = checked_item(
        item, where, required=_REQUIRED, optional=("caution",), error=ProgrammeDataError
    )
    name = _text(item, "name", where, _MAX_NAME)
    if not _NAME.fullmatch(name):
        raise ProgrammeDataError(
            f"{where}.name '{name}' must be lowercase letters and digits joined by hyphens"
        )
    where = f"{where} ('{name}')"
    weeks = item["weeks"]
    if not isinstance(weeks, list) or not 1 <= len(weeks) <= MAX_WEEKS:
        raise ProgrammeDataError(f"{where}.weeks must be a list of 1 to {MAX_WEEKS} weeks")
    caution = item.get("caution")
    return Programme(
        name=name,
        title=_text(item, "title", where, 80),
        audience=_text(item, "audience", where, _MAX_TEXT),
        about=_text(item, "about", where, _MAX_TEXT),
        build_up=_text(item, "build_up", where, _MAX_TEXT),
        references=_references(item, where),
        weeks=tuple(_week(week, name, number, where) for number, week in enumerate(weeks, 1)),
        caution=None if caution is None else _text(item, "caution", where, _MAX_TEXT),
    )


def _week(week: object, name: str, number: int, where: str) -> tuple[Plan, ...]:
    here = f"{where}.weeks[{number - 1}]"
    if not isinstance(week, dict) or set(week) != {"sessions"}:
        raise ProgrammeDataError(f'{here} must be an object {{"sessions": [plan, ...]}}')
    sessions = week["sessions"]
    if not isinstance(sessions, list) or not 1 <= len(sessions) <= MAX_SESSIONS_A_WEEK:
        raise ProgrammeDataError(f"{here}.sessions must list 1 to {MAX_SESSIONS_A_WEEK} plans")
    plans: list[Plan] = []
    for session, spec in enumerate(sessions, 1):
        if not isinstance(spec, str):
            raise ProgrammeDataError(f"{here}.sessions[{session - 1}] must be a plan spec (text)")
        try:
            plan = parse_spec(spec, name=f"{name} week {number} session {session}")
        except PlanError as error:
            raise ProgrammeDataError(f"{here}.sessions[{session - 1}]: {error}") from None
        plans.append(plan)
    return tuple(plans)


def _text(item: Mapping[str, object], key: str, where: str, limit: int) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ProgrammeDataError(f"{where}.{key} must be non-empty text")
    if len(value) > limit:
        raise ProgrammeDataError(f"{where}.{key} is {len(value)} characters; the limit is {limit}")
    return value
