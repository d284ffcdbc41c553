"""The real window (Xvfb) as an MPRIS player, driven by playerctl on a private session bus."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from private_bus import PrivateBus
from xdesktop import (
    App,
    Desktop,
    journal_session,
    open_window,
    prepare_data,
    sessions,
    wait_until,
    xvfb,
)

pytestmark = pytest.mark.slow

PLAN = "warmup=0s forward=20s backward=10s rounds=2 cooldown=0s getready=0s"
ROOT = "org.mpris.MediaPlayer2"
PLAYER = "org.mpris.MediaPlayer2.Player"


@pytest.fixture
def desktop() -> Iterator[Desktop]:
    with xvfb() as display:
        yield Desktop(display)


@pytest.fixture
def window(desktop: Desktop, bus: PrivateBus, tmp_path: Path) -> Iterator[tuple[App, Path]]:
    data = tmp_path / "data"
    prepare_data(data)
    app = open_window(desktop, data, PLAN, DBUS_SESSION_BUS_ADDRESS=bus.address)
    try:
        bus.wait_for_player()
        yield app, data
    finally:
        app.kill()


def status_is(bus: PrivateBus, wanted: str) -> None:
    wait_until(lambda: bus.playerctl("status") == wanted, f"status {wanted}")


def test_the_window_is_played_paused_skipped_and_stopped_from_playerctl(
    bus: PrivateBus, window: tuple[App, Path]
) -> None:
    app, data = window
    assert bus.playerctl("status") == "Stopped"  # nothing walked yet
    assert bus.get(ROOT, "Identity") == 'variant       string "RetroCoach"'
    assert bus.get(ROOT, "DesktopEntry") == 'variant       string "retrocoach"'
    assert bus.get(ROOT, "CanRaise") == "variant       boolean true"
    bus.playerctl("play-pause")  # Space's job: starts the walk (the checklist is confirmed)
    status_is(bus, "Playing")
    wait_until(lambda: journal_session(data) is not None, "the walk's journal")
    assert bus.playerctl("metadata", "title") == "Forward, round 1 of 2"
    assert bus.playerctl("metadata", "album") == "custom"
    assert bus.playerctl("metadata", "mpris:length") == str(20_000_000)
    assert bus.get(PLAYER, "Position").startswith("variant       int64")
    first = _position(bus)
    wait_until(lambda: _position(bus) > first + 0.5, "the position moving on")
    bus.playerctl("pause")
    status_is(bus, "Paused")
    bus.playerctl("play")
    status_is(bus, "Playing")
    with bus.monitor(f"type='signal',interface='{PLAYER}',member='Seeked'") as seeked:
        bus.playerctl("next")
        wait_until(
            lambda: bus.playerctl("metadata", "title") == "Backward, round 1 of 2", "skipped"
        )
    assert any("int64" in line for line in seeked), seeked
    bus.playerctl("stop")
    time.sleep(0.5)
    assert bus.playerctl("status") == "Playing"  # the first Stop only asks, as Esc does
    bus.playerctl("stop")
    status_is(bus, "Stopped")
    wait_until(lambda: sessions(data / "history.json"), "the stopped walk in the history")
    assert [s["outcome"] for s in sessions(data / "history.json")] == ["stopped"]
    assert app.process.poll() is None  # the window stays open
    # The check-in after the walk is open: as Space cannot start a walk behind it, nor may Play.
    bus.playerctl("play")
    time.sleep(0.5)
    assert bus.playerctl("status") == "Stopped"
    assert journal_session(data) is None


def _position(bus: PrivateBus) -> float:
    """The walk's position in seconds, as playerctl reads it (-1 while it cannot)."""
    try:
        return float(bus.playerctl("position"))
    except ValueError:
        return -1.0


def test_quit_from_the_remote_closes_the_window_and_keeps_the_walk(
    bus: PrivateBus, window: tuple[App, Path]
) -> None:
    app, data = window
    bus.playerctl("play")
    status_is(bus, "Playing")
    wait_until(lambda: journal_session(data) is not None, "the walk's journal")
    # Walk a little, so there is something to keep.
    wait_until(lambda: _position(bus) >= 1.0, "a second walked")
    bus.call(ROOT, "Quit")
    assert app.wait() == 0
    assert [s["outcome"] for s in sessions(data / "history.json")] == ["stopped"]


def test_without_a_session_bus_the_window_says_once_that_media_keys_are_off(
    desktop: Desktop, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    prepare_data(data)
    app = open_window(desktop, data, PLAN, DBUS_SESSION_BUS_ADDRESS="disabled:")
    try:
        # The notice bar also writes each new notice to stderr (the desktop's log).
        app.wait_for_stderr("media keys")
        time.sleep(0.5)
        assert app.stderr.count("media keys") == 1, app.stderr
        assert "not available" in app.stderr
    finally:
        app.kill()
