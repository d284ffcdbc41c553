"""Where a walk stands in a programme: the week and session, and the history's programme key."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

__all__ = ["MAX_NAME", "Position", "ProgrammeMark"]

MAX_NAME: Final = 60
"""The longest programme name a history entry may carry (as the history's schema says)."""
_ENROLMENT: Final = re.compile(r"[0-9A-Za-z_-]{1,64}")


@dataclass(frozen=True, slots=True, order=True)
class Position:
    """A session of a programme: week and session within the week, both from 1."""

    week: int
    session: int


@dataclass(frozen=True, slots=True)
class ProgrammeMark:
    """Which programme session a walked session was: the history's optional ``programme``."""

    name: str
    week: int
    session: int
    enrolment: str | None = None
    """Which start of the programme the walk belongs to (programme.json's id; schema 3).

    It ties a walk to its programme whatever the clock said when it was walked: a walk made
    with the clock behind, dated before the programme was started, still counts.
    """

    @property
    def position(self) -> Position:
        """The week and session, without the programme's name."""
        return Position(self.week, self.session)

    def to_json(self) -> dict[str, Any]:
        """The mark as history.json stores it."""
        data: dict[str, Any] = {"name": self.name, "week": self.week, "session": self.session}
        if self.enrolment is not None:
            data["enrolment"] = self.enrolment
        return data

    @classmethod
    def from_json(cls, data: object) -> ProgrammeMark:
        """Read a mark; ValueError names what is wrong."""
        if not isinstance(data, dict):
            raise ValueError("a session's programme must be a JSON object")
        name, week, session = data.get("name"), data.get("week"), data.get("session")
        if not isinstance(name, str) or not 0 < len(name) <= MAX_NAME:
            raise ValueError("a session's programme name must be text")
        for value in (week, session):
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 1000:
                raise ValueError("a session's programme week and session are whole numbers from 1")
        enrolment = data.get("enrolment")
        if enrolment is not None and not (
            isinstance(enrolment, str) and _ENROLMENT.fullmatch(enrolment)
        ):
            raise ValueError("a session's programme enrolment is 1 to 64 letters, digits, - or _")
        return cls(name, week, session, enrolment)  # type: ignore[arg-type]  # checked above
