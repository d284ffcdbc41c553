"""Today's session of a programme, worked out from the walker's own history."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Final, Protocol

from retrocoach.core.clock import in_zone
from retrocoach.core.plan.model import Plan
from retrocoach.core.programme.model import Position, Programme, ProgrammeMark

__all__ = [
    "BREAK_AFTER",
    "HARD_EFFORT",
    "REST_BEFORE",
    "Cell",
    "CellState",
    "Today",
    "Walked",
    "backward_words",
    "today_in",
]

HARD_EFFORT: Final = 8
"""A session rated this hard or harder (0 to 10) is walked again before moving on."""
REST_BEFORE: Final = timedelta(days=1)
"""Less than a day after the last session, a rest day is suggested."""
BREAK_AFTER: Final = timedelta(days=7)
"""After more than a week without a programme session, the week last walked starts again."""


class Walked(Protocol):
    """A session from the history, as far as the progression needs it (a SessionRecord)."""

    @property
    def started_at(self) -> datetime: ...
    @property
    def ended_at(self) -> datetime: ...
    @property
    def outcome(self) -> str: ...
    @property
    def effort(self) -> int | None: ...
    @property
    def programme(self) -> ProgrammeMark | None: ...


class CellState(StrEnum):
    """How one session of the programme's grid stands."""

    DONE = "done"
    REPEATED = "repeated"
    """Walked more than once: stopped early, rated hard, or walked again after a break."""
    TODAY = "today"
    TO_COME = "to come"


@dataclass(frozen=True, slots=True)
class Cell:
    """One session of the programme as the grid shows it."""

    position: Position
    walks: int
    """How often it was walked since the programme was started."""
    passed: bool
    """At least one of those walks let the walker move on."""
    today: bool

    @property
    def state(self) -> CellState:
        """Done, repeated, today's or still to come."""
        if self.today:
            return CellState.TODAY
        if not self.walks:
            return CellState.TO_COME
        if self.walks > 1 or not self.passed:
            return CellState.REPEATED
        return CellState.DONE


@dataclass(frozen=True, slots=True)
class Today:
    """Where the walker stands in a programme, and what to walk next."""

    programme: Programme
    position: Position | None
    """Today's session; None once the programme is finished."""
    repeat: bool
    """Today's session is one already walked, to be walked again."""
    reason: str
    """Why today's session is the one it is, in a few words ('' when it simply follows on)."""
    rest_suggested: bool
    since_last: timedelta | None
    """Time since the last session of any kind ended (None: nothing walked yet)."""
    cells: tuple[Cell, ...]
    week_walked: int
    """Programme sessions walked this calendar week (Monday to Sunday)."""
    week_target: int
    done: int
    """Sessions of the programme walked and passed at least once."""

    @property
    def finished(self) -> bool:
        """Every session of the programme has been walked and passed."""
        return self.position is None

    @property
    def plan(self) -> Plan | None:
        """The plan of today's session, or None once finished."""
        return None if self.position is None else self.programme.plan_at(self.position)

    @property
    def mark(self) -> ProgrammeMark | None:
        """What the history records for today's session."""
        if self.position is None:
            return None
        return ProgrammeMark(self.programme.name, self.position.week, self.position.session)

    def headline(self) -> str:
        """E.g. 'Week 2, session 1 of 3: 6 min backward in all'."""
        if self.position is None:
            return f"{self.programme.title}: finished, every session walked"
        week, session = self.position.week, self.position.session
        of = self.programme.sessions_in(week)
        plan = self.programme.plan_at(self.position)
        again = " (again)" if self.repeat else ""
        return f"Week {week}, session {session} of {of}{again}: {backward_words(plan)}"


def backward_words(plan: Plan) -> str:
    """The backward walking of *plan* in words: '6 min backward in all'."""
    minutes, seconds = divmod(plan.backward_total_s, 60)
    if not minutes:
        return f"{seconds} s backward in all"
    return f"{minutes} min{f' {seconds} s' if seconds else ''} backward in all"


def _moves_on(walk: Walked) -> bool:
    # A session stopped early, cut short by a crash or rated hard is walked again.
    hard = walk.effort is not None and walk.effort >= HARD_EFFORT
    return walk.outcome == "completed" and not hard


def _why_again(walk: Walked) -> str:
    if walk.outcome == "stopped":
        return "the last one was stopped early"
    if walk.outcome != "completed":
        return "the last one was cut short"
    return f"the last one felt hard ({walk.effort} out of 10)"


def today_in(
    programme: Programme,
    history: Iterable[Walked],
    *,
    since: datetime,
    now: datetime,
) -> Today:
    """Today's session of *programme*, started at *since*, from the sessions in *history*.

    Only sessions marked with this programme and started since *since* count towards it
    (a programme started again starts over); sessions walked outside it are left out, but any
    session counts towards the suggested rest.
    """
    walks = sorted(history, key=lambda walk: walk.started_at)
    ours = [
        walk
        for walk in walks
        if walk.programme is not None
        and walk.programme.name == programme.name
        and walk.started_at >= since
        and programme.has(walk.programme.position)
    ]
    order = programme.positions
    index, repeat, reason = 0, False, ""
    if ours:
        last = ours[-1]
        assert last.programme is not None
        index = order.index(last.programme.position)
        if _moves_on(last):
            index += 1
        else:
            repeat, reason = True, _why_again(last)
        if index < len(order) and now - last.ended_at > BREAK_AFTER:
            week = last.programme.week
            index = order.index(Position(week, 1))
            repeat = True
            reason = f"more than a week since the last one, so week {week} starts again"
    position = order[index] if index < len(order) else None
    since_last = None
    if walks:
        since_last = max(timedelta(0), now - max(walk.ended_at for walk in walks))
    counts: dict[Position, int] = {}
    passed: set[Position] = set()
    for walk in ours:
        assert walk.programme is not None
        counts[walk.programme.position] = counts.get(walk.programme.position, 0) + 1
        if _moves_on(walk):
            passed.add(walk.programme.position)
    monday = (now - timedelta(days=now.weekday())).date()
    this_week = [walk for walk in ours if in_zone(walk.started_at, now.tzinfo).date() >= monday]
    target_week = position.week if position is not None else len(programme.weeks)
    return Today(
        programme=programme,
        position=position,
        repeat=repeat and position is not None,
        reason=reason if position is not None else "",
        rest_suggested=since_last is not None and since_last < REST_BEFORE,
        since_last=since_last,
        cells=tuple(
            Cell(spot, counts.get(spot, 0), spot in passed, spot == position) for spot in order
        ),
        week_walked=len(this_week),
        week_target=programme.sessions_in(target_week),
        done=len(passed),
    )
