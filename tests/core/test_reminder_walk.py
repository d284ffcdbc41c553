"""A reminder never contradicts the coach view: every built-in plan walked, every reminder checked.

The checks here do not trust the reminders' own conditions. A table of what a reminder's words
claim (``CLAIMS``) is tested against the segment the coach shows and the one after it, as the
coach view words them, at every second of every built-in plan and of odd plans besides.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from fakes import FakeClock

from retrocoach.core.coaching import ReminderPicker
from retrocoach.core.plan import Direction, Kind, Plan, Segment
from retrocoach.core.presets import PRESETS
from retrocoach.core.programmes import ProgrammeBook
from retrocoach.core.reminder_rules import Facts, Moment, facts_for
from retrocoach.core.reminders import Reminder, ReminderBook
from retrocoach.core.session import Session, State
from retrocoach.core.wording import next_text


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

IN_SESSION = {
    Moment.BEFORE_FIRST_BACKWARD,
    Moment.BACKWARD,
    Moment.FORWARD,
    Moment.SWITCH,
    Moment.NEAR_END,
    Moment.GENERAL,
}

ODD_PLANS = {
    "one short round": Plan(forward_s=20, backward_s=20, rounds=1, warmup_s=0, cooldown_s=0),
    "no get-ready, warm-up or cool-down": Plan(
        forward_s=30, backward_s=15, rounds=3, warmup_s=0, cooldown_s=0, getready_s=0
    ),
    "ends walking backward": Plan(forward_s=90, backward_s=90, rounds=2, cooldown_s=0),
    "long rounds": Plan(forward_s=300, backward_s=300, rounds=2, warmup_s=120, cooldown_s=90),
    "tiny segments": Plan(forward_s=5, backward_s=5, rounds=4, warmup_s=5, cooldown_s=5),
    "turn-arounds": Plan(forward_s=60, backward_s=40, rounds=3, warmup_s=30, turn_s=10),
    "turn-arounds, no cool-down": Plan(
        forward_s=30, backward_s=30, rounds=2, warmup_s=0, cooldown_s=0, turn_s=15
    ),
}
BELT_PLANS = {
    "belt slower backward, turn-arounds": Plan(
        forward_s=30,
        backward_s=20,
        rounds=2,
        warmup_s=20,
        cooldown_s=20,
        turn_s=10,
        forward_speed_kmh=3.5,
        backward_speed_kmh=1.5,
    ),
    "belt slower backward, no turn-arounds": Plan(
        forward_s=30,
        backward_s=20,
        rounds=2,
        warmup_s=0,
        cooldown_s=20,
        forward_speed_kmh=3.0,
        backward_speed_kmh=1.0,
    ),
    "belt faster backward than forward": Plan(
        forward_s=30,
        backward_s=30,
        rounds=2,
        warmup_s=20,
        cooldown_s=0,
        forward_speed_kmh=1.0,
        backward_speed_kmh=2.5,
    ),
    "fast backward belt with turn-arounds": Plan(
        forward_s=25,
        backward_s=25,
        rounds=2,
        warmup_s=0,
        cooldown_s=0,
        turn_s=5,
        forward_speed_kmh=4.0,
        backward_speed_kmh=3.5,
    ),
}
# Each distinct session of the shipped programmes, named by where it first comes.
PROGRAMME_PLANS = {
    f"{programme.name} week {position.week}": plan
    for programme in ProgrammeBook.default().all()
    for position in programme.positions
    if (plan := programme.plan_at(position))
}
PLANS = {
    **{key: preset.plan for key, preset in PRESETS.items()},
    **ODD_PLANS,
    **BELT_PLANS,
    **PROGRAMME_PLANS,
}


@pytest.fixture(scope="module")
def book() -> ReminderBook:
    return ReminderBook.default()


def _seen(session: Session, now: float) -> Seen:
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


def _walk(plan: Plan, step: float = 1.0) -> Iterator[tuple[Session, float]]:
    """The session before the start, at every *step* of the walk, and after the end."""
    clock = FakeClock(0.0)
    session = Session(plan)
    yield session, clock.now()
    session.start(clock.now())
    while not session.is_over:
        yield session, clock.now()
        session.advance(clock.advance(step))
    yield session, clock.now()


def _broken_claims(reminder: Reminder, seen: Seen) -> list[str]:
    text = reminder.text.lower()
    return [claim for claim, holds in CLAIMS.items() if re.search(claim, text) and not holds(seen)]


@pytest.mark.parametrize("plan", PLANS.values(), ids=PLANS.keys())
def test_no_reminder_contradicts_the_segment_it_is_shown_in_or_the_next(
    plan: Plan, book: ReminderBook
) -> None:
    """Every reminder the picker could choose, at every second, at every rotation."""
    picker = ReminderPicker(book)
    problems = []
    shown: set[str] = set()
    for session, now in _walk(plan):
        progress = session.progress(now)
        seen = _seen(session, now)
        choices = {book.for_progress(progress, rotation) for rotation in range(12)}
        choices.add(picker.pick(progress))
        for reminder in choices - {None}:
            assert reminder is not None
            shown.add(reminder.id)
            assert IN_SESSION & set(reminder.moments), reminder.id
            for claim in _broken_claims(reminder, seen):
                problems.append(
                    f"{now:.0f}s {seen.now} {seen.next_words!r}: {reminder.id} ({claim})"
                )
    assert shown, "the walk showed no reminder at all"
    assert not problems, "\n".join(problems[:20])


def test_the_claims_table_catches_the_contradictions_the_issue_found(book: ReminderBook) -> None:
    """'Backward is next' under 'next: forward 5:00', and slowing down in a first forward."""
    backward_next = Reminder("x", "Backward is next: hold the rails.", ("hooper-2004",), ())
    belt_down = Reminder("y", "Bring the belt down gradually.", ("hooper-2004",), ())
    getready = Seen(
        Kind.GETREADY, Segment(Kind.FORWARD, 300, 1), "next: forward 5:00", False, False, True
    )
    first_forward = Seen(
        Kind.FORWARD, Segment(Kind.BACKWARD, 20, 1), "next: backward 0:20", False, False, True
    )
    assert _broken_claims(backward_next, getready) == ["backward is next"]
    assert _broken_claims(belt_down, first_forward)


def _reachable_facts() -> set[tuple[Facts, Seen]]:
    """Every combination of facts a real session reaches, over many shapes of plan."""
    found: set[tuple[Facts, Seen]] = set()
    shapes = itertools.product((0, 5), (0, 30), (5, 40), (5, 40), (1, 2, 3), (0, 30), (0, 5))
    speeds = ((None, None), (3.5, 1.5), (1.0, 2.5), (4.0, 3.0))
    for (getready, warmup, forward, backward, rounds, cooldown, turn), (
        ahead,
        back,
    ) in itertools.product(shapes, speeds):
        plan = Plan(
            forward_s=forward,
            backward_s=backward,
            rounds=rounds,
            warmup_s=warmup,
            cooldown_s=cooldown,
            getready_s=getready,
            turn_s=turn,
            forward_speed_kmh=ahead,
            backward_speed_kmh=back,
        )
        for session, now in _walk(plan, step=1.0):
            progress = session.progress(now)
            found.add((facts_for(progress), _seen(session, now)))
    return found


def test_no_reminder_can_be_shown_where_its_words_would_be_wrong(book: ReminderBook) -> None:
    """The class of fault, not the examples: each condition in the data implies its words.

    For every state a session can reach, a reminder whose condition holds there keeps every
    promise its words make; a new reminder with a missing or loose condition fails here.
    """
    states = _reachable_facts()
    problems = []
    for reminder in book.all():
        if not IN_SESSION & set(reminder.moments):
            continue
        for facts, seen in states:
            if reminder.when.holds(facts):
                problems += [f"{reminder.id}: {c}" for c in _broken_claims(reminder, seen)]
    assert not sorted(set(problems)), sorted(set(problems))


@pytest.mark.parametrize(
    "plan", [plan for plan in PLANS.values() if plan.turn_s], ids=lambda plan: plan.spec()
)
def test_every_turn_around_says_how_to_turn_round_the_first_one_too(
    plan: Plan, book: ReminderBook
) -> None:
    """The first turn-around is the least steady moment of a first walk: no other advice."""
    picker = ReminderPicker(book)
    turns = 0
    for session, now in _walk(plan):
        progress = session.progress(now)
        if progress.segment is None or progress.segment.kind is not Kind.TURN:
            continue
        if session.state is not State.RUNNING:
            continue
        turns += 1
        for reminder in {picker.pick(progress)} | {
            book.for_progress(progress, rotation) for rotation in range(6)
        }:
            assert reminder is not None
            assert "turn" in reminder.text.lower(), (now, reminder.id)
    assert turns
