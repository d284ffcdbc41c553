"""`retrocoach run` as an MPRIS player, driven by the real playerctl on a private session bus."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from private_bus import PrivateBus, coach, until

pytestmark = pytest.mark.slow

PLAYER = "org.mpris.MediaPlayer2.Player"
ROOT = "org.mpris.MediaPlayer2"


def position(bus: PrivateBus) -> float:
    """The walk's position in seconds, as playerctl reads it (-1 while it cannot)."""
    try:
        return float(bus.playerctl("position"))
    except ValueError:
        return -1.0


def outcomes(data: Path) -> list[str]:
    history = json.loads((data / "history.json").read_text())
    return [session["outcome"] for session in history["sessions"]]


def test_status_metadata_and_position_describe_the_walk(bus: PrivateBus, tmp_path: Path) -> None:
    with coach(bus.env, tmp_path / "data"):
        bus.wait_for_player()
        assert bus.playerctl("status") == "Playing"
        fields = "{{title}}|{{album}}|{{mpris:length}}|{{mpris:trackid}}"
        title, album, length, trackid = bus.playerctl("metadata", "--format", fields).split("|")
        assert title == "Forward, round 1 of 2"
        assert album == "custom"
        assert length == str(20_000_000)
        assert trackid.strip("'").startswith("/org/retrocoach/")  # an object path, quoted
        first = position(bus)
        assert 0.0 <= first < 20.0
        assert until(lambda: first < position(bus) < 20.0, timeout_s=20)
        assert bus.get(PLAYER, "Position").startswith("variant       int64")


def test_pause_play_and_play_pause_pause_and_resume_the_walk(
    bus: PrivateBus, tmp_path: Path
) -> None:
    with coach(bus.env, tmp_path / "data"):
        bus.wait_for_player()
        bus.playerctl("pause")
        assert until(lambda: bus.playerctl("status") == "Paused")
        held = bus.playerctl("position")
        # That nothing moves can only be seen by letting time pass: half a second of it.
        time.sleep(0.5)
        assert bus.playerctl("position") == held  # time stands still while paused
        bus.playerctl("play")
        assert until(lambda: bus.playerctl("status") == "Playing")
        bus.playerctl("play-pause")
        assert until(lambda: bus.playerctl("status") == "Paused")
        bus.playerctl("play-pause")
        assert until(lambda: bus.playerctl("status") == "Playing")


def test_next_skips_to_the_next_segment_and_sends_seeked(bus: PrivateBus, tmp_path: Path) -> None:
    with coach(bus.env, tmp_path / "data"):
        bus.wait_for_player()
        with bus.monitor(f"type='signal',interface='{PLAYER}',member='Seeked'") as seeked:
            bus.playerctl("next")
            assert until(lambda: bus.playerctl("metadata", "title") == "Backward, round 1 of 2")
        assert any("int64" in line for line in seeked), seeked
        assert bus.playerctl("metadata", "mpris:length") == str(10_000_000)


def test_properties_changed_announces_each_status_change(bus: PrivateBus, tmp_path: Path) -> None:
    with coach(bus.env, tmp_path / "data"):
        bus.wait_for_player()
        rule = (
            "type='signal',interface='org.freedesktop.DBus.Properties',member='PropertiesChanged'"
        )
        with bus.monitor(rule) as changes:
            bus.playerctl("pause")
            assert until(lambda: bus.playerctl("status") == "Paused")
            bus.playerctl("play")
            assert until(lambda: bus.playerctl("status") == "Playing")
        text = "\n".join(changes)
        assert text.count('string "PlaybackStatus"') >= 2, text
        assert 'string "Paused"' in text
        assert 'string "Playing"' in text


