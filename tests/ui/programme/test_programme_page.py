"""The Programme page and the Coach page's strip: starting, stopping, the grid and today's line."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from retrocoach.core.history.store import HistoryStore, Outcome, SessionRecord
from retrocoach.core.plan.model import Kind
from retrocoach.core.programme.guide import ProgrammeGuide
from retrocoach.core.programme.model import Position, ProgrammeBook
from retrocoach.core.programme.state import ProgrammeStateStore
from retrocoach.core.session.machine import SegmentRecord
from retrocoach.ui.programme.page import AGREED_TEXT, ProgrammePage
from retrocoach.ui.programme.today_strip import TodayStrip

START = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)  # a Monday


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


def _walk(guide: ProgrammeGuide, history: HistoryStore, wall: _Wall, **extra: object) -> None:
    """Walk today's session in full at the wall clock's time."""
    session = guide.next_session()
    plan = session.plan
    segments = tuple(
        SegmentRecord(s.kind, s.seconds, float(s.seconds), s.round)
        for s in plan.segments()
        if s.kind is not Kind.GETREADY
    )
    fields: dict[str, object] = {
        "id": f"w{len(history.sessions())}",
        "started_at": wall.now,
        "ended_at": wall.now + timedelta(seconds=plan.total_s),
        "outcome": Outcome.COMPLETED,
        "plan": plan,
        "segments": segments,
        "forward_s": float(plan.forward_total_s),
        "backward_s": float(plan.backward_total_s),
        "programme": session.mark,
        "effort": 3,
    }
    fields.update(extra)
    history.add(SessionRecord(**fields))  # type: ignore[arg-type]


def test_with_no_programme_the_page_previews_the_weeks_all_to_come(
    qtbot: QtBot, guide: ProgrammeGuide
) -> None:
    page = ProgrammePage(guide)
    qtbot.addWidget(page)
    assert "No programme is being followed" in page.status.text()
    assert not page.stop_button.isEnabled()
    assert len(page.grid.cells) == 18
    assert all("to come" in cell.text() for cell in page.grid.cells.values())
    assert "Six weeks for beginners" in page.details.text()


def test_the_knee_programme_cannot_be_started_until_the_walker_says_it_was_agreed(
    qtbot: QtBot, guide: ProgrammeGuide
) -> None:
    page = ProgrammePage(guide)
    qtbot.addWidget(page)
    page.choice.setCurrentIndex(page.choice.findData("knee-oa"))
    assert "clinician or physiotherapist" in page.details.text()
    assert "Alghadir AH" in page.details.text()  # each source in full, to be looked up
    assert "BMC Musculoskeletal Disorders" in page.details.text()
    assert page.agreed.text().replace("&", "") == AGREED_TEXT
    assert not page.start_button.isEnabled()
    page.agreed.setChecked(True)
    assert page.start_button.isEnabled()
    with qtbot.waitSignal(page.programme_started) as started:
        qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert started.args == ["knee-oa"]
    active = guide.active()
    assert active is not None
    assert active[1].name == "knee-oa"


def test_the_grid_shows_done_repeated_and_today_after_walks(
    qtbot: QtBot, guide: ProgrammeGuide, history: HistoryStore, wall: _Wall
) -> None:
    page = ProgrammePage(guide)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.programme_started):
        qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    wall.now += timedelta(hours=1)
    _walk(guide, history, wall)
    wall.now += timedelta(days=2)
    _walk(guide, history, wall, outcome=Outcome.STOPPED)
    wall.now += timedelta(hours=3)
    page.refresh()
    assert "done" in page.grid.cells[(1, 1)].text()
    assert "today" in page.grid.cells[(1, 2)].text()
    assert "to come" in page.grid.cells[(1, 3)].text()
    status = page.status.text()
    assert "Week 1, session 2 of 3 (again)" in status
    assert "stopped early" in status
    assert "This week: 1 of 3 sessions done, 1 stopped try" in status
    assert "You have walked today&#x27;s session" in status
    wall.now += timedelta(days=1)
    _walk(guide, history, wall)
    page.refresh()
    assert "repeated" in page.grid.cells[(1, 2)].text()
    assert page.grid.cells[(1, 2)].accessibleName() == "Week 1, session 2: repeated, walked 2 times"


def test_choosing_another_programme_to_read_shows_its_own_weeks_under_its_description(
    qtbot: QtBot, guide: ProgrammeGuide, history: HistoryStore, wall: _Wall
) -> None:
    """Found on a walk-through: one programme's grid stood under another's description."""
    page = ProgrammePage(guide)
    qtbot.addWidget(page)
    followed = page.choice.currentData()
    with qtbot.waitSignal(page.programme_started):
        qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    wall.now += timedelta(hours=1)
    _walk(guide, history, wall)
    page.refresh()
    assert "done" in page.grid.cells[(1, 1)].text()
    other = next(
        index for index in range(page.choice.count()) if page.choice.itemData(index) != followed
    )
    page.choice.setCurrentIndex(other)
    chosen = guide.book.get(page.choice.currentData())
    assert chosen is not None
    assert chosen.title in page.details.text()
    assert len(page.grid.cells) == len(chosen.positions)
    assert all("to come" in cell.text() for cell in page.grid.cells.values())
    page.choice.setCurrentIndex(page.choice.findData(followed))
    assert "done" in page.grid.cells[(1, 1)].text()  # back to the one followed, as walked


def test_stopping_keeps_every_session_in_the_history(
    qtbot: QtBot, guide: ProgrammeGuide, history: HistoryStore, wall: _Wall
) -> None:
    page = ProgrammePage(guide)
    qtbot.addWidget(page)
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    wall.now += timedelta(hours=1)
    _walk(guide, history, wall)
    before = history.path.read_bytes()
    with qtbot.waitSignal(page.programme_stopped):
        qtbot.mouseClick(page.stop_button, Qt.MouseButton.LeftButton)
    assert guide.active() is None
    assert history.path.read_bytes() == before
    assert "stay in your history" in page.message.text()
    mark = history.sessions()[0].programme
    assert mark is not None
    assert mark.position == Position(1, 1)


def test_a_start_the_disk_refuses_is_told_on_the_page(
    qtbot: QtBot, tmp_path: Path, history: HistoryStore
) -> None:
    told: list[str] = []
    state = ProgrammeStateStore(tmp_path, warn=told.append)
    state.path.mkdir()  # a folder where programme.json should be
    guide = ProgrammeGuide(ProgrammeBook.default(environ={}), state, history)
    page = ProgrammePage(guide)
    qtbot.addWidget(page)
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert page.message.text().startswith("The programme could not be started:")
    assert guide.active() is None
    assert told == [told[0]]
    assert "programme.json" in told[0]


def test_the_strip_says_todays_session_and_offers_it_when_another_plan_is_loaded(
    qtbot: QtBot, guide: ProgrammeGuide, wall: _Wall
) -> None:
    strip = TodayStrip()
    qtbot.addWidget(strip)
    strip.show_today(None, loaded=False)
    assert strip.isHidden()
    guide.start("beginners")
    wall.now += timedelta(hours=1)
    strip.show_today(guide.today(), loaded=True)
    assert not strip.isHidden()
    assert strip.headline.text() == "Week 1, session 1 of 3: 5:00 backward in all"
    assert strip.load_button.isHidden()
    strip.show_today(guide.today(), loaded=False)
    assert not strip.load_button.isHidden()
    with qtbot.waitSignal(strip.today_chosen):
        qtbot.mouseClick(strip.load_button, Qt.MouseButton.LeftButton)
