"""Real sound through a private PulseAudio server: cues on time, told apart, and faults survived.

The coach handles every boundary within APP_MS of it by its own steady clock, and the sound
server plays the right cue near it; the 30 ms target for what is heard is measured by
benchmarks/cue_latency.py (tests/support/cue_checks.py says why).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import audio_probe
import pytest
from audio_probe import Onset, PulseServer, Walk
from cue_checks import APP_MS, HEARD_MS, PLAN, app_late_ms, cue_walk, errors_ms, match
from cue_checks import walk as walk_cues

from retrocoach.core.storage.shipped import asset_path

pytestmark = pytest.mark.slow


def pips_ms(walk: Walk, onsets: Sequence[Onset]) -> list[float]:
    """How late the pip a second before each boundary (the first aside) sounded, in ms."""
    first = walk.recording.time_of(onsets[0].start)
    late = []
    for due in walk.due[1:]:
        expected = first + (due - walk.due[0]) - 1.0
        heard = min(
            (walk.recording.time_of(o.start) for o in walk.onsets),
            key=lambda t: abs(t - expected),
        )
        late.append((heard - expected) * 1000)
    return late


def corked(server: PulseServer) -> list[bool]:
    """Whether each playback stream on *server* is corked (suspended), as pactl reports it."""
    listing = subprocess.run(
        ["pactl", "list", "sink-inputs"],
        env={**server.env, "LC_ALL": "C"},
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return [
        line.split(":", 1)[1].strip() == "yes"
        for line in listing.splitlines()
        if line.strip().startswith("Corked:")
    ]


@contextmanager
def corking_seen(server: PulseServer) -> Iterator[set[bool]]:
    """The cork states the server's streams were seen in, polled while the block runs."""
    seen: set[bool] = set()
    done = threading.Event()

    def poll() -> None:
        while not done.wait(0.05):
            seen.update(corked(server))

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    try:
        yield seen
    finally:
        done.set()
        poller.join(timeout=5)


def assert_told_apart(kinds: Sequence[str], onsets: Sequence[Onset]) -> None:
    """Turning backward falls and sits lower; turning forward rises and sits higher."""
    forward = [o for kind, o in zip(kinds, onsets, strict=True) if kind == "forward"]
    backward = [o for kind, o in zip(kinds, onsets, strict=True) if kind == "backward"]
    assert forward
    assert backward
    assert all(o.rising for o in forward), forward
    assert not any(o.rising for o in backward), backward
    assert max(o.first_hz for o in backward) < 0.8 * min(o.first_hz for o in forward)


@pytest.mark.realtime
@pytest.mark.parametrize("driver", ["loop", "qt"])
def test_every_cue_is_due_on_time_and_heard_at_its_boundary_first_included(
    pulse: PulseServer, driver: str
) -> None:
    """Loop: the terminal coach's way of waiting; qt: the window's single-shot timer."""
    walk = walk_cues(pulse, cue_walk("--driver", driver, "--plan", PLAN, "--pips", "3"))
    assert walk.footer == {"engine": "qt", "faults": []}, walk.output
    kinds = [str(b["cue"]) for b in walk.boundaries]
    assert kinds == ["forward", "backward", "forward", "backward", "finished"]
    offsets = [due - walk.due[0] for due in walk.due]
    onsets = match(walk, offsets)
    late = app_late_ms(walk)
    assert all(0 <= ms < APP_MS for ms in late), late  # by the coach's own steady clock
    delays = audio_probe.delays_ms(onsets, walk.recording, walk.due)
    relative = errors_ms(walk, onsets, offsets)
    assert all(-5.0 < d < HEARD_MS for d in delays), delays  # heard, on the steady clock
    assert all(abs(e) < HEARD_MS for e in relative), relative
    # The pips too: the wake-up a second before a boundary once queued silence ahead of them.
    pips = pips_ms(walk, onsets)
    assert all(abs(p) < HEARD_MS for p in pips), pips
    assert_told_apart(kinds, onsets)


@pytest.mark.realtime
def test_between_cues_the_stream_is_suspended_and_the_cue_after_a_rest_is_on_time(
    pulse: PulseServer,
) -> None:
    """The qt engine corks its stream once its sound has played and nothing is due, so no
    silence is fed between cues; it resumes for each cue in time, the session's first (after
    the output idled, as in a window's second session) included, and replays nothing."""
    plan = "forward=4s backward=4s rounds=1 warmup=0s cooldown=0s getready=0s"
    with corking_seen(pulse) as seen:
        walk = walk_cues(pulse, cue_walk("--plan", plan, "--rest", "2.5"))
    assert walk.footer == {"engine": "qt", "faults": []}, walk.output
    assert seen == {True, False}, seen  # suspended at times, and running at others
    assert len(walk.onsets) == len(walk.boundaries) == 3, walk.output  # nothing but the cues
    late = app_late_ms(walk)
    assert all(0 <= ms < APP_MS for ms in late), late
    delays = walk.delays_ms()
    assert all(-5.0 < d < HEARD_MS for d in delays), delays


