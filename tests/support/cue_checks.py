"""What the real-audio tests share: the cue walker's command, and heard cues matched to a plan.

The suite's bounds hold on a busy machine: the coach's promptness is read from its own steady
clock (the ``now`` it printed beside each boundary's ``at``), and what the sound server played
is only checked to be the right cue near its boundary. How many milliseconds after its boundary
a cue is heard (target: 30 ms) is a figure of the machine as much as of RetroCoach: it is
measured, quiet, by benchmarks/cue_latency.py.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import audio_probe
from audio_probe import Onset, PulseServer, Recording, Walk

ROOT = Path(__file__).resolve().parents[2]
CUE_WALK = ROOT / "tools" / "cue_walk.py"
APP_MS = 50.0
"""How late the coach may handle a boundary, by its own steady clock."""
HEARD_MS = 250.0
"""How far from schedule a heard cue may be: a CPU-starved sound server or recorder moves it
tens of ms; a stream queued behind 500 ms of music, a 2 s buffer or a stream left suspended
moves it more than this."""
GAP_S = 0.4
"""Quiet that separates two cues: a starved sound server's stutter inside one cue is shorter,
the quiet between cues (pips a second apart) longer."""
PLAN = "forward=2s backward=2s rounds=2 warmup=0s cooldown=0s getready=0s"


def walk(server: PulseServer, command: Sequence[str]) -> Walk:
    """audio_probe.walk, cues told apart as GAP_S says."""
    return audio_probe.walk(server, command, min_gap_s=GAP_S)


def heard(recording: Recording) -> list[Onset]:
    """The cues in *recording*, told apart as GAP_S says."""
    return audio_probe.find_onsets(recording, min_gap_s=GAP_S)


def app_late_ms(walk: Walk) -> list[float]:
    """How long after each boundary was due the coach handled it, by its own clock."""
    return [(float(str(b["now"])) - float(str(b["at"]))) * 1000 for b in walk.boundaries]


def cue_walk(*args: str) -> list[str]:
    return [sys.executable, str(CUE_WALK), *args]


def match(walk: Walk, offsets: Sequence[float]) -> list[Onset]:
    """The onset heard near each expected moment (seconds after the first cue), pips aside."""
    assert walk.onsets, f"the sink heard nothing\n{walk.output}"
    first = walk.recording.time_of(walk.onsets[0].start)
    matched = []
    for offset in offsets:
        near = [
            onset
            for onset in walk.onsets
            if abs(walk.recording.time_of(onset.start) - first - offset) < HEARD_MS / 1000
        ]
        assert near, f"no cue near {offset:.1f} s after the first\n{walk.output}"
        matched.append(near[0])
    return matched


def errors_ms(walk: Walk, onsets: Sequence[Onset], offsets: Sequence[float]) -> list[float]:
    """Each onset's distance from schedule, relative to the first cue's onset."""
    first = walk.recording.time_of(onsets[0].start)
    return [
        (walk.recording.time_of(onset.start) - first - offset) * 1000
        for onset, offset in zip(onsets, offsets, strict=True)
    ]
