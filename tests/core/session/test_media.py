"""The session as a media remote sees it, and what each media button does."""

from __future__ import annotations

import pytest
from fakes import FakeClock

from retrocoach.core.plan.model import parse_spec
from retrocoach.core.session.machine import Command, Session, State
from retrocoach.core.session.media import (
    RemoteAction,
    RemoteRule,
    playback_status,
    position_us,
    track,
)

PLAN = "warmup=1m forward=2m backward=1m rounds=3 cooldown=1m getready=0s"


def session(clock: FakeClock, *, start: bool = True) -> Session:
    walk = Session(parse_spec(PLAN, name="Treadmill Tuesday"), countdown_s=1)
    if start:
        walk.start(clock.now())
    return walk


def walk_on(walk: Session, clock: FakeClock, seconds: float) -> None:
    """Tick the session through *seconds*, as a driver would (no gap pause)."""
    end = clock.now() + seconds
    while clock.now() < end:
        walk.advance(clock.advance(min(0.5, end - clock.now())))


def test_the_status_follows_the_session() -> None:
    clock = FakeClock()
    walk = session(clock, start=False)
    assert playback_status(None) == "Stopped"
    assert playback_status(walk) == "Stopped"
    walk.start(clock.now())
    assert playback_status(walk) == "Playing"
    walk_on(walk, clock, 5)
    walk.pause(clock.now())
    assert playback_status(walk) == "Paused"
    walk.resume(clock.advance(5))
    assert playback_status(walk) == "Playing"
    walk.stop(clock.advance(1))
    assert playback_status(walk) == "Stopped"


def test_the_track_names_direction_and_round_with_the_plan_as_album() -> None:
    clock = FakeClock()
    walk = session(clock)
    warmup = track(walk)
    assert warmup is not None
    assert warmup.title == "Warm-up"
    assert warmup.album == "Treadmill Tuesday"
    assert warmup.length_us == 60_000_000
    walk_on(walk, clock, 60 + 120 + 60 + 120 + 1)  # into backward, round 2
    current = track(walk)
    assert current is not None
    assert current.title == "Backward, round 2 of 3"
    assert current.length_us == 60_000_000
    assert current.trackid != warmup.trackid
    assert current.trackid.startswith("/org/retrocoach/")


def test_there_is_no_track_before_the_start_or_after_the_end() -> None:
    clock = FakeClock()
    walk = session(clock, start=False)
    assert track(walk) is None
    walk.start(clock.now())
    walk.stop(clock.advance(3))
    assert track(walk) is None
    assert position_us(walk, clock.now()) == 0


def test_the_position_is_the_time_into_the_segment_and_holds_while_paused() -> None:
    clock = FakeClock()
    walk = session(clock)
    walk_on(walk, clock, 12.5)
    assert position_us(walk, clock.now()) == 12_500_000
    walk.pause(clock.now())
    assert position_us(walk, clock.advance(30)) == 12_500_000
    walk.resume(clock.now())
    walk_on(walk, clock, 47.5 + 3)  # 3 s into forward
    assert position_us(walk, clock.now()) == 3_000_000


@pytest.mark.parametrize(
    ("action", "state", "expected"),
    [
        (RemoteAction.PLAY_PAUSE, State.RUNNING, Command.PAUSE),
        (RemoteAction.PLAY_PAUSE, State.PAUSED, Command.RESUME),
        (RemoteAction.PLAY_PAUSE, State.IDLE, Command.START),
        (RemoteAction.PLAY, State.IDLE, Command.START),
        (RemoteAction.PLAY, State.PAUSED, Command.RESUME),
        (RemoteAction.PLAY, State.RUNNING, None),
        (RemoteAction.PAUSE, State.RUNNING, Command.PAUSE),
        (RemoteAction.PAUSE, State.PAUSED, None),
        (RemoteAction.NEXT, State.RUNNING, Command.SKIP),
        (RemoteAction.NEXT, State.IDLE, None),
        (RemoteAction.QUIT, State.RUNNING, Command.STOP),
    ],
)
def test_each_button_means_the_command_that_fits_the_state(
    action: RemoteAction, state: State, expected: Command | None
) -> None:
    clock = FakeClock()
    walk = session(clock, start=state is not State.IDLE)
    if state is State.PAUSED:
        walk.pause(clock.advance(1))
    assert RemoteRule(clock.now).command_for(action, walk) == expected


def test_one_stop_only_asks_and_a_second_within_the_window_stops() -> None:
    clock = FakeClock()
    walk = session(clock)
    rule = RemoteRule(clock.now, window_s=4.0)
    assert rule.command_for(RemoteAction.STOP, walk) is None
    assert rule.stop_waiting
    clock.advance(3.9)
    assert rule.command_for(RemoteAction.STOP, walk) is Command.STOP
    assert not rule.stop_waiting


def test_a_second_stop_too_late_only_asks_again() -> None:
    clock = FakeClock()
    walk = session(clock)
    rule = RemoteRule(clock.now, window_s=4.0)
    rule.command_for(RemoteAction.STOP, walk)
    clock.advance(4.5)
    assert rule.command_for(RemoteAction.STOP, walk) is None
    assert rule.stop_waiting


def test_another_button_between_two_stops_cancels_the_first() -> None:
    clock = FakeClock()
    walk = session(clock)
    rule = RemoteRule(clock.now)
    rule.command_for(RemoteAction.STOP, walk)
    assert rule.command_for(RemoteAction.PAUSE, walk) is Command.PAUSE
    assert rule.command_for(RemoteAction.STOP, walk) is None


def test_buttons_after_the_end_do_nothing() -> None:
    clock = FakeClock()
    walk = session(clock)
    walk.stop(clock.advance(1))
    rule = RemoteRule(clock.now)
    for action in RemoteAction:
        assert rule.command_for(action, walk) is None
