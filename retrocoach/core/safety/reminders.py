"""Safety reminders: loaded from the shipped data, and picked to fit a moment of the session."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from retrocoach.core.safety.references import (
    OWN_RULE,
    Reference,
    ReferenceDataError,
    ReferenceList,
    reference_ids,
)
from retrocoach.core.safety.rules import (
    NEAR_END_S,
    SWITCH_LEAD_S,
    Condition,
    ConditionError,
    Moment,
    facts_for,
    moments_for,
)
from retrocoach.core.session.machine import Progress
from retrocoach.core.storage.shipped import (
    ShippedDataError,
    asset_path,
    framed_items,
    load_shipped,
)

__all__ = [
    "NEAR_END_S",
    "SCHEMA_VERSION",
    "SWITCH_LEAD_S",
    "Moment",
    "Reminder",
    "ReminderBook",
    "ReminderDataError",
    "moment_for",
]

SCHEMA_VERSION: Final = 2

_ID: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*", re.ASCII)
_MAX_TEXT: Final = 300
_MAX_DETAIL: Final = 400
_FIELDS: Final = frozenset({"id", "text", "detail", "references", "moments", "when"})
_CHECKLIST: Final = (Moment.CHECKLIST_FIRST, Moment.CHECKLIST_SETUP, Moment.CHECKLIST_STOP)


_ANY_TIME: Final = Condition()


class ReminderDataError(ShippedDataError):
    """The reminders file cannot be used; the message names the file and what is wrong."""


_MOMENTS: Final = frozenset(moment.value for moment in Moment)


@dataclass(frozen=True, slots=True)
class Reminder:
    """One piece of safety advice, with the references it rests on and when it may be shown."""

    id: str
    text: str
    references: tuple[str, ...]
    moments: tuple[Moment, ...]
    detail: str | None = None
    when: Condition = _ANY_TIME
    citation: str = ""
    """The references as one line a person can look up, filled in by the book."""
    cited_as: str = ""
    """The short citations alone, e.g. 'Consumer Reports 2019', filled in by the book."""

    def applies(self, moment: Moment) -> bool:
        """Whether this reminder belongs to *moment*."""
        return moment in self.moments

    @property
    def line(self) -> str:
        """The text with its short citation, as the terminal coach shows it in a session.

        Advice whose words already say it is RetroCoach's own is not labelled twice.
        """
        if not self.cited_as or (self.references == (OWN_RULE,) and "RetroCoach" in self.text):
            return self.text
        return f"{self.text} ({self.cited_as})"

    @property
    def own_rule(self) -> bool:
        """Whether the advice is, in part at least, RetroCoach's own rule of thumb."""
        return OWN_RULE in self.references


def moment_for(progress: Progress) -> Moment | None:
    """The most urgent group of reminders for *progress*, or None if nothing is under way."""
    moments = moments_for(progress)
    return moments[0] if moments else None


