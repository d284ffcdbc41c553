"""Today's session of a programme, worked out from the walker's own history (see rule.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Final

from retrocoach.core.durations import format_duration
from retrocoach.core.plan.model import Plan
from retrocoach.core.programme.model import Position, Programme, ProgrammeMark
from retrocoach.core.programme.rule import Standing, Walked, local_day, stand

__all__ = [
    "Cell",
    "CellState",
    "Today",
    "Walked",
    "backward_words",
    "today_in",
]

REST_DAYS: Final = 1
"""Days of rest after each counted session: the day after a session is a rest day."""
WEEK_DAYS: Final = 7


class CellState(StrEnum):
    """How one session of the programme's grid stands."""

    DONE = "done"
    REPEATED = "repeated"
    """Walked more than once, or walked without moving on: stopped, rated hard or unrated."""
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
    """Today is a rest day, or today's session was walked already: walking is allowed, but a
    walk today does not count (after a walk today) or is against the advice (a rest day)."""
    since_last: timedelta | None
    """Time since the last counted programme walk with a sane date ended (None: none)."""
    cells: tuple[Cell, ...]
    week_walked: int
    """Programme sessions walked to their end this calendar week (Monday to Sunday)."""
    week_target: int
    done: int
    """Sessions of the programme walked and passed at least once."""
    week_stopped: int = 0
    """Tries stopped this calendar week: counted apart from the sessions done."""
    walked_today: bool = False
    """A session counted today already: another walk today is kept but does not count."""
    paused: bool = False
    """A walk was stopped because the walker felt unwell: the programme waits for a resume."""
    unwell_walk: str | None = None
    """The id of the walk that paused the programme (None: not paused)."""
    clock_note: str = ""
    """Said when a walk's date looked wrong (the future, or before the programme's start)."""
    enrolment: str | None = None
    """The id of the programme's start this is, written into each walk's mark."""

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
        week, session = self.position.week, self.position.session
        return ProgrammeMark(self.programme.name, week, session, self.enrolment)

    def headline(self) -> str:
        """E.g. 'Week 2, session 1 of 3: 6:00 backward in all'."""
        if self.position is None:
            return f"{self.programme.title}: finished, every session walked"
        week, session = self.position.week, self.position.session
        of = self.programme.sessions_in(week)
        plan = self.programme.plan_at(self.position)
        again = " (again)" if self.repeat else ""
        return f"Week {week}, session {session} of {of}{again}: {backward_words(plan)}"


def backward_words(plan: Plan) -> str:
    """The backward walking of *plan* in words: '6:00 backward in all' (m:ss, as every time)."""
    return f"{format_duration(plan.backward_total_s)} backward in all"


def today_in(
    programme: Programme,
    history: Iterable[Walked],
    *,
    since: datetime,
    now: datetime,
    enrolment: str | None = None,
    resumed_after: str | None = None,
) -> Today:
    """Today's session of *programme* from the sessions in *history*, in their recorded order.

    A walk belongs to this start of the programme (*enrolment*, started at *since*) when its
    mark names that start; a walk marked before starts were named belongs when it started
    since *since*. A programme started again starts over; walks outside it are left out.
    *resumed_after* is the unwell walk the walker has since resumed after.
    """
    ours = [walk for walk in history if _belongs(walk, programme, enrolment, since)]
    order = programme.positions
    standing = stand(order, ours, since=since, now=now, faster=_faster_in(programme))
    index, repeat, reason = standing.index, standing.repeat, standing.reason
    since_last = None
    today = now.date()
    last = standing.last_sane
    gap_days = 0
    if last is not None:
        since_last = max(timedelta(0), now - last.ended_at)
        gap_days = (today - local_day(last.started_at, now.tzinfo)).days
    if index < len(order) and gap_days > WEEK_DAYS:
        index, repeat, reason = _after_break(order, order[index], gap_days)
    position = order[index] if index < len(order) else None
    counts: dict[Position, int] = {}
    for walk in standing.counted:
        assert walk.programme is not None
        counts[walk.programme.position] = counts.get(walk.programme.position, 0) + 1
    week_done, week_stopped = _this_week(standing, now)
    target_week = position.week if position is not None else len(programme.weeks)
    unwell = standing.unwell
    paused = unwell is not None and unwell.id != resumed_after and position is not None
    return Today(
        programme=programme,
        position=position,
        repeat=repeat and position is not None,
        reason=reason if position is not None else "",
        rest_suggested=position is not None and 0 <= gap_days <= REST_DAYS and last is not None,
        since_last=since_last,
        cells=tuple(
            Cell(spot, counts.get(spot, 0), spot in standing.moved_on, spot == position)
            for spot in order
        ),
        week_walked=week_done,
        week_target=programme.sessions_in(target_week),
        done=len(standing.moved_on),
        week_stopped=week_stopped,
        walked_today=last is not None and gap_days == 0,
        paused=paused,
        unwell_walk=unwell.id if paused and unwell is not None else None,
        clock_note=_clock_note(standing, since),
        enrolment=enrolment,
    )


def _faster_in(programme: Programme) -> Callable[[Position, Position], bool]:
    def faster(at: Position, following: Position) -> bool:
        now, then = programme.plan_at(at), programme.plan_at(following)
        pairs = (
            (now.forward_speed_kmh, then.forward_speed_kmh),
            (now.backward_speed_kmh, then.backward_speed_kmh),
        )
        return any(a is not None and b is not None and b > a for a, b in pairs)

    return faster


def _belongs(walk: Walked, programme: Programme, enrolment: str | None, since: datetime) -> bool:
    mark = walk.programme
    if mark is None or mark.name != programme.name or not programme.has(mark.position):
        return False
    if mark.enrolment is not None and enrolment is not None:
        return mark.enrolment == enrolment
    return walk.started_at >= since


def _after_break(
    order: tuple[Position, ...], position: Position, gap_days: int
) -> tuple[int, bool, str]:
    """One week back for every full week missed, never before week 1; and the words for it."""
    missed = (gap_days - 1) // WEEK_DAYS
    week = max(1, position.week - missed)
    weeks = f"{missed} full week{'s' * (missed != 1)} missed"
    if week == position.week:
        said = f"{weeks}, so week {week} starts again"
    else:
        said = f"{weeks}, so back to week {week}: one week back for each week missed"
    return order.index(Position(week, 1)), True, said


def _this_week(standing: Standing, now: datetime) -> tuple[int, int]:
    """Counted walks this calendar week (Monday to Sunday): walked to the end, and stopped."""
    monday = now.date() - timedelta(days=now.weekday())
    week = [
        walk
        for walk in standing.counted
        if walk not in standing.odd_clock and local_day(walk.started_at, now.tzinfo) >= monday
    ]
    done = sum(1 for walk in week if walk.outcome == "completed" and not walk.stopped_unwell)
    return done, len(week) - done


def _clock_note(standing: Standing, since: datetime) -> str:
    """One line when a walk's date looked wrong; the walk counts all the same."""
    if not standing.odd_clock:
        return ""
    walk = standing.odd_clock[-1]
    when = "before the programme was started" if walk.started_at < since else "in the future"
    return (
        f"a programme walk is dated {walk.started_at:%Y-%m-%d %H:%M}, {when}: the computer's "
        "clock looked wrong then (or is now); the walk counts all the same, in the order walked"
    )