@pytest.mark.realtime
def test_the_terminal_coach_cues_every_boundary_on_time(pulse: PulseServer) -> None:
    """The issue's own check: `retrocoach run` through a real server, relative to the first cue."""
    # Two-second segments: the number of boundaries is what counts, not their length.
    plan = "forward=2s backward=2s rounds=2 warmup=0s cooldown=0s getready=0s"
    command = [sys.executable, "-m", "retrocoach", "run", "--audio", "qt", "--plan", plan]
    walk = walk_cues(pulse, command)
    assert "exit 0" in walk.output.splitlines()[0], walk.output
    offsets = [0.0, 2.0, 4.0, 6.0, 8.0]
    onsets = match(walk, offsets)
    relative = errors_ms(walk, onsets, offsets)
    assert all(abs(e) < HEARD_MS for e in relative), relative
    assert_told_apart(["forward", "backward", "forward", "backward", "finished"], onsets)


def assert_a_kill_is_survived(
    server: PulseServer,
    plan: str,
    *,
    boundaries: int,
    heard_first: int,
    before_kill: Callable[[], None] | None = None,
) -> None:
    """Walk *plan*; kill the server once *heard_first* boundaries are out (and *before_kill*
    returns): every boundary is still walked, nothing stalls, the loss is told exactly once."""
    child = subprocess.Popen(
        cue_walk("--plan", plan),
        env=server.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    lines = [child.stdout.readline() for _ in range(heard_first)]
    if before_kill is not None:
        before_kill()
    server.kill()
    out, err = child.communicate(timeout=60)
    records = [json.loads(line) for line in [*lines, *out.splitlines()] if line.strip()]
    walked = [r for r in records if "at" in r]
    footer = records[-1]
    assert child.returncode == 0, err
    assert len(walked) == boundaries  # every boundary of the plan was still walked
    assert all(r["now"] - r["at"] < 0.1 for r in walked)  # and nothing stalled
    assert len(footer["faults"]) == 1, footer
    assert "sound output stopped" in footer["faults"][0]


def test_a_sound_server_killed_mid_session_is_reported_once_and_the_walk_goes_on(
    own_pulse: PulseServer,
) -> None:
    # Qt reports nothing when the server dies; the player notices once its 2-second buffer
    # no longer takes a cue, so walk long enough for that: 13 boundaries a second apart.
    plan = "forward=1s backward=1s rounds=6 warmup=0s cooldown=0s getready=0s"
    assert_a_kill_is_survived(own_pulse, plan, boundaries=13, heard_first=2)


def test_a_sound_server_killed_while_the_stream_is_suspended_is_reported_once(
    own_pulse: PulseServer,
) -> None:
    """Resuming and suspending a stream whose server died must neither abort nor stall."""
    # 4 s segments: the stream rests from about 0.7 s to 3 s after each cue. After the kill,
    # 2.7 s of cues no longer fit in the 2 s buffer: that is how the loss shows.
    plan = "forward=4s backward=4s rounds=3 warmup=0s cooldown=0s getready=0s"

    def until_suspended() -> None:
        deadline = time.monotonic() + 5
        while corked(own_pulse) != [True] and time.monotonic() < deadline:
            time.sleep(0.02)
        assert corked(own_pulse) == [True]  # the scenario: killed while suspended

    assert_a_kill_is_survived(
        own_pulse, plan, boundaries=7, heard_first=1, before_kill=until_suspended
    )


@pytest.mark.realtime
def test_a_cue_file_that_fails_to_load_is_reported_and_the_others_still_sound(
    pulse: PulseServer, tmp_path: Path
) -> None:
    sounds = tmp_path / "sounds"
    shutil.copytree(asset_path("sounds"), sounds)
    (sounds / "backward.wav").write_bytes(b"RIFF\x00\x00\x00\x00WAVE broken")
    walk = walk_cues(pulse, cue_walk("--plan", PLAN, "--sounds", str(sounds)))
    faults = walk.footer["faults"]
    assert isinstance(faults, list)
    assert len(faults) == 1, walk.output
    assert "backward" in faults[0]
    kinds = [str(b["cue"]) for b in walk.boundaries]
    assert kinds == ["forward", "backward", "forward", "backward", "finished"]
    assert [o.rising for o in walk.onsets[:2]] == [True, True]  # forward, forward: no backward
    assert len(walk.onsets) == 3  # forward, forward, finished


def test_auto_without_a_sound_server_walks_silently_and_says_why(tmp_path: Path) -> None:
    env = {**os.environ, "PULSE_SERVER": f"unix:{tmp_path}/no-such-socket"}
    done = subprocess.run(
        cue_walk(
            "--engine",
            "auto",
            "--plan",
            "forward=1s backward=1s rounds=1 warmup=0s cooldown=0s getready=0s",
        ),
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert done.returncode == 0, done.stderr
    assert records[-1]["engine"] == "none"
    assert len(records[-1]["faults"]) == 1
    assert "no sound output device" in records[-1]["faults"][0]
    assert len([r for r in records if "at" in r]) == 3