class ReminderBook:
    """Every reminder, in the order of the data file, and the references they cite."""

    def __init__(self, reminders: Iterable[Reminder], references: ReferenceList) -> None:
        self.references = references
        self._reminders = tuple(self._cite(reminder) for reminder in reminders)
        self._by_id: Mapping[str, Reminder] = {item.id: item for item in self._reminders}

    def _cite(self, reminder: Reminder) -> Reminder:
        """*reminder* with its citation line; ReminderDataError if it cites an unknown id."""
        try:
            self.references.resolve(reminder.references, f"the reminder '{reminder.id}'")
        except ReferenceDataError as error:
            raise ReminderDataError(str(error)) from None
        label = "Source" if len(reminder.references) == 1 else "Sources"
        cited_as = self.references.cite(reminder.references)
        return dataclasses.replace(reminder, citation=f"{label}: {cited_as}", cited_as=cited_as)

    @classmethod
    def load(cls, path: Path, references: ReferenceList | None = None) -> ReminderBook:
        """Read a reminders file; raise ReminderDataError naming the file and the fault."""
        return load_shipped(
            path, "reminders", ReminderDataError, lambda data: cls.from_data(data, references)
        )

    @classmethod
    def from_data(cls, data: object, references: ReferenceList | None = None) -> ReminderBook:
        """Build a book from the parsed JSON document; raise ReminderDataError if it is wrong.

        Without *references*, the shipped list is used to check what each reminder cites.
        """
        data, items = framed_items(
            data, "reminders", version=SCHEMA_VERSION, error=ReminderDataError
        )
        reminders = [_reminder(item, f"reminders[{number}]") for number, item in enumerate(items)]
        seen: set[str] = set()
        for reminder in reminders:
            if reminder.id in seen:
                raise ReminderDataError(f"the id '{reminder.id}' is used twice")
            seen.add(reminder.id)
        if references is None:
            try:
                references = ReferenceList.default()
            except ReferenceDataError as error:
                raise ReminderDataError(str(error)) from None
        return cls(reminders, references)

    @classmethod
    def default(cls) -> ReminderBook:
        """The reminders and references that ship with RetroCoach."""
        return cls.load(asset_path("data", "reminders.json"))

    def all(self) -> tuple[Reminder, ...]:
        """Every reminder in file order: what the Safety page lists."""
        return self._reminders

    def get(self, reminder_id: str) -> Reminder | None:
        """The reminder with this id, or None."""
        return self._by_id.get(reminder_id)

    def cited(self, reminder: Reminder) -> tuple[Reference, ...]:
        """The references *reminder* rests on, in the order it cites them."""
        return self.references.resolve(reminder.references, f"the reminder '{reminder.id}'")

    def for_moment(self, moment: Moment) -> tuple[Reminder, ...]:
        """The reminders that belong to *moment*, in file order."""
        return tuple(item for item in self._reminders if item.applies(moment))

    def checklist(self) -> tuple[Reminder, ...]:
        """The first-start checklist: who should ask first, the set-up, then the signs to stop."""
        found: list[Reminder] = []
        for moment in _CHECKLIST:
            found.extend(item for item in self.for_moment(moment) if item not in found)
        return tuple(found)

    def for_progress(self, progress: Progress, rotation: int) -> Reminder | None:
        """The reminder to show now; *rotation* (bumped by the caller) steps through the choices.

        Only a reminder whose own condition holds is ever chosen, so the text cannot contradict
        what the coach shows; the same progress and rotation always give the same reminder, so
        the window and the terminal coach agree, and a test can name the one it expects.
        """
        facts = facts_for(progress)
        for moment in moments_for(progress):
            choices = tuple(item for item in self.for_moment(moment) if item.when.holds(facts))
            if not choices:
                continue
            if moment is Moment.FORWARD:
                # Forward stretches are the calm part of a session: room for general advice too.
                choices += tuple(
                    item
                    for item in self.for_moment(Moment.GENERAL)
                    if item not in choices and item.when.holds(facts)
                )
            return choices[rotation % len(choices)]
        return None


def _reminder(item: object, where: str) -> Reminder:
    if not isinstance(item, dict):
        raise ReminderDataError(f"{where} must be a JSON object")
    unknown = set(item) - _FIELDS
    if unknown:
        raise ReminderDataError(f"{where} has unknown key(s): {', '.join(sorted(unknown))}")
    reminder_id = _text(item, "id", where, 60)
    if not _ID.fullmatch(reminder_id):
        raise ReminderDataError(
            f"{where}.id '{reminder_id}' must be lowercase letters and digits joined by hyphens"
        )
    where = f"{where} ('{reminder_id}')"
    text = _text(item, "text", where, _MAX_TEXT)
    detail = _text(item, "detail", where, _MAX_DETAIL) if "detail" in item else None
    try:
        cited = reference_ids(item.get("references"), f"{where}.references")
        when = Condition.from_data(item["when"], f"{where}.when") if "when" in item else Condition()
    except (ReferenceDataError, ConditionError) as error:
        raise ReminderDataError(str(error)) from None
    raw_moments = item.get("moments")
    if not isinstance(raw_moments, list) or not raw_moments:
        raise ReminderDataError(f"{where}.moments must be a non-empty list")
    moments: list[Moment] = []
    for raw in raw_moments:
        if not isinstance(raw, str) or raw not in _MOMENTS:
            allowed = ", ".join(Moment)
            raise ReminderDataError(f"{where}.moments: {raw!r} is not one of {allowed}")
        if Moment(raw) in moments:
            raise ReminderDataError(f"{where}.moments lists '{raw}' twice")
        moments.append(Moment(raw))
    return Reminder(reminder_id, text, cited, tuple(moments), detail, when)


def _text(item: Mapping[str, object], key: str, where: str, limit: int | None) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ReminderDataError(f"{where}.{key} must be non-empty text")
    if limit is not None and len(value) > limit:
        raise ReminderDataError(f"{where}.{key} is {len(value)} characters; the limit is {limit}")
    return value
