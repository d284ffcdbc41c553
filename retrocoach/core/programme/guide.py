"""The active programme joined to the history: what to walk today, and starting and stopping."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final, Protocol

from retrocoach.core.clock import local_now
from retrocoach.core.durations import quoted
from retrocoach.core.plan.model import Plan
from retrocoach.core.programme.model import Programme, ProgrammeBook, ProgrammeMark
from retrocoach.core.programme.progression import Today, today_in
from retrocoach.core.programme.rule import Walked
from retrocoach.core.programme.state import Enrolment, ProgrammeStateStore

__all__ = [
    "NEXT_PLAN",
    "NoProgrammeError",
    "ProgrammeGuide",
    "ProgrammePausedError",
    "TodaysSession",
    "UnknownProgrammeError",
    "is_next",
]

NEXT_PLAN: Final = "next"
"""The plan name that means today's session of the active programme."""


class NoProgrammeError(LookupError):
    """There is no session to walk: no programme is active, or it is finished."""


class ProgrammePausedError(NoProgrammeError):
    """The last walk was stopped because the walker felt unwell: resuming needs a decision."""


class UnknownProgrammeError(LookupError):
    """No programme has that name; the message lists the ones there are."""


class SessionSource(Protocol):
    """Where the walked sessions come from: a HistoryStore."""

    def programme_walks(self) -> Sequence[Walked]:
        """Every readable session walked in a programme, in recorded order (others may be
        left out: they are not read)."""
        ...


@dataclass(frozen=True, slots=True)
class TodaysSession:
    """The plan to walk for ``next``, and the mark its history entry will carry."""

    plan: Plan
    mark: ProgrammeMark
    today: Today


def is_next(text: str) -> bool:
    """Whether a plan name given by the walker means today's programme session."""
    return text.strip().casefold() == NEXT_PLAN


class ProgrammeGuide:
    """The programmes on offer, the one being followed, and the sessions walked."""

    def __init__(
        self,
        book: ProgrammeBook,
        state: ProgrammeStateStore,
        history: SessionSource,
        *,
        wall_clock: Callable[[], datetime] = local_now,
    ) -> None:
        self.book = book
        self.state = state
        self._history = history
        self._wall_clock = wall_clock

    def find(self, name: str) -> Programme:
        """The programme called *name*; UnknownProgrammeError names the ones there are."""
        programme = self.book.get(name)
        if programme is None:
            named = quoted(name.strip()) if name.strip() else "no name"
            raise UnknownProgrammeError(
                f"{named} is not a programme: the programmes are {', '.join(self.book.names())}"
            )
        return programme

    def active(self) -> tuple[Enrolment, Programme] | None:
        """The programme being followed and when it was started, or None.

        An active programme the book no longer has (another programmes file) counts as none.
        """
        enrolment = self.state.active()
        if enrolment is None:
            return None
        programme = self.book.get(enrolment.programme)
        return None if programme is None else (enrolment, programme)

    def today(self) -> Today | None:
        """Where the walker stands in the active programme, or None when none is active."""
        found = self.active()
        if found is None:
            return None
        enrolment, programme = found
        return today_in(
            programme,
            self._history.programme_walks(),
            since=enrolment.started_at,
            now=self._wall_clock(),
            enrolment=enrolment.id,
            resumed_after=enrolment.resumed_after,
        )

    def next_session(self) -> TodaysSession:
        """Today's session; NoProgrammeError says in one line why there is none and what to do."""
        today = self.today()
        if today is None:
            enrolment = self.state.active()
            lost = (
                f"the programme '{enrolment.programme}' is not available here; "
                if enrolment is not None
                else ""
            )
            raise NoProgrammeError(
                f"{lost}no programme is active: start one with 'retrocoach programme start "
                f"NAME' ({', '.join(self.book.names())}), or name another plan"
            )
        if today.plan is None or today.mark is None:
            name = today.programme.name
            raise NoProgrammeError(
                f"the programme '{name}' is finished: start it again with 'retrocoach programme "
                f"start {name}', start another, or name another plan"
            )
        if today.paused:
            raise ProgrammePausedError(
                f"the programme '{today.programme.name}' is paused: your last walk was stopped "
                "because you felt unwell; see a clinician before going on, then 'retrocoach "
                "programme resume' (or name another plan)"
            )
        return TodaysSession(today.plan, today.mark, today)

    def resume(self) -> Today | None:
        """Go on with a programme paused by an unwell walk; None when none is active.

        The walker's own decision: the window's button or ``retrocoach programme resume``.
        """
        today = self.today()
        if today is None or today.unwell_walk is None:
            return today
        self.state.resume(today.unwell_walk)
        return self.today()

    def start(self, name: str) -> Programme:
        """Follow the programme *name* from its first session (any other one stops)."""
        programme = self.find(name)
        self.state.start(programme.name)
        return programme

    def stop(self) -> Enrolment | None:
        """Stop following the active programme; the history is left as it is."""
        return self.state.stop()