def test_a_following_client_hears_every_change_without_asking(
    bus: PrivateBus, tmp_path: Path
) -> None:
    """playerctl --follow updates only from PropertiesChanged, whose signature GLib checks."""
    with coach(bus.env, tmp_path / "data"):
        bus.wait_for_player()
        follower = subprocess.Popen(
            [
                "playerctl",
                "-p",
                "retrocoach",
                "--follow",
                "metadata",
                "--format",
                "{{status}} {{title}}",
            ],
            env=bus.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert follower.stdout is not None
        lines: list[str] = []
        reader = threading.Thread(target=lambda: lines.extend(follower.stdout or ()), daemon=True)
        reader.start()
        try:
            # Each step waits for the line the follower prints, so none is pressed too early.
            assert until(lambda: any("Playing" in line for line in lines), timeout_s=20), lines
            bus.playerctl("pause")
            assert until(lambda: any("Paused" in line for line in lines), timeout_s=20), lines
            bus.playerctl("next")
            assert until(lambda: any("Backward" in line for line in lines), timeout_s=20), lines
        finally:
            follower.terminate()
            follower.wait(timeout=5)
            reader.join(timeout=5)
            follower.stdout.close()
    lines = [line.strip() for line in lines if line.strip()]
    assert "Playing Forward, round 1 of 2" in lines[0], lines
    assert "Paused Forward, round 1 of 2" in lines, lines
    assert any(line.endswith("Backward, round 1 of 2") for line in lines), lines


def test_one_stop_only_asks_and_a_second_stops_and_keeps_the_walk_as_stopped(
    bus: PrivateBus, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    with coach(bus.env, data) as child:
        bus.wait_for_player()
        # Walk a little, so there is something to keep.
        assert until(lambda: position(bus) >= 1.0, timeout_s=20)
        bus.playerctl("stop")
        time.sleep(0.5)
        assert bus.playerctl("status") == "Playing"  # one stray press never ends a walk
        bus.playerctl("stop")
        out, _ = child.communicate(timeout=10)
    assert "Press Stop again" in out
    assert child.returncode == 1  # stopped, not completed
    assert outcomes(data) == ["stopped"]


def test_a_late_second_stop_only_asks_again(bus: PrivateBus, tmp_path: Path) -> None:
    with coach(bus.env, tmp_path / "data"):
        bus.wait_for_player()
        bus.playerctl("stop")
        time.sleep(4.5)  # the confirmation window is 4 s
        bus.playerctl("stop")
        time.sleep(0.5)
        assert bus.playerctl("status") == "Playing"


def test_the_root_interface_names_the_app_and_quit_stops_the_walk(
    bus: PrivateBus, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    with coach(bus.env, data) as child:
        bus.wait_for_player()
        assert bus.get(ROOT, "Identity") == 'variant       string "RetroCoach"'
        assert bus.get(ROOT, "DesktopEntry") == 'variant       string "retrocoach"'
        assert bus.get(ROOT, "CanQuit") == "variant       boolean true"
        assert bus.get(PLAYER, "CanGoNext") == "variant       boolean true"
        assert bus.get(PLAYER, "CanControl") == "variant       boolean true"
        assert until(lambda: position(bus) >= 1.0, timeout_s=20)
        bus.call(ROOT, "Quit")
        child.communicate(timeout=10)
    assert child.returncode == 1
    assert outcomes(data) == ["stopped"]


def test_without_a_session_bus_the_walk_goes_on_and_says_so_once(tmp_path: Path) -> None:
    env = {**bus_free_env(), "RETROCOACH_DATA_DIR": str(tmp_path / "data")}
    plan = "warmup=0s forward=1s backward=1s rounds=1 cooldown=0s getready=0s"
    done = subprocess.run(
        [sys.executable, "-m", "retrocoach", "run", "--audio", "none", "--plan", plan],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    said = [line for line in done.stdout.splitlines() if "media keys" in line.lower()]
    assert len(said) == 1, done.stdout
    assert "not available" in said[0]
    assert "Traceback" not in done.stderr


def bus_free_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "XDG_RUNTIME_DIR")}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    return env


def test_a_second_coach_on_the_same_bus_takes_an_instance_name(
    bus: PrivateBus, tmp_path: Path
) -> None:
    with coach(bus.env, tmp_path / "one"):
        bus.wait_for_player()  # the first holds the plain name before the second starts
        with coach(bus.env, tmp_path / "two") as second:
            assert until(lambda: len(players(bus)) == 2, timeout_s=20)
            names = players(bus)
            assert "retrocoach" in names
            other = next(name for name in names if name != "retrocoach")
            assert other == f"retrocoach.instance{second.pid}"
            bus.playerctl("pause", player=other)
            assert until(lambda: bus.playerctl("status", player=other) == "Paused")
            assert bus.playerctl("status", player="retrocoach") == "Playing"


def players(bus: PrivateBus) -> list[str]:
    listed = subprocess.run(
        ["playerctl", "-l"], env=bus.env, capture_output=True, text=True, check=False
    )
    return listed.stdout.split()
