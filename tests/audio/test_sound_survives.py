"""The pulse engine on a real PulseAudio server: cues on time beside a music player's stream, and
sound that comes back after the server restarts or the default output changes, mid-session.

Bounds as in test_real_audio.py: the coach on time by its own clock, the right cue heard near
its boundary (the 30 ms figure: benchmarks/cue_latency.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import audio_probe
import pytest
from audio_probe import SECOND_SINK, PulseServer, Recorder
from cue_checks import APP_MS, HEARD_MS, PLAN, app_late_ms, cue_walk, errors_ms, heard, match
from cue_checks import walk as walk_cues

pytestmark = pytest.mark.slow

EARLY_MS = 10.0
"""The recorder pins its clock to within a few ms; this engine's cues start so soon after their
boundary (about 0-5 ms) that a reading can fall a few ms before it."""


def assert_on_time(walk: audio_probe.Walk) -> None:
    offsets = [due - walk.due[0] for due in walk.due]
    onsets = match(walk, offsets)
    late = app_late_ms(walk)
    assert all(0 <= ms < APP_MS for ms in late), late
    delays = audio_probe.delays_ms(onsets, walk.recording, walk.due)
    assert all(-EARLY_MS < d < HEARD_MS for d in delays), delays
    assert all(abs(e) < HEARD_MS for e in errors_ms(walk, onsets, offsets))


@pytest.mark.realtime
@pytest.mark.parametrize("driver", ["loop", "qt"])
def test_every_pulse_cue_is_due_on_time_and_heard_at_its_boundary_pips_included(
    pulse: PulseServer, driver: str
) -> None:
    command = cue_walk("--engine", "pulse", "--driver", driver, "--plan", PLAN, "--pips", "3")
    walk = walk_cues(pulse, command)
    assert walk.footer == {"engine": "pulse", "faults": []}, walk.output
    assert_on_time(walk)


@pytest.mark.realtime
@pytest.mark.parametrize("driver", ["loop", "qt"])
def test_cues_are_not_held_back_while_a_music_player_streams_at_500_ms(
    pulse: PulseServer, driver: str
) -> None:
    """Queued behind the music's 500 ms, a cue would be heard twice HEARD_MS late."""
    with audio_probe.music(pulse, latency_ms=500):
        command = cue_walk("--engine", "pulse", "--driver", driver, "--plan", PLAN)
        walk = walk_cues(pulse, command)
    assert walk.footer == {"engine": "pulse", "faults": []}, walk.output
    assert len(walk.onsets) == len(walk.boundaries) == 5, walk.output  # the music stays quiet
    assert_on_time(walk)


def start_walk(server: PulseServer, plan: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        cue_walk("--engine", "pulse", "--plan", plan),
        env=server.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish_walk(
    child: subprocess.Popen[str], lines: list[str], recorder: Recorder
) -> tuple[list[dict[str, object]], dict[str, object], audio_probe.Recording]:
    try:
        out, err = child.communicate(timeout=60)
    finally:
        recording = recorder.stop()
    assert child.returncode == 0, err
    records = [json.loads(line) for line in [*lines, *out.splitlines()] if line.strip()]
    return [r for r in records if "at" in r], records[-1], recording


@pytest.mark.realtime
def test_cues_come_back_on_time_after_the_server_is_killed_and_restarted(
    own_pulse: PulseServer,
) -> None:
    # 4 s segments: a recorder on the new server needs about 2 s before it hears anything.
    plan = "forward=4s backward=4s rounds=2 warmup=0s cooldown=0s getready=0s"
    child = start_walk(own_pulse, plan)
    assert child.stdout is not None
    lines = [child.stdout.readline() for _ in range(2)]  # two boundaries cued
    own_pulse.kill()
    time.sleep(0.3)
    own_pulse.start()  # same socket, a new server: nothing of the old connection is valid
    recorder = Recorder(own_pulse)
    recorder.start()
    walked, footer, recording = finish_walk(child, lines, recorder)
    assert len(walked) == 5
    after = [float(str(r["at"])) for r in walked[2:]]  # every boundary after the restart
    onsets = heard(recording)
    assert len(onsets) == len(after), (onsets, footer)  # the very next boundary included
    delays = audio_probe.delays_ms(onsets, recording, after)
    assert all(-EARLY_MS < d < HEARD_MS for d in delays), delays
    faults = footer["faults"]
    assert isinstance(faults, list)
    assert len(faults) == 2, faults  # the loss and the return, once each
    assert "lost" in faults[0]
    assert faults[1] == "the sound output is back"


@pytest.mark.realtime
def test_the_next_cue_plays_on_the_new_default_output(pulse: PulseServer) -> None:
    plan = "forward=2s backward=2s rounds=2 warmup=0s cooldown=0s getready=0s"
    second = Recorder(pulse, sink=SECOND_SINK)
    second.start()
    try:
        child = start_walk(pulse, plan)
        assert child.stdout is not None
        lines = [child.stdout.readline() for _ in range(2)]
        pulse.pactl("set-default-sink", SECOND_SINK)
        walked, footer, recording = finish_walk(child, lines, second)
    finally:
        pulse.pactl("set-default-sink", audio_probe.SINK)
    assert footer == {"engine": "pulse", "faults": []}
    after = [float(str(r["at"])) for r in walked[2:]]
    assert len(after) == 3
    # The cue playing at the switch moves over with its stream, so its tail is heard there
    # too; each later boundary must have its own onset on the new output, on time.
    times = [recording.time_of(onset.start) for onset in heard(recording)]
    delays = [min((t - due for t in times), key=abs) * 1000 for due in after]
    assert all(-EARLY_MS < d < HEARD_MS for d in delays), (delays, times, after)


@pytest.mark.realtime
def test_the_terminal_coach_survives_a_server_restart_and_saves_the_session(
    own_pulse: PulseServer, tmp_path: Path
) -> None:
    plan = "forward=4s backward=4s rounds=2 warmup=0s cooldown=0s getready=0s"
    env = {**own_pulse.env, "RETROCOACH_DATA_DIR": str(tmp_path)}
    command = [
        sys.executable,
        "-m",
        "retrocoach",
        "run",
        "--audio",
        "auto",
        "--pips",
        "off",
        "--plan",
        plan,
    ]
    child = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    while "FORWARD" not in child.stdout.readline():
        pass
    own_pulse.kill()
    time.sleep(0.3)
    own_pulse.start()
    recorder = Recorder(own_pulse)
    recorder.start()
    try:
        out, err = child.communicate(timeout=60)
    finally:
        recording = recorder.stop()
    assert child.returncode == 0, err
    assert "Saved to your history." in out
    history = json.loads((tmp_path / "history.json").read_text())
    assert [s["outcome"] for s in history["sessions"]] == ["completed"]
    # Backward at 4 s, forward at 8 s, backward at 12 s, the end at 16 s: all heard, on time.
    onsets = heard(recording)
    assert len(onsets) == 4, (onsets, err)
    first = recording.time_of(onsets[0].start)
    spacing = [(recording.time_of(o.start) - first) * 1000 for o in onsets]
    assert all(abs(s - 4000 * i) < HEARD_MS for i, s in enumerate(spacing)), spacing
    # Told once: as "lost" when the kill broke a playing stream, or as "no sound output" when
    # the next cue found no server (which one depends on how soon the kill is noticed).
    told = [line for line in err.splitlines() if "lost" in line or "no sound output" in line]
    assert len(told) == 1, err
