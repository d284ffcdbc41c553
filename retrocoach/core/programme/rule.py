"""The progression rule: where a walker stands, from their programme walks in recorded order.

The rule moves on only after a session walked to its end and rated easy enough, repeats one
rated in the middle, and steps back after one rated hard or after two stopped tries. It never
trusts wall clocks to put walks in order: walks are taken in the order the history recorded
them, and a walk's date is used only for the calendar-day rule, and only when it looks sane.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import Final, Protocol

from retrocoach.core.clock import in_zone
from retrocoach.core.programme.mark import Position, ProgrammeMark
from retrocoach.core.segments import trivial_walk

__all__ = [
    "FASTER_BELT_AT_MOST",
    "MOVE_ON_AT_MOST",
    "REPEAT_AT",
    "STOPPED_TRIES",
    "Standing",
    "Walked",
    "local_day",
    "stand",
]

MOVE_ON_AT_MOST: Final = 5
"""A completed session rated this or less (0 to 10: 'somewhat easy' talk) moves the walker on."""
FASTER_BELT_AT_MOST: Final = 4
"""Before a session with a faster belt, the last walk at the slower speed must be rated this or
less ('comfortable'): a 5 moves on at the same speed, but not to a faster belt."""
REPEAT_AT: Final = 6
"""Rated exactly this, the session is walked again; rated more, the walker steps back."""
STOPPED_TRIES: Final = 2
"""This many stopped tries of the same session in a row step the walker back."""
FUTURE_SLACK: Final = timedelta(minutes=10)
"""A walk dated further ahead of now than this was dated by a clock that was (or is) wrong."""


class Walked(Protocol):
    """A session from the history, as far as the progression needs it (a SessionRecord)."""

    @property
    def id(self) -> str: ...
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
    @property
    def stopped_unwell(self) -> bool: ...
    @property
    def walking_s(self) -> float: ...


@dataclass(slots=True)
class Standing:
    """Where the walker stands after the walks taken so far."""

    index: int = 0
    """Today's session, as an index into the programme's positions (past the end: finished)."""
    repeat: bool = False
    reason: str = ""
    counted: list[Walked] = field(default_factory=list)
    """The walks that counted: at most one a calendar day."""
    moved_on: set[Position] = field(default_factory=set)
    """The sessions walked well enough to move on from."""
    last_day: date | None = None
    """The calendar day of the last counted walk with a sane date."""
    false_start_day: date | None = None
    """The calendar day of the last counted false start (trivial_walk)."""
    last_sane: Walked | None = None
    """The last counted walk whose date looks right: what rest days and breaks go by."""
    unwell: Walked | None = None
    """The last walk stopped because the walker felt unwell (any walk, counted or not)."""
    odd_clock: list[Walked] = field(default_factory=list)
    """Walks dated in the future or before the programme was started: counted all the same."""
    faster: Faster = lambda _at, _next: False
    _stopped_at: Position | None = None
    _stopped_tries: int = 0


def local_day(moment: datetime, zone: tzinfo | None) -> date:
    """The calendar day of *moment* where the walker is."""
    return in_zone(moment, zone).date()


Faster = Callable[[Position, Position], bool]
"""Whether the belt of the second session is faster than the first's (either direction)."""


def stand(
    order: Sequence[Position],
    walks: Sequence[Walked],
    *,
    since: datetime,
    now: datetime,
    faster: Faster = lambda _at, _next: False,
) -> Standing:
    """Apply the rule to *walks* (this programme's, in recorded order) of a programme whose
    sessions come in *order*, started at *since*, as seen at *now*."""
    standing = Standing(faster=faster)
    for walk in walks:
        mark = walk.programme
        assert mark is not None  # only this programme's walks are handed in
        if walk.stopped_unwell:
            standing.unwell = walk
        sane = since - FUTURE_SLACK <= walk.started_at <= now + FUTURE_SLACK
        if not sane:
            standing.odd_clock.append(walk)
        day = local_day(walk.started_at, now.tzinfo)
        # A false start (trivial_walk) is a stopped try, one a day, but no session to rest a
        # day after, nor one that ends a break: the next walk, that day too, counts in full.
        false_start = trivial_walk(walk.outcome, walk.walking_s)
        seen = standing.false_start_day if false_start else None
        if sane and day in (standing.last_day, seen):
            continue  # a second walk on the same day is kept, but does not count
        standing.counted.append(walk)
        if sane and false_start:
            standing.false_start_day = day
        elif sane:
            standing.last_day, standing.last_sane = day, walk
        _apply(standing, order, mark.position, walk)
    return standing


def _apply(standing: Standing, order: Sequence[Position], at: Position, walk: Walked) -> None:
    """One counted walk of the session *at*: on, again or back, and why."""
    index = order.index(at)
    if at != standing._stopped_at:
        standing._stopped_at, standing._stopped_tries = at, 0
    where = f"week {at.week}, session {at.session}"
    if walk.outcome == "completed" and not walk.stopped_unwell:
        standing._stopped_tries = 0
        effort = walk.effort
        if effort is None:
            _again(standing, index, "the last walk was not rated: rate it 0 to 10 to move on")
        elif effort <= MOVE_ON_AT_MOST and _belt_waits(standing, order, index, effort):
            _again(
                standing,
                index,
                f"the belt is faster in the next session: it waits for a walk rated "
                f"{FASTER_BELT_AT_MOST} or less (the last was {effort})",
            )
        elif effort <= MOVE_ON_AT_MOST:
            standing.moved_on.add(at)
            standing.index, standing.repeat, standing.reason = index + 1, False, ""
        elif effort == REPEAT_AT:
            _again(standing, index, f"the last one felt somewhat hard ({effort} out of 10)")
        else:
            _back(standing, order, at, f"the last one felt hard ({effort} out of 10)")
        return
    if walk.outcome == "interrupted":
        _again(standing, index, "the last one was cut short before its end")
        return
    standing._stopped_tries += 1
    if standing._stopped_tries >= STOPPED_TRIES:
        standing._stopped_tries = 0
        _back(standing, order, at, f"{STOPPED_TRIES} tries of {where} were stopped")
    elif walk.stopped_unwell:
        _again(standing, index, "the last one was stopped because you felt unwell")
    else:
        _again(standing, index, "the last one was stopped early")


def _belt_waits(standing: Standing, order: Sequence[Position], index: int, effort: int) -> bool:
    """Whether a walk rated *effort* is not yet enough for the next session's faster belt."""
    following = index + 1
    if following >= len(order) or effort <= FASTER_BELT_AT_MOST:
        return False
    return standing.faster(order[index], order[following])


def _again(standing: Standing, index: int, reason: str) -> None:
    standing.index, standing.repeat, standing.reason = index, True, reason


def _back(standing: Standing, order: Sequence[Position], at: Position, why: str) -> None:
    """One session back, or one week back from a week's first session (never before 1, 1)."""
    if at.session > 1:
        target = Position(at.week, at.session - 1)
    else:
        target = Position(max(1, at.week - 1), 1)
    if target == at:
        _again(standing, order.index(at), f"{why}: week 1 starts again")
        return
    standing.index, standing.repeat = order.index(target), True
    standing.reason = f"{why}, so one step back"
