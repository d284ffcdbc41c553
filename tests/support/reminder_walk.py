"""What the coach view shows at each moment of a walk, and what a reminder's words claim of it.

Shared by the tests that check no reminder contradicts the coach: they do not trust the
reminders' own conditions, but test a table of what each reminder's words promise (``CLAIMS``)
against the segment the coach shows and the one after it, as the coach view words them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from fakes import FakeClock

from retrocoach.core.plan.model import Direction, Kind, Plan, Segment
from retrocoach.core.safety.reminders import Reminder
from retrocoach.core.session.events import Progress
from retrocoach.core.session.machine import Command, Session, State
from retrocoach.core.session.words import next_text

__all__ = ["CLAIMS", "Seen", "broken_claims", "seen_at", "walk"]


@dataclass(frozen=True)
class Seen:
    """What the coach view shows at one moment, worked out from the session, not the rules."""

    now: Kind | None
    next: Segment | None
    next_words: str
    over: bool
    backward_started: bool
    backward_ahead: bool
    speed: float | None = None
    """The belt speed the coach shows for this segment (None: none, or not walking)."""
    next_walking: Segment | None = None
    """The next segment that walks, past any turn-around: the belt speed the coach shows next."""
    next_speed: float | None = None


Claim = Callable[[Seen], bool]


def _forward(kind: Kind | None) -> bool:
    return kind is not None and kind.direction is Direction.FORWARD


# What the words of a reminder promise about the moment it is shown in.
CLAIMS: dict[str, Claim] = {
    r"backward is next": lambda s: s.next is not None and "next: backward" in s.next_words,
    r"backward soon": lambda s: s.next is not None and s.next.kind is Kind.BACKWARD,
    r"forward soon": lambda s: (
        s.now is Kind.BACKWARD and s.next is not None and _forward(s.next.kind)
    ),
    r"turn round": lambda s: (
        s.next is not None
        and s.next.kind.direction is not None
        and (s.now is None or s.next.kind.direction is not s.now.direction)
    ),
    r"slow the belt": lambda s: (
        s.next is not None
        and s.next.kind is Kind.BACKWARD
        and not (s.speed is not None and s.next_speed is not None and s.next_speed > s.speed)
    ),
    r"raise the speed": lambda s: (
        not (s.speed is not None and s.next_speed is not None and s.next_speed < s.speed)
    ),
    r"1 to 2 km/h": lambda s: (
        not (
            s.next_walking is not None
            and s.next_walking.kind is Kind.BACKWARD
            and s.next_speed is not None
            and s.next_speed > 2.0
        )
    ),
    r"bring the belt down|step off|when you finish": lambda s: (
        s.over or (s.next is None and s.next_words == "next: the end")
    ),
    r"first backward": lambda s: not s.backward_started,
    r"backward again": lambda s: s.backward_ahead,
    r"walking forwards": lambda s: _forward(s.now),
    r"console is behind you|short steps backward|stand tall|wobbly|how hard it feels": lambda s: (
        s.now is Kind.BACKWARD
    ),
    r"eyes ahead|middle of the belt": lambda s: s.now is Kind.BACKWARD,
    r"standing on the side rails\? start the belt": lambda s: s.now is Kind.GETREADY,
}


def seen_at(session: Session, now: float, progress: Progress | None = None) -> Seen:
    """What the coach shows at *now*; *progress* is the session's at *now*, if already read."""
    if progress is None:
        progress = session.progress(now)
    over = session.state in (State.FINISHED, State.STOPPED)
    index = progress.index
    segments = session.segments
    before = segments[: index + 1] if not over else segments
    after = segments[index + 1 :] if not over else ()
    walking_after = [s for s in after if s.kind.direction is not None]
    return Seen(
        now=None if over or progress.segment is None else progress.segment.kind,
        next=None if over else progress.next_segment,
        next_words=next_text(progress.next_segment, progress.state),
        over=over,
        backward_started=any(s.kind is Kind.BACKWARD for s in before),
        backward_ahead=any(s.kind is Kind.BACKWARD for s in after),
        speed=_plan_speed(session.plan, progress.segment) if not over else None,
        next_walking=walking_after[0] if walking_after else None,
        next_speed=_plan_speed(session.plan, walking_after[0]) if walking_after else None,
    )


def _plan_speed(plan: Plan, segment: Segment | None) -> float | None:
    """The belt speed the plan sets for *segment*, read from the plan, not from the belt."""
    if segment is None or segment.kind.direction is None:
        return None
    if segment.kind.direction is Direction.FORWARD:
        return plan.forward_speed_kmh
    return plan.backward_speed_kmh


TURN_TAKES_S = 5.0
"""How long the walker of these walks takes at a turn-around that waits for them (turn=wait)."""


def walk(plan: Plan, step: float = 1.0) -> Iterator[tuple[Session, float]]:
    """The session before the start, at every *step* of the walk, and after the end.

    At a turn-around that waits, the walker says go after TURN_TAKES_S, as Space would.
    """
    clock = FakeClock(0.0)
    session = Session(plan)
    yield session, clock.now()
    session.start(clock.now())
    waiting_since: float | None = None
    while not session.is_over:
        yield session, clock.now()
        now = clock.advance(step)
        if session.state is State.WAITING:
            waiting_since = now if waiting_since is None else waiting_since
            if now - waiting_since >= TURN_TAKES_S:
                session.command(Command.GO, now)
                waiting_since = None
            continue
        session.advance(now)
    yield session, clock.now()


def broken_claims(reminder: Reminder, seen: Seen) -> list[str]:
    text = reminder.text.lower()
    return [claim for claim, holds in CLAIMS.items() if re.search(claim, text) and not holds(seen)]
