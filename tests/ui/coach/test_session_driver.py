"""The session driver: one timer aimed at the next change, signals only on real change."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path

import pytest
from fakes import FakeClock
from pytestqt.qtbot import QtBot

from retrocoach.core.history.journal import parse_journal
from retrocoach.core.history.recorder import SessionRecorder
from retrocoach.core.history.store import HistoryStore
from retrocoach.core.plan.model import parse_spec
from retrocoach.core.session.machine import (
    Event,
    Paused,
    PauseReason,
    SegmentStarted,
    Session,
    SessionFinished,
    SessionStopped,
    State,
)
from retrocoach.ui.coach.session_driver import SessionDriver, SessionRunningError

PLAN = parse_spec("getready=3s warmup=0s forward=5s backward=4s rounds=1 cooldown=0s")


class Listener:
    """Keeps every batch, and what the driver had emitted when the batch arrived."""

    def __init__(self, emitted: list[str]) -> None:
        self.batches: list[list[Event]] = []
        self.emitted_before: list[list[str]] = []
        self._emitted = emitted

    def on_events(self, session: Session, events: Sequence[Event], now: float) -> None:
        self.batches.append(list(events))
        self.emitted_before.append(list(self._emitted))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def driver(qtbot: QtBot, clock: FakeClock) -> SessionDriver:
    made = SessionDriver(clock)
    made.load(Session(PLAN, countdown_s=0))
    return made


def _record(driver: SessionDriver) -> list[str]:
    seen: list[str] = []
    for name in (
        "state_changed",
        "segment_started",
        "display_changed",
        "paused",
        "resumed",
        "finished",
        "stopped",
    ):
        getattr(driver, name).connect(lambda *_args, name=name: seen.append(name))
    return seen


def test_display_changed_fires_once_per_shown_second_however_often_it_ticks(
    driver: SessionDriver, clock: FakeClock
) -> None:
    driver.toggle()
    shown: list[float] = []
    driver.display_changed.connect(lambda progress: shown.append(progress.remaining_s))
    for _ in range(20):  # two seconds in tenths
        clock.advance(0.1)
        driver.tick()
    assert shown == pytest.approx([2.0, 1.0])


def test_the_timer_aims_at_the_next_change_of_the_shown_second(
    driver: SessionDriver, clock: FakeClock
) -> None:
    driver.toggle()
    assert driver.wake_in_ms == 1000
    clock.advance(0.25)
    driver.tick()
    assert driver.wake_in_ms == 750


def test_the_timer_sleeps_while_idle_or_paused(driver: SessionDriver, clock: FakeClock) -> None:
    assert driver.wake_in_ms is None
    driver.toggle()
    driver.toggle()
    assert driver.session is not None
    assert driver.session.state is State.PAUSED
    assert driver.wake_in_ms is None


def test_listeners_hear_the_events_before_any_signal_is_emitted(
    qtbot: QtBot, clock: FakeClock
) -> None:
    driver = SessionDriver(clock)
    seen = _record(driver)
    listener = Listener(seen)
    driver.load(Session(PLAN, countdown_s=0), [listener])
    seen.clear()
    driver.toggle()
    assert listener.emitted_before[-1] == []
    for _ in range(12):
        clock.advance(1)
        driver.tick()
    assert isinstance(listener.batches[-1][-1], SessionFinished)
    assert "finished" not in listener.emitted_before[-1]
    assert "finished" in seen


def test_a_late_tick_reports_every_boundary_it_missed_in_order(
    driver: SessionDriver, clock: FakeClock
) -> None:
    started: list[SegmentStarted] = []
    driver.segment_started.connect(started.append)
    driver.toggle()
    clock.advance(4.0)  # within the session's max_late_s: walked through, not a gap
    driver.tick()
    assert [event.segment.kind.value for event in started] == ["getready", "forward"]


def test_a_long_gap_pauses_and_says_how_long(driver: SessionDriver, clock: FakeClock) -> None:
    pauses: list[Paused] = []
    driver.paused.connect(pauses.append)
    driver.toggle()
    clock.advance(60)
    driver.tick()
    assert [pause.gap_s for pause in pauses] == [60.0]
    assert pauses[0].reason is PauseReason.GAP
    assert driver.session is not None
    assert driver.session.state is State.PAUSED


def test_skip_and_stop_go_through_the_driver(driver: SessionDriver, clock: FakeClock) -> None:
    stopped: list[SessionStopped] = []
    driver.stopped.connect(stopped.append)
    driver.toggle()
    driver.skip()
    assert driver.session is not None
    assert driver.session.index == 1
    clock.advance(1)
    driver.stop()
    assert len(stopped) == 1
    assert not driver.is_active


def test_commands_that_do_not_apply_are_ignored(driver: SessionDriver) -> None:
    driver.skip()  # idle: nothing to skip
    driver.stop()
    assert driver.session is not None
    assert driver.session.state is State.IDLE


def test_state_changed_fires_only_when_the_state_changes(
    driver: SessionDriver, clock: FakeClock
) -> None:
    states: list[State] = []
    driver.state_changed.connect(states.append)
    driver.toggle()
    for _ in range(10):
        clock.advance(0.5)
        driver.tick()
    assert states == [State.GET_READY, State.RUNNING]


def test_loading_a_session_while_one_runs_is_refused(driver: SessionDriver) -> None:
    driver.toggle()
    with pytest.raises(SessionRunningError):
        driver.load(Session(PLAN))


def test_the_timer_firing_reads_the_clock_and_advances(
    driver: SessionDriver, clock: FakeClock
) -> None:
    driver.toggle()
    shown: list[float] = []
    driver.display_changed.connect(lambda progress: shown.append(progress.remaining_s))
    clock.advance(1.0)
    driver._timer.timeout.emit()  # what Qt does when the wait is over
    assert shown == pytest.approx([2.0])


def test_a_long_segment_is_journalled_at_least_every_ten_seconds(
    qtbot: QtBot, clock: FakeClock, tmp_path: Path
) -> None:
    """A crash nine minutes into a long segment must not lose those nine minutes."""
    store = HistoryStore(tmp_path, warn=pytest.fail)
    driver = SessionDriver(clock)
    plan = parse_spec("getready=0s warmup=0s forward=5m backward=1m rounds=1 cooldown=0s")
    driver.load(Session(plan, countdown_s=0), [SessionRecorder(store, report=pytest.fail)])
    driver.toggle()
    walked: list[float] = []
    for _ in range(240):  # the driver wakes once a second, at each change of the shown second
        clock.advance(1)
        driver.tick()
        journal = parse_journal(store.journal_path.read_bytes()).record
        walked.append(journal.segments[0].actual_s)
    assert walked[-1] >= 230
    assert max(b - a for a, b in itertools.pairwise(walked)) <= 10
