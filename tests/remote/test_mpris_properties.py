"""Every MPRIS property of `retrocoach run`, with its type, and the methods a walk ignores."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from private_bus import PrivateBus, coach

pytestmark = pytest.mark.slow

ROOT = "org.mpris.MediaPlayer2"
PLAYER = "org.mpris.MediaPlayer2.Player"


ROOT_PROPERTIES = {
    "Identity": 'string "RetroCoach"',
    "DesktopEntry": 'string "retrocoach"',
    "CanQuit": "boolean true",
    "CanRaise": "boolean false",  # a terminal has no window to raise
    "CanSetFullscreen": "boolean false",
    "Fullscreen": "boolean false",
    "HasTrackList": "boolean false",
    "SupportedUriSchemes": "array [",
    "SupportedMimeTypes": "array [",
}
PLAYER_PROPERTIES = {
    "PlaybackStatus": 'string "Playing"',
    "Metadata": "array [",
    "Position": "int64",
    "Rate": "double 1",
    "MinimumRate": "double 1",
    "MaximumRate": "double 1",
    "Volume": "double 1",
    "CanGoNext": "boolean true",
    "CanGoPrevious": "boolean false",
    "CanPlay": "boolean true",
    "CanPause": "boolean true",
    "CanSeek": "boolean false",
    "CanControl": "boolean true",
}


def test_every_property_of_both_interfaces_is_there_with_its_mpris_type(
    bus: PrivateBus, tmp_path: Path
) -> None:
    with coach(bus.env, tmp_path / "data"):
        bus.wait_for_player()
        for interface, expected in ((ROOT, ROOT_PROPERTIES), (PLAYER, PLAYER_PROPERTIES)):
            listing = bus.get_all(interface)
            for name, value in expected.items():
                assert f'string "{name}"' in listing, (name, listing)
                assert value in bus.get(interface, name), (name, bus.get(interface, name))


def test_the_methods_that_do_nothing_in_a_walk_answer_and_change_nothing(
    bus: PrivateBus, tmp_path: Path
) -> None:
    """Previous, Seek, SetPosition, OpenUri and Raise: a walk never goes back or jumps."""
    with coach(bus.env, tmp_path / "data"):
        bus.wait_for_player()
        title = bus.playerctl("metadata", "title")
        bus.playerctl("previous")
        bus.playerctl("position", "5+")
        bus.playerctl("open", "file:///dev/null")
        bus.call(ROOT, "Raise")
        time.sleep(0.3)
        assert bus.playerctl("metadata", "title") == title
        assert bus.playerctl("status") == "Playing"
        assert float(bus.playerctl("position")) < 4.0
