"""Safety reminders: loaded from the shipped data, and picked to fit a moment of the session."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Final

from retrocoach.core.plan import Kind
from retrocoach.core.resources import asset_path
from retrocoach.core.session import Progress, State

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

SCHEMA_VERSION: Final = 1
NEAR_END_S: Final = 60.0
"""In the session's last minute the walker needs the ways to stop the belt safely."""
SWITCH_LEAD_S: Final = 10.0
"""The lead before a change of direction: enough to read a line and slow the belt."""

_ID: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*", re.ASCII)
_MAX_TEXT: Final = 120
_MAX_DETAIL: Final = 400
_FIELDS: Final = frozenset({"id", "text", "detail", "source", "moments"})


class ReminderDataError(ValueError):
    """The reminders file cannot be used; the message names the file and what is wrong."""


class Moment(StrEnum):
    """When a reminder applies."""

    CHECKLIST_SETUP = "checklist-setup"
    CHECKLIST_STOP = "checklist-stop"
    BEFORE_FIRST_BACKWARD = "before-first-backward"
    BACKWARD = "backward"
    FORWARD = "forward"
    SWITCH = "switch"
    NEAR_END = "near-end"
    OUTDOORS = "outdoors"
    GENERAL = "general"


_MOMENTS: Final = frozenset(moment.value for moment in Moment)


@dataclass(frozen=True, slots=True)
class Reminder:
    """One piece of safety advice, short enough to read from the treadmill, with its source."""

    id: str
    text: str
    source: str
    moments: tuple[Moment, ...]
    detail: str | None = None

    def applies(self, moment: Moment) -> bool:
        """Whether this reminder belongs to *moment*."""
        return moment in self.moments


def moment_for(progress: Progress) -> Moment | None:
    """The moment of the session that *progress* shows, or None if nothing is under way.

    The rules run from the most to the least urgent: getting on the belt, the end of the
    session, the first backward stretch, a change of direction, then the direction walked.
    """
    if progress.state in (State.FINISHED, State.STOPPED):
        # Getting off the machine safely and pulling the key still matter after the end.
        return Moment.NEAR_END
    segment = progress.segment
    if segment is None:
        return None
    following = progress.next_segment
    # Rounds come after the warm-up, so the first backward segment is always round 1's.
    before_first_backward = segment.kind is Kind.WARMUP or (
        segment.kind is Kind.FORWARD and segment.round == 1
    )
    switch_soon = (
        following is not None
        and following.kind.direction is not segment.kind.direction
        and progress.remaining_s <= SWITCH_LEAD_S
    )
    not_walking_yet = progress.state is State.IDLE or segment.kind is Kind.GETREADY
    rules = (
        # A plan shorter than the near-end window still starts with getting on the belt.
        (not_walking_yet, Moment.BEFORE_FIRST_BACKWARD),
        (progress.total_remaining_s <= NEAR_END_S, Moment.NEAR_END),
        (before_first_backward, Moment.BEFORE_FIRST_BACKWARD),
        (switch_soon, Moment.SWITCH),
        (segment.kind is Kind.BACKWARD, Moment.BACKWARD),
    )
    return next((moment for applies, moment in rules if applies), Moment.FORWARD)


class ReminderBook:
    """Every reminder, in the order of the data file."""

    def __init__(self, reminders: Iterable[Reminder]) -> None:
        self._reminders = tuple(reminders)
        self._by_id: Mapping[str, Reminder] = {item.id: item for item in self._reminders}

    @classmethod
    def load(cls, path: Path) -> ReminderBook:
        """Read a reminders file; raise ReminderDataError naming the file and the fault."""
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise ReminderDataError(f"cannot read the reminders file {path}: {error}") from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ReminderDataError(
                f"the reminders file {path} is not valid JSON: {error.msg} "
                f"at line {error.lineno}, column {error.colno}"
            ) from None
        try:
            return cls.from_data(data)
        except ReminderDataError as error:
            raise ReminderDataError(f"the reminders file {path}: {error}") from None

    @classmethod
    def from_data(cls, data: object) -> ReminderBook:
        """Build a book from the parsed JSON document; raise ReminderDataError if it is wrong."""
        if not isinstance(data, dict):
            raise ReminderDataError("the top level must be a JSON object")
        version = data.get("schema_version")
        if version != SCHEMA_VERSION or isinstance(version, bool):
            raise ReminderDataError(
                f"schema_version is {version!r}; this RetroCoach reads version {SCHEMA_VERSION}"
            )
        unknown = set(data) - {"schema_version", "reminders"}
        if unknown:
            raise ReminderDataError(f"unknown top-level key(s): {', '.join(sorted(unknown))}")
        items = data.get("reminders")
        if not isinstance(items, list) or not items:
            raise ReminderDataError("'reminders' must be a non-empty list")
        reminders = [_reminder(item, f"reminders[{number}]") for number, item in enumerate(items)]
        seen: set[str] = set()
        for reminder in reminders:
            if reminder.id in seen:
                raise ReminderDataError(f"the id '{reminder.id}' is used twice")
            seen.add(reminder.id)
        return cls(reminders)

    @classmethod
    def default(cls) -> ReminderBook:
        """The reminders that ship with RetroCoach."""
        return cls.load(asset_path("data", "reminders.json"))

    def all(self) -> tuple[Reminder, ...]:
        """Every reminder in file order: what the Safety page lists."""
        return self._reminders

    def get(self, reminder_id: str) -> Reminder | None:
        """The reminder with this id, or None."""
        return self._by_id.get(reminder_id)

    def for_moment(self, moment: Moment) -> tuple[Reminder, ...]:
        """The reminders that belong to *moment*, in file order."""
        return tuple(item for item in self._reminders if item.applies(moment))

    def checklist(self) -> tuple[Reminder, ...]:
        """The first-start checklist: the treadmill set-up, then the signs to stop."""
        setup = self.for_moment(Moment.CHECKLIST_SETUP)
        stop = tuple(item for item in self.for_moment(Moment.CHECKLIST_STOP) if item not in setup)
        return setup + stop

    def for_progress(self, progress: Progress, rotation: int) -> Reminder | None:
        """The reminder to show now; *rotation* (bumped by the caller) steps through the choices.

        The same progress and rotation always give the same reminder, so the window and the
        terminal coach agree, and a test can name the one it expects.
        """
        moment = moment_for(progress)
        if moment is None:
            return None
        choices = self.for_moment(moment)
        if moment is Moment.FORWARD:
            # Forward stretches are the calm part of a session: room for the general advice too.
            choices += tuple(
                item for item in self.for_moment(Moment.GENERAL) if item not in choices
            )
        if not choices:
            choices = self.for_moment(Moment.GENERAL)
        if not choices:
            return None
        return choices[rotation % len(choices)]


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
    source = _text(item, "source", where, None)
    detail = _text(item, "detail", where, _MAX_DETAIL) if "detail" in item else None
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
    return Reminder(reminder_id, text, source, tuple(moments), detail)


def _text(item: Mapping[str, object], key: str, where: str, limit: int | None) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ReminderDataError(f"{where}.{key} must be non-empty text")
    if limit is not None and len(value) > limit:
        raise ReminderDataError(f"{where}.{key} is {len(value)} characters; the limit is {limit}")
    return value
