"""The cue contract against a fake clock: every boundary once, on the batch that reports it."""

from __future__ import annotations

from collections.abc import Iterable

import pytest
from fakes import FakeClock
from hypothesis import given
from hypothesis import strategies as st

from retrocoach.core.plan.model import parse_spec
from retrocoach.core.session.cues import Cue, CuePlanner
from retrocoach.core.session.machine import Session

SHORT = "forward=5s backward=5s rounds=2 warmup=0s cooldown=0s getready=0s"
FULL = "getready=5s warmup=10s forward=10s backward=10s rounds=2 cooldown=10s"
BOUNDARY_CUES = {Cue.GET_READY, Cue.WARMUP, Cue.FORWARD, Cue.BACKWARD, Cue.COOLDOWN, Cue.FINISHED}


class Walker:
    """A session, its planner and a fake clock; each step returns the cues for that batch."""

    def __init__(self, spec: str, pips: int = 0, countdown_s: int = 5) -> None:
        self.clock = FakeClock()
        self.session = Session(parse_spec(spec), countdown_s=countdown_s)
        self.planner = CuePlanner(pips)

    def start(self) -> list[Cue]:
        now = self.clock.now()
        return self.planner.cues_for(self.session.start(now), now)

    def advance(self, seconds: float) -> list[Cue]:
        now = self.clock.advance(seconds)
        return self.planner.cues_for(self.session.advance(now), now)

    def walk(self, step: float) -> list[list[Cue]]:
        """Every batch from start to end, ticking every *step* seconds."""
        batches = [self.start()]
        while not self.session.is_over:
            batches.append(self.advance(step))
        return batches


def sounds(batches: Iterable[list[Cue]]) -> list[Cue]:
    """The audible cues in order, WAKE left out."""
    return [cue for batch in batches for cue in batch if cue.audible]


def test_every_segment_start_and_the_end_are_cued_first_segment_included() -> None:
    batches = Walker(FULL).walk(0.05)
    assert sounds(batches) == [
        Cue.GET_READY,
        Cue.WARMUP,
        Cue.FORWARD,
        Cue.BACKWARD,
        Cue.FORWARD,
        Cue.BACKWARD,
        Cue.COOLDOWN,
        Cue.FINISHED,
    ]


def test_the_first_cue_sounds_on_the_start_batch_itself() -> None:
    walker = Walker(SHORT)
    assert walker.start() == [Cue.FORWARD]


def test_each_boundary_cue_comes_in_the_batch_that_first_reports_the_boundary() -> None:
    walker = Walker(SHORT)
    walker.start()
    assert sounds([walker.advance(4.99)]) == []
    assert sounds([walker.advance(0.02)]) == [Cue.BACKWARD]
    assert sounds([walker.advance(0.02)]) == []


@pytest.mark.parametrize(("pips", "expected"), [(0, 0), (3, 3), (5, 4)])
def test_pips_count_the_last_seconds_before_each_switch(pips: int, expected: int) -> None:
    """5 s segments tick from 4 s left (a tick at 5 s would be the boundary itself)."""
    batches = Walker(SHORT, pips=pips).walk(0.05)
    cues = sounds(batches)
    per_switch = cues[cues.index(Cue.FORWARD) + 1 : cues.index(Cue.BACKWARD)]
    assert per_switch == [Cue.PIP] * expected
    assert cues.count(Cue.PIP) == 4 * expected  # before each of the 3 switches and the end


def test_a_wake_comes_about_a_second_before_every_boundary_even_without_pips() -> None:
    walker = Walker(SHORT, pips=0)
    walker.start()
    assert walker.advance(3.9) == []
    assert walker.advance(0.15) == [Cue.WAKE]  # 1 s left
    assert walker.advance(1.0) == [Cue.BACKWARD]


def test_a_pip_follows_its_wake_in_the_same_batch() -> None:
    walker = Walker(SHORT, pips=3)
    walker.start()
    assert walker.advance(2.0) == [Cue.WAKE, Cue.PIP]  # 3 s left


def test_a_late_tick_across_several_boundaries_sounds_only_the_latest() -> None:
    """A 4.5 s stall (under the session's gap limit) crosses no more than this plan allows,
    so use 1-second segments: the late tick reports four boundaries at once."""
    walker = Walker("forward=1s backward=1s rounds=3 warmup=0s cooldown=0s getready=0s", pips=3)
    assert walker.start() == [Cue.FORWARD]
    late = walker.advance(4.5)
    assert late == [Cue.FORWARD]  # index 4: forward of round 3; no pips, no burst
    assert sounds([walker.advance(1.0)]) == [Cue.BACKWARD]
    assert sounds([walker.advance(1.0)]) == [Cue.FINISHED]


