"""Where a walk stands in a programme: the week and session, and the history's programme key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

__all__ = ["MAX_NAME", "Position", "ProgrammeMark"]

MAX_NAME: Final = 60
"""The longest programme name a history entry may carry (as the history's schema says)."""


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

    @property
    def position(self) -> Position:
        """The week and session, without the programme's name."""
        return Position(self.week, self.session)

    def to_json(self) -> dict[str, Any]:
        """The mark as history.json stores it."""
        return {"name": self.name, "week": self.week, "session": self.session}

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
        return cls(name, week, session)  # type: ignore[arg-type]  # both checked above
