"""The guide: ``next`` from the active programme and the history, and starting and stopping."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from retrocoach.core.history.store import HistoryStore, Outcome, SessionRecord
from retrocoach.core.programme.guide import (
    NoProgrammeError,
    ProgrammeGuide,
    ProgrammePausedError,
    UnknownProgrammeError,
    is_next,
)
from retrocoach.core.programme.model import Position, ProgrammeBook, ProgrammeMark
from retrocoach.core.programme.state import ProgrammeStateStore

RecordFactory = Callable[..., SessionRecord]
START = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)


class _Wall:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def wall() -> _Wall:
    return _Wall()


@pytest.fixture
def history(tmp_path: Path) -> HistoryStore:
    return HistoryStore(tmp_path, warn=pytest.fail)


@pytest.fixture
def guide(tmp_path: Path, history: HistoryStore, wall: _Wall) -> ProgrammeGuide:
    state = ProgrammeStateStore(tmp_path, warn=pytest.fail, wall_clock=wall)
    return ProgrammeGuide(ProgrammeBook.default(environ={}), state, history, wall_clock=wall)


@pytest.mark.parametrize(("text", "means"), [("next", True), (" NEXT ", True), ("nexts", False)])
def test_the_plan_name_next_is_recognised_in_any_case(text: str, means: bool) -> None:
    assert is_next(text) is means


def test_next_with_no_programme_says_how_to_start_one(guide: ProgrammeGuide) -> None:
    assert guide.today() is None
    with pytest.raises(NoProgrammeError) as caught:
        guide.next_session()
    message = str(caught.value)
    assert "retrocoach programme start" in message
    assert "beginners" in message
    assert "\n" not in message


def test_next_after_a_start_is_the_first_session(guide: ProgrammeGuide, wall: _Wall) -> None:
    guide.start("Beginners")
    wall.now += timedelta(minutes=5)
    session = guide.next_session()
    enrolment = guide.state.active()
    assert enrolment is not None
    assert session.mark == ProgrammeMark("beginners", 1, 1, enrolment.id)
    assert session.plan == guide.find("beginners").plan_at(Position(1, 1))


def test_next_follows_the_history_and_a_stop_changes_no_past_session(
    guide: ProgrammeGuide, history: HistoryStore, wall: _Wall, make_record: RecordFactory
) -> None:
    guide.start("knee-oa")
    wall.now += timedelta(hours=1)
    first = guide.next_session()
    history.add(make_record(started_at=wall.now, plan=first.plan, programme=first.mark, effort=3))
    wall.now += timedelta(days=2)
    second = guide.next_session()
    assert second.mark.position == Position(1, 2)
    history.add(
        make_record(
            started_at=wall.now, plan=second.plan, programme=second.mark, outcome=Outcome.STOPPED
        )
    )
    wall.now += timedelta(days=2)
    assert guide.next_session().mark.position == Position(1, 2)
    before = history.path.read_bytes()
    stopped = guide.stop()
    assert stopped is not None
    assert stopped.programme == "knee-oa"
    assert history.path.read_bytes() == before
    with pytest.raises(NoProgrammeError):
        guide.next_session()


def test_starting_a_programme_again_starts_it_over(
    guide: ProgrammeGuide, history: HistoryStore, wall: _Wall, make_record: RecordFactory
) -> None:
    guide.start("beginners")
    wall.now += timedelta(hours=1)
    first = guide.next_session()
    history.add(make_record(started_at=wall.now, plan=first.plan, programme=first.mark, effort=3))
    wall.now += timedelta(days=2)
    guide.start("beginners")
    wall.now += timedelta(minutes=1)
    assert guide.next_session().mark.position == Position(1, 1)


def test_next_when_the_programme_is_finished_says_so_in_one_line(
    guide: ProgrammeGuide, history: HistoryStore, wall: _Wall, make_record: RecordFactory
) -> None:
    programme = guide.start("knee-oa")
    for position in programme.positions:
        wall.now += timedelta(days=2)
        session = guide.next_session()
        assert session.mark.position == position
        history.add(
            make_record(started_at=wall.now, plan=session.plan, programme=session.mark, effort=2)
        )
    wall.now += timedelta(days=2)
    with pytest.raises(NoProgrammeError, match="finished") as caught:
        guide.next_session()
    assert "programme start knee-oa" in str(caught.value)


def test_an_unknown_programme_name_lists_the_ones_there_are(guide: ProgrammeGuide) -> None:
    with pytest.raises(UnknownProgrammeError) as caught:
        guide.start("stroke")
    assert "'stroke' is not a programme" in str(caught.value)
    assert "beginners, knee-oa" in str(caught.value)
    assert guide.state.active() is None


def test_an_active_programme_the_book_lacks_counts_as_none(
    tmp_path: Path, guide: ProgrammeGuide
) -> None:
    guide.state.start("gone-programme")
    assert guide.active() is None
    with pytest.raises(NoProgrammeError, match="'gone-programme' is not available"):
        guide.next_session()


def test_an_unwell_walk_pauses_next_until_the_walker_resumes(
    guide: ProgrammeGuide, history: HistoryStore, wall: _Wall, make_record: RecordFactory
) -> None:
    guide.start("beginners")
    wall.now += timedelta(hours=1)
    first = guide.next_session()
    history.add(
        make_record(
            started_at=wall.now,
            plan=first.plan,
            programme=first.mark,
            outcome=Outcome.STOPPED,
            stopped_unwell=True,
        )
    )
    wall.now += timedelta(days=3)
    with pytest.raises(ProgrammePausedError, match="programme resume") as caught:
        guide.next_session()
    assert "\n" not in str(caught.value)
    today = guide.resume()
    assert today is not None
    assert not today.paused
    assert guide.next_session().mark.position == Position(1, 1)  # the stopped try, again
    # The decision is kept in programme.json, for both coaches.
    assert "resumed_after" in guide.state.path.read_text(encoding="utf-8")


def test_a_walk_keeps_its_start_of_the_programme_in_the_history(
    guide: ProgrammeGuide, history: HistoryStore, wall: _Wall, make_record: RecordFactory
) -> None:
    guide.start("beginners")
    wall.now += timedelta(hours=1)
    first = guide.next_session()
    # The clock was 40 days behind for this walk: it still counts for this start.
    history.add(
        make_record(
            started_at=wall.now - timedelta(days=40),
            plan=first.plan,
            programme=first.mark,
            effort=4,
        )
    )
    wall.now += timedelta(days=2)
    reread = HistoryStore(history.folder, warn=pytest.fail).sessions()[0]
    assert reread.programme == first.mark
    today = guide.today()
    assert today is not None
    assert today.position == Position(1, 2)
    assert "clock looked wrong" in today.clock_note