def test_stale_pips_are_dropped_and_a_late_boundary_still_sounds() -> None:
    walker = Walker(SHORT, pips=3)
    walker.start()
    assert walker.advance(1.5) == []
    # Pips were due at 2, 3 and 4 s; the loop wakes next at 5.3 s: only the boundary sounds.
    assert walker.advance(3.8) == [Cue.BACKWARD]


def test_a_pip_more_than_half_a_second_late_is_dropped_and_the_next_one_sounds() -> None:
    walker = Walker(SHORT, pips=3)
    walker.start()
    assert walker.advance(1.5) == []
    assert walker.advance(1.2) == []  # the 3 s pip was due at 2.0 s: 0.7 s late, dropped
    assert walker.advance(0.35) == [Cue.WAKE, Cue.PIP]  # the 2 s pip, due at 3.0 s


def test_a_pip_a_little_late_still_sounds() -> None:
    walker = Walker(SHORT, pips=3)
    walker.start()
    assert walker.advance(2.4) == [Cue.WAKE, Cue.PIP]  # due at 2.0 s, 0.4 s late


def test_the_same_events_handed_over_twice_are_not_cued_twice() -> None:
    clock = FakeClock()
    session = Session(parse_spec(SHORT), countdown_s=3)
    planner = CuePlanner(3)
    planner.cues_for(session.start(clock.now()), clock.now())
    planner.cues_for(session.advance(clock.advance(4.5)), clock.now())
    now = clock.advance(0.51)
    events = session.advance(now)
    assert planner.cues_for(events, now) == [Cue.BACKWARD]
    assert planner.cues_for(events, now) == []
    now = clock.advance(2.0)
    ticks = session.advance(now)
    assert planner.cues_for(ticks, now) == [Cue.WAKE, Cue.PIP]
    assert planner.cues_for(ticks, now) == []


def test_pausing_and_resuming_have_their_own_cues() -> None:
    walker = Walker(SHORT)
    walker.start()
    now = walker.clock.advance(1.0)
    assert walker.planner.cues_for(walker.session.pause(now), now) == [Cue.PAUSED]
    now = walker.clock.advance(30.0)
    assert walker.planner.cues_for(walker.session.resume(now), now) == [Cue.RESUMED]
    assert sounds([walker.advance(4.01)]) == [Cue.BACKWARD]


def test_skipping_cues_the_next_segment() -> None:
    walker = Walker(SHORT)
    walker.start()
    now = walker.clock.advance(1.0)
    assert walker.planner.cues_for(walker.session.skip(now), now) == [Cue.BACKWARD]


def test_a_new_session_on_the_same_planner_is_cued_from_its_first_segment() -> None:
    walker = Walker(SHORT)
    walker.walk(0.1)
    clock = walker.clock
    again = Session(parse_spec(SHORT))
    now = clock.advance(60)
    assert walker.planner.cues_for(again.start(now), now) == [Cue.FORWARD]


def test_a_stopped_session_makes_no_sound() -> None:
    walker = Walker(SHORT)
    walker.start()
    now = walker.clock.advance(1.0)
    assert walker.planner.cues_for(walker.session.stop(now), now) == []


def test_pips_other_than_off_3_or_5_are_refused() -> None:
    with pytest.raises(ValueError, match="pips"):
        CuePlanner(4)


def test_wake_is_the_one_cue_that_makes_no_sound() -> None:
    assert [cue for cue in Cue if not cue.audible] == [Cue.WAKE]


@given(
    steps=st.lists(st.floats(min_value=0.01, max_value=4.5), min_size=1, max_size=200),
    pips=st.sampled_from([0, 3, 5]),
)
def test_whatever_the_ticks_no_boundary_is_cued_twice_and_none_out_of_order(
    steps: list[float], pips: int
) -> None:
    """Irregular, sometimes late ticks: boundary cues stay in session order, each at most once,
    one per batch at most; and ticks shorter than a segment miss none."""
    walker = Walker(FULL, pips=pips)
    batches = [walker.start()]
    for step in steps:
        if walker.session.is_over:
            break
        batches.append(walker.advance(step))
    order = [Cue.GET_READY, Cue.WARMUP, Cue.FORWARD, Cue.BACKWARD, Cue.FORWARD, Cue.BACKWARD]
    order += [Cue.COOLDOWN, Cue.FINISHED]
    cued = [cue for cue in sounds(batches) if cue in BOUNDARY_CUES]
    assert all(sum(c in BOUNDARY_CUES for c in batch) <= 1 for batch in batches)
    positions = iter(range(len(order)))
    for cue in cued:  # a subsequence of the session's order: nothing twice, nothing back
        assert any(order[i] == cue for i in positions)
    if all(step < 5 for step in steps):  # segments here are 5 s or longer: none is skipped
        started = len(order) if walker.session.is_over else walker.session.index + 1
        assert cued == order[:started]
