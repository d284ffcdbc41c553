"""A reminder never contradicts the coach view: every built-in plan walked, every reminder checked.

The checks here do not trust the reminders' own conditions. A table of what a reminder's words
claim (``CLAIMS``) is tested against the segment the coach shows and the one after it, as the
coach view words them, at every second of every built-in plan and of odd plans besides.
"""

from __future__ import annotations

import itertools

import pytest
from reminder_walk import Seen, broken_claims, seen_at, walk

from retrocoach.core.plan.model import Kind, Plan, Segment
from retrocoach.core.plan.presets import PRESETS
from retrocoach.core.programme.model import ProgrammeBook
from retrocoach.core.safety.picker import ReminderPicker
from retrocoach.core.safety.reminders import Reminder, ReminderBook
from retrocoach.core.safety.rules import (
    NEAR_END_S,
    SWITCH_LEAD_S,
    Facts,
    Moment,
    facts_for,
    moments_for,
)
from retrocoach.core.session.machine import State

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


@pytest.mark.parametrize("plan", PLANS.values(), ids=PLANS.keys())
def test_no_reminder_contradicts_the_segment_it_is_shown_in_or_the_next(
    plan: Plan, book: ReminderBook
) -> None:
    """Every reminder the picker could choose, at every second, at every rotation.

    The book's choices depend on the facts and moments of the progress alone, and a claim's
    truth on what the coach shows (``Seen``): each second whose three are already checked
    adds only the picker's own choice, so a 40-minute plan costs its distinct states.
    """
    picker = ReminderPicker(book)
    problems = []
    shown: set[str] = set()
    checked: dict[tuple[Facts, tuple[Moment, ...], Seen], set[Reminder | None]] = {}
    for session, now in walk(plan):
        progress = session.progress(now)
        seen = seen_at(session, now, progress)
        key = (facts_for(progress), moments_for(progress), seen)
        if key not in checked:
            checked[key] = {book.for_progress(progress, rotation) for rotation in range(12)}
            fresh = set(checked[key])
        else:
            fresh = set()
        picked = picker.pick(progress)
        if picked not in checked[key]:
            checked[key].add(picked)
            fresh.add(picked)
        for reminder in fresh - {None}:
            assert reminder is not None
            shown.add(reminder.id)
            assert IN_SESSION & set(reminder.moments), reminder.id
            for claim in broken_claims(reminder, seen):
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
    assert broken_claims(backward_next, getready) == ["backward is next"]
    assert broken_claims(belt_down, first_forward)


SHAPE_STEP_S = 5.0
"""Every length of the shapes below is a multiple of this, and so is every second at which a
fact can change (a segment's start, SWITCH_LEAD_S before its end, NEAR_END_S before the walk's
end): a state holds for at least this long, so a walk read at this step reaches every one of
them (the same 377 states as read each second, in a quarter of the time)."""


def _reachable_facts() -> set[tuple[Facts, Seen]]:
    """Every combination of facts a real session reaches, over many shapes of plan."""
    assert SWITCH_LEAD_S % SHAPE_STEP_S == 0
    assert NEAR_END_S % SHAPE_STEP_S == 0
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
        for session, now in walk(plan, step=SHAPE_STEP_S):
            progress = session.progress(now)
            found.add((facts_for(progress), seen_at(session, now, progress)))
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
                problems += [f"{reminder.id}: {c}" for c in broken_claims(reminder, seen)]
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
    for session, now in walk(plan):
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
