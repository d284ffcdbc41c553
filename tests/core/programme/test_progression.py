"""Today's session of a programme, worked out from made-up histories."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from retrocoach.core.history.store import Outcome, SessionRecord
from retrocoach.core.plan.model import parse_spec
from retrocoach.core.programme.model import Position, Programme, ProgrammeMark
from retrocoach.core.programme.progression import REST_BEFORE, CellState, Today, today_in

SINCE = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)  # a Monday
RecordFactory = Callable[..., SessionRecord]


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


@pytest.fixture
def walk(make_record: RecordFactory) -> Callable[..., SessionRecord]:
    """A session of PROGRAMME at week/session, walked *day* days after SINCE."""

    def build(
        week: int,
        session: int,
        *,
        day: float,
        outcome: Outcome = Outcome.COMPLETED,
        effort: int | None = None,
        name: str = "steady",
        **extra: Any,
    ) -> SessionRecord:
        return make_record(
            started_at=SINCE + timedelta(days=day),
            outcome=outcome,
            effort=effort,
            programme=ProgrammeMark(name, week, session),
            **extra,
        )

    return build


def _today(history: list[SessionRecord], *, day: float, programme: Programme = PROGRAMME) -> Today:
    return today_in(programme, history, since=SINCE, now=SINCE + timedelta(days=day))


def test_a_new_programme_starts_with_its_first_session_and_no_rest() -> None:
    today = _today([], day=0.01)
    assert today.position == Position(1, 1)
    assert not today.repeat
    assert not today.rest_suggested
    assert not today.finished
    assert today.mark == ProgrammeMark("steady", 1, 1)
    assert today.plan == PROGRAMME.plan_at(Position(1, 1))
    assert today.headline() == "Week 1, session 1 of 3: 2 min backward in all"


def test_a_completed_unrated_session_moves_on(walk: Callable[..., SessionRecord]) -> None:
    today = _today([walk(1, 1, day=0)], day=2)
    assert today.position == Position(1, 2)
    assert not today.repeat


@pytest.mark.parametrize("effort", [0, 5, 7])
def test_a_completed_session_rated_below_eight_moves_on(
    walk: Callable[..., SessionRecord], effort: int
) -> None:
    assert _today([walk(1, 3, day=0, effort=effort)], day=2).position == Position(2, 1)


@pytest.mark.parametrize("effort", [8, 9, 10])
def test_a_session_rated_eight_or_more_is_repeated(
    walk: Callable[..., SessionRecord], effort: int
) -> None:
    today = _today([walk(1, 1, day=0), walk(1, 2, day=2, effort=effort)], day=4)
    assert today.position == Position(1, 2)
    assert today.repeat
    assert f"{effort} out of 10" in today.reason
    assert "(again)" in today.headline()


@pytest.mark.parametrize("outcome", [Outcome.STOPPED, Outcome.INTERRUPTED])
def test_a_session_not_walked_to_the_end_is_repeated(
    walk: Callable[..., SessionRecord], outcome: Outcome
) -> None:
    today = _today([walk(1, 1, day=0), walk(1, 2, day=2, outcome=outcome, effort=2)], day=4)
    assert today.position == Position(1, 2)
    assert today.repeat
    assert today.reason


def test_a_repeated_session_once_walked_well_moves_on(walk: Callable[..., SessionRecord]) -> None:
    history = [
        walk(1, 1, day=0),
        walk(1, 2, day=2, outcome=Outcome.STOPPED),
        walk(1, 2, day=4, effort=9),
        walk(1, 2, day=6, effort=6),
    ]
    today = _today(history, day=8)
    assert today.position == Position(1, 3)
    states = {cell.position: cell.state for cell in today.cells}
    assert states[Position(1, 1)] is CellState.DONE
    assert states[Position(1, 2)] is CellState.REPEATED
    assert states[Position(1, 3)] is CellState.TODAY
    assert states[Position(2, 1)] is CellState.TO_COME
    assert next(c for c in today.cells if c.position == Position(1, 2)).walks == 3
    assert today.done == 2


def test_the_last_session_walked_well_finishes_the_programme(
    walk: Callable[..., SessionRecord],
) -> None:
    history = [walk(p.week, p.session, day=2 * i) for i, p in enumerate(PROGRAMME.positions)]
    today = _today(history, day=2 * len(history) + 1)
    assert today.finished
    assert today.position is None
    assert today.plan is None
    assert today.mark is None
    assert today.done == len(PROGRAMME.positions)
    assert all(cell.state is CellState.DONE for cell in today.cells)
    assert "finished" in today.headline()


def test_the_last_session_stopped_early_is_walked_again_not_finished(
    walk: Callable[..., SessionRecord],
) -> None:
    today = _today([walk(3, 3, day=30, outcome=Outcome.STOPPED)], day=31)
    assert today.position == Position(3, 3)
    assert not today.finished


def test_after_a_week_missed_the_week_last_walked_starts_again(
    walk: Callable[..., SessionRecord],
) -> None:
    history = [walk(1, 1, day=0), walk(1, 2, day=2), walk(1, 3, day=4), walk(2, 1, day=7)]
    assert _today(history, day=9).position == Position(2, 2)
    after_break = _today(history, day=7 + 9)
    assert after_break.position == Position(2, 1)
    assert after_break.repeat
    assert "week 2 starts again" in after_break.reason


def test_a_break_after_the_last_session_does_not_unfinish_the_programme(
    walk: Callable[..., SessionRecord],
) -> None:
    assert _today([walk(3, 3, day=20)], day=60).finished


def test_sessions_outside_the_programme_do_not_move_it_on_but_count_for_rest(
    walk: Callable[..., SessionRecord], make_record: RecordFactory
) -> None:
    outside = make_record(started_at=SINCE + timedelta(days=3))
    other = walk(3, 3, day=3.1, name="another")
    today = _today([walk(1, 1, day=0), outside, other], day=3.2)
    assert today.position == Position(1, 2)
    assert today.rest_suggested


def test_sessions_from_before_the_programme_was_started_again_do_not_count(
    walk: Callable[..., SessionRecord],
) -> None:
    earlier = [walk(1, 1, day=-10), walk(1, 2, day=-8), walk(1, 3, day=-6)]
    assert _today(earlier, day=1).position == Position(1, 1)


def test_a_mark_the_programme_does_not_have_is_left_out(
    walk: Callable[..., SessionRecord],
) -> None:
    assert _today([walk(1, 1, day=0), walk(9, 1, day=1)], day=3).position == Position(1, 2)


def test_the_history_order_does_not_matter_only_the_start_times(
    walk: Callable[..., SessionRecord],
) -> None:
    history = [walk(1, 2, day=2), walk(1, 1, day=0)]
    assert _today(history, day=4).position == Position(1, 3)


@pytest.mark.parametrize(
    ("hours", "rest"),
    [(1, True), (12, True), (23, True), (25, False), (30, False)],
)
def test_a_rest_day_is_suggested_less_than_about_a_day_after_the_last_session(
    walk: Callable[..., SessionRecord], hours: float, rest: bool
) -> None:
    record = walk(1, 1, day=0)
    now = record.ended_at + timedelta(hours=hours)
    today = today_in(PROGRAMME, [record], since=SINCE, now=now)
    assert today.rest_suggested is rest
    assert today.since_last == timedelta(hours=hours)
    assert today.position == Position(1, 2)  # a rest is a suggestion: today's session is there


def test_a_clock_set_back_before_the_last_session_still_suggests_rest(
    walk: Callable[..., SessionRecord],
) -> None:
    record = walk(1, 1, day=1)
    today = today_in(PROGRAMME, [record], since=SINCE, now=record.started_at - timedelta(hours=2))
    assert today.since_last == timedelta(0)
    assert today.rest_suggested
    assert timedelta(0) < REST_BEFORE


def test_this_weeks_count_is_programme_sessions_since_monday_against_the_weeks_target(
    walk: Callable[..., SessionRecord],
) -> None:
    # SINCE is a Monday; day 7 is the next Monday.
    history = [walk(1, 1, day=0), walk(1, 2, day=2), walk(1, 3, day=7.1), walk(2, 1, day=8)]
    today = _today(history, day=9)
    assert (today.week_walked, today.week_target) == (2, 3)


def test_weeks_of_different_lengths_count_against_their_own_target(
    walk: Callable[..., SessionRecord],
) -> None:
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
    today = _today([walk(1, 1, day=0), walk(1, 2, day=2)], day=3, programme=uneven)
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
    assert _today([], day=0, programme=odd).headline().endswith("1 min 30 s backward in all")
