"""Today's session of a programme, worked out from made-up histories: the progression rule."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from retrocoach.core.plan.model import parse_spec
from retrocoach.core.programme.model import Position, Programme, ProgrammeMark
from retrocoach.core.programme.progression import CellState, Today, today_in

SINCE = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)  # a Monday, 08:00
ENROLMENT = "e1"
_ids = itertools.count(1)


def _programme(name: str = "steady", weeks: int = 3, per_week: int = 3) -> Programme:
    return Programme(
        name=name,
        title="Steady",
        audience="tests",
        about="backward minutes growing by one a week",
        build_up="one more minute a week",
        references=("retrocoach-own",),
        weeks=tuple(
            tuple(
                parse_spec(f"backward={week}m rounds={week + 1}", name=f"{name} w{week}s{s}")
                for s in range(1, per_week + 1)
            )
            for week in range(1, weeks + 1)
        ),
    )


PROGRAMME = _programme()


@dataclass(frozen=True)
class Walk:
    """A history entry as the progression reads it (SessionRecord has the same fields)."""

    id: str
    started_at: datetime
    ended_at: datetime
    outcome: str
    effort: int | None
    programme: ProgrammeMark | None
    stopped_unwell: bool = False
    walking_s: float = 1200.0


def walk(
    week: int,
    session: int,
    *,
    day: float,
    outcome: str = "completed",
    effort: int | None = 3,
    name: str = "steady",
    unwell: bool = False,
    enrolment: str | None = ENROLMENT,
    walking_s: float = 1200.0,
) -> Walk:
    """A walk of PROGRAMME at week/session, *day* days after SINCE, 20 minutes long (or
    *walking_s* of walking, for one stopped early)."""
    start = SINCE + timedelta(days=day)
    mark = ProgrammeMark(name, week, session, enrolment)
    end = start + timedelta(seconds=walking_s)
    return Walk(f"w{next(_ids)}", start, end, outcome, effort, mark, unwell, walking_s)


def _today(
    history: list[Walk],
    *,
    day: float,
    programme: Programme = PROGRAMME,
    resumed_after: str | None = None,
) -> Today:
    return today_in(
        programme,
        history,
        since=SINCE,
        now=SINCE + timedelta(days=day),
        enrolment=ENROLMENT,
        resumed_after=resumed_after,
    )


def test_a_new_programme_starts_with_its_first_session_and_no_rest() -> None:
    today = _today([], day=0.01)
    assert today.position == Position(1, 1)
    assert not today.repeat
    assert not today.rest_suggested
    assert not today.finished
    assert today.mark == ProgrammeMark("steady", 1, 1, ENROLMENT)
    assert today.plan == PROGRAMME.plan_at(Position(1, 1))
    assert today.headline() == "Week 1, session 1 of 3: 2:00 backward in all"


@pytest.mark.parametrize("effort", [0, 3, 5])
def test_a_completed_session_rated_five_or_less_moves_on(effort: int) -> None:
    today = _today([walk(1, 3, day=0, effort=effort)], day=2)
    assert today.position == Position(2, 1)
    assert not today.repeat


def test_a_session_rated_six_is_walked_again() -> None:
    today = _today([walk(1, 1, day=0), walk(1, 2, day=2, effort=6)], day=4)
    assert today.position == Position(1, 2)
    assert today.repeat
    assert "6 out of 10" in today.reason
    assert "(again)" in today.headline()


@pytest.mark.parametrize("effort", [7, 8, 10])
def test_a_session_rated_seven_or_more_steps_back_one_session(effort: int) -> None:
    today = _today([walk(1, 1, day=0), walk(1, 2, day=2, effort=effort)], day=4)
    assert today.position == Position(1, 1)
    assert f"{effort} out of 10" in today.reason
    assert "one step back" in today.reason


def test_a_hard_first_session_of_a_week_steps_back_one_week() -> None:
    history = [walk(p.week, p.session, day=2 * i) for i, p in enumerate(PROGRAMME.positions[:3])]
    history.append(walk(2, 1, day=6, effort=8))
    today = _today(history, day=8)
    assert today.position == Position(1, 1)
    assert today.repeat


def test_a_hard_first_session_never_steps_back_before_week_one() -> None:
    today = _today([walk(1, 1, day=0, effort=9)], day=2)
    assert today.position == Position(1, 1)
    assert "week 1 starts again" in today.reason


def test_an_unrated_walk_is_repeated_with_a_one_line_reason() -> None:
    today = _today([walk(1, 1, day=0, effort=None)], day=2)
    assert today.position == Position(1, 1)
    assert today.repeat
    assert "not rated" in today.reason
    assert "\n" not in today.reason


def test_one_stopped_try_repeats_and_two_step_back() -> None:
    first = [walk(1, 1, day=0), walk(1, 2, day=2), walk(1, 3, day=4, outcome="stopped")]
    once = _today(first, day=6)
    assert once.position == Position(1, 3)
    assert "stopped early" in once.reason
    twice = _today([*first, walk(1, 3, day=6, outcome="stopped")], day=8)
    assert twice.position == Position(1, 2)
    assert "2 tries of week 1, session 3 were stopped" in twice.reason


def test_stopped_tries_of_different_sessions_do_not_add_up() -> None:
    history = [
        walk(1, 1, day=0, outcome="stopped"),
        walk(1, 1, day=2),
        walk(1, 2, day=4, outcome="stopped"),
    ]
    assert _today(history, day=6).position == Position(1, 2)


def test_a_walk_cut_short_by_a_crash_is_repeated_but_is_no_stopped_try() -> None:
    history = [
        walk(1, 1, day=0),
        walk(1, 2, day=2, outcome="interrupted"),
        walk(1, 2, day=4, outcome="stopped"),
    ]
    assert _today(history, day=6).position == Position(1, 2)


def test_only_one_programme_session_counts_a_calendar_day() -> None:
    # Three walks rated easy in one morning: the first counts, the others are kept only.
    history = [walk(1, 1, day=0), walk(1, 2, day=0.05), walk(1, 3, day=0.1)]
    today = _today(history, day=0.2)
    assert today.position == Position(1, 2)
    assert today.walked_today
    assert today.rest_suggested
    cells = {cell.position: cell for cell in today.cells}
    assert cells[Position(1, 2)].walks == 0  # walked, but not counted


def test_the_day_after_a_session_is_a_rest_day_and_the_next_is_not() -> None:
    history = [walk(1, 1, day=0)]
    rest = _today(history, day=1)
    assert rest.rest_suggested
    assert not rest.walked_today
    assert rest.position == Position(1, 2)  # a rest is advice: today's session is there
    assert not _today(history, day=2).rest_suggested


def test_a_walk_on_a_rest_day_is_recorded_and_counts() -> None:
    history = [walk(1, 1, day=0), walk(1, 2, day=1)]
    assert _today(history, day=3).position == Position(1, 3)


@pytest.mark.parametrize(
    ("gap_days", "week"),
    [(7, 3), (8, 2), (14, 2), (15, 1), (60, 1)],
)
def test_after_a_break_one_week_back_for_each_full_week_missed(gap_days: int, week: int) -> None:
    history = [walk(p.week, p.session, day=i) for i, p in enumerate(PROGRAMME.positions[:6])]
    history.append(walk(3, 1, day=6))
    today = _today(history, day=6 + gap_days)
    assert today.position == (Position(3, 2) if week == 3 else Position(week, 1))
    if week < 3:
        assert "missed" in today.reason
        assert f"week {week}" in today.reason


def test_a_break_in_week_one_starts_week_one_again() -> None:
    today = _today([walk(1, 1, day=0), walk(1, 2, day=2)], day=12)
    assert today.position == Position(1, 1)
    assert "week 1 starts again" in today.reason


def test_a_break_after_the_last_session_does_not_unfinish_the_programme() -> None:
    history = [walk(p.week, p.session, day=2 * i) for i, p in enumerate(PROGRAMME.positions)]
    today = _today(history, day=200)
    assert today.finished
    assert today.done == len(PROGRAMME.positions)
    assert all(cell.state is CellState.DONE for cell in today.cells)
    assert "finished" in today.headline()


def test_stopped_tries_are_counted_apart_from_the_weeks_sessions_done() -> None:
    history = [
        walk(1, 1, day=0),
        walk(1, 2, day=1, outcome="stopped"),
        walk(1, 2, day=2),
        walk(1, 3, day=3, outcome="stopped"),
        walk(1, 3, day=4),
    ]
    today = _today(history, day=5)
    assert (today.week_walked, today.week_stopped, today.week_target) == (3, 2, 3)


def test_a_walk_stopped_for_feeling_unwell_pauses_the_programme_until_resumed() -> None:
    sick = walk(1, 2, day=2, outcome="stopped", unwell=True)
    history = [walk(1, 1, day=0), sick]
    paused = _today(history, day=4)
    assert paused.paused
    assert paused.unwell_walk == sick.id
    assert paused.position == Position(1, 2)
    resumed = _today(history, day=4, resumed_after=sick.id)
    assert not resumed.paused
    again = _today([*history, walk(1, 2, day=5, unwell=True)], day=6, resumed_after=sick.id)
    assert again.paused  # a later unwell walk pauses it once more


def test_a_completed_walk_marked_unwell_does_not_move_on() -> None:
    today = _today([walk(1, 1, day=0, effort=2, unwell=True)], day=2)
    assert today.position == Position(1, 1)
    assert today.paused


def test_walks_count_in_the_order_recorded_whatever_their_dates_say() -> None:
    # The second walk was made with the clock 30 days ahead, the third with it right again.
    history = [walk(1, 1, day=0), walk(1, 2, day=32), walk(1, 3, day=4)]
    today = _today(history, day=6)
    assert today.position == Position(2, 1)
    assert "clock looked wrong" in today.clock_note
    assert "in the future" in today.clock_note
    assert today.since_last is not None
    assert today.since_last > timedelta(days=1)  # not "less than a minute" after a future walk


def test_a_walk_dated_before_the_programme_was_started_counts_and_says_so() -> None:
    history = [walk(1, 1, day=0), walk(1, 2, day=-40)]  # the clock was 40 days behind
    today = _today(history, day=3)
    assert today.position == Position(1, 3)
    assert "before the programme was started" in today.clock_note


def test_a_future_walk_does_not_make_today_a_rest_day_or_a_break() -> None:
    history = [walk(1, 1, day=0), walk(1, 2, day=2)]
    today = _today(history, day=-0.5)  # the clock now is behind every walk
    assert today.position == Position(1, 3)
    assert not today.rest_suggested
    assert "clock looked wrong" in today.clock_note


def test_walks_of_an_earlier_start_of_the_programme_do_not_count() -> None:
    earlier = [walk(1, 1, day=1, enrolment="e0"), walk(1, 2, day=2, enrolment="e0")]
    assert _today(earlier, day=3).position == Position(1, 1)


def test_unnamed_walks_from_before_the_start_do_not_count_but_later_ones_do() -> None:
    older = [walk(1, 1, day=-10, enrolment=None), walk(1, 2, day=-8, enrolment=None)]
    assert _today(older, day=1).position == Position(1, 1)
    assert _today([walk(1, 1, day=0, enrolment=None)], day=2).position == Position(1, 2)


def test_sessions_outside_the_programme_do_not_move_it_on() -> None:
    other = walk(3, 3, day=3.1, name="another")
    today = _today([walk(1, 1, day=0), other], day=3.2)
    assert today.position == Position(1, 2)


def test_a_mark_the_programme_does_not_have_is_left_out() -> None:
    assert _today([walk(1, 1, day=0), walk(9, 1, day=2)], day=3).position == Position(1, 2)


def test_a_repeated_session_once_walked_well_moves_on_and_shows_as_repeated() -> None:
    history = [
        walk(1, 1, day=0),
        walk(1, 2, day=2, outcome="stopped"),
        walk(1, 2, day=4, effort=6),
        walk(1, 2, day=6, effort=4),
    ]
    today = _today(history, day=8)
    assert today.position == Position(1, 3)
    states = {cell.position: cell.state for cell in today.cells}
    assert states[Position(1, 1)] is CellState.DONE
    assert states[Position(1, 2)] is CellState.REPEATED
    assert states[Position(1, 3)] is CellState.TODAY
    assert states[Position(2, 1)] is CellState.TO_COME
    assert today.done == 2


def test_weeks_of_different_lengths_count_against_their_own_target() -> None:
    uneven = Programme(
        name="steady",
        title="Uneven",
        audience="tests",
        about="two then four",
        build_up="none",
        references=("retrocoach-own",),
        weeks=(
            (parse_spec("backward=1m"), parse_spec("backward=1m")),
            tuple(parse_spec("backward=2m") for _ in range(4)),
        ),
    )
    today = _today([walk(1, 1, day=0), walk(1, 2, day=2)], day=4, programme=uneven)
    assert today.position == Position(2, 1)
    assert today.week_target == 4
    assert today.headline().startswith("Week 2, session 1 of 4:")


def test_backward_minutes_that_are_not_whole_are_said_in_seconds_too() -> None:
    odd = Programme(
        name="odd",
        title="Odd",
        audience="tests",
        about="odd",
        build_up="none",
        references=("retrocoach-own",),
        weeks=((parse_spec("backward=45s rounds=2"),), (parse_spec("backward=20s rounds=1"),)),
    )
    assert _today([], day=0, programme=odd).headline().endswith("1:30 backward in all")


def _speeding_up() -> Programme:
    """Week 2 raises the backward belt from 1.0 to 1.5 km/h."""
    slow = "backward=1m rounds=2 turn=wait backward-speed=1km/h"
    fast = "backward=1m rounds=2 turn=wait backward-speed=1.5km/h"
    return Programme(
        name="steady",
        title="Speeding up",
        audience="tests",
        about="a faster belt in week 2",
        build_up="none",
        references=("retrocoach-own",),
        weeks=((parse_spec(slow), parse_spec(slow)), (parse_spec(fast),)),
    )


def test_the_belt_is_raised_only_after_a_walk_at_the_slower_speed_rated_four_or_less() -> None:
    speeding = _speeding_up()
    within_week = _today([walk(1, 1, day=0, effort=5)], day=2, programme=speeding)
    assert within_week.position == Position(1, 2)  # same speed: a 5 moves on
    held = _today(
        [walk(1, 1, day=0, effort=3), walk(1, 2, day=2, effort=5)], day=4, programme=speeding
    )
    assert held.position == Position(1, 2)
    assert "belt is faster in the next session" in held.reason
    raised = _today(
        [walk(1, 1, day=0, effort=3), walk(1, 2, day=2, effort=4)], day=4, programme=speeding
    )
    assert raised.position == Position(2, 1)


def test_a_false_start_suggests_no_rest_day_and_the_walk_after_it_counts() -> None:
    """A try stopped after 14 s is no session: no rest day after it, no day used up by it."""
    done = walk(1, 1, day=0)
    false_start = walk(1, 2, day=3, outcome="stopped", walking_s=14.0)
    next_day = _today([done, false_start], day=4)
    assert next_day.position == Position(1, 2)
    assert not next_day.rest_suggested
    same_day = _today([done, false_start], day=3.01)
    assert not same_day.walked_today
    assert not same_day.rest_suggested
    # Walked in full the same day, the session counts and moves the walker on.
    walked = walk(1, 2, day=3.02)
    moved = _today([done, false_start, walked], day=3.05)
    assert moved.position == Position(1, 3)
    assert moved.walked_today
    # A full minute walked is no false start: it counts the day, and a rest day follows.
    minute = walk(1, 2, day=3, outcome="stopped", walking_s=60.0)
    assert _today([done, minute], day=4).rest_suggested


def test_false_starts_count_one_stopped_try_a_day() -> None:
    """Two false starts in a row one morning are one stopped try, not two (which steps back)."""
    done = [walk(1, 1, day=0), walk(1, 2, day=2)]
    tries = [walk(1, 3, day=4 + n / 100, outcome="stopped", walking_s=5.0) for n in range(2)]
    today = _today([*done, *tries], day=4.05)
    assert today.position == Position(1, 3)
    assert today.repeat
    assert "stopped early" in today.reason
