"""What the real-audio tests share: the cue walker's command, and heard cues matched to a plan."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from audio_probe import Onset, Walk

ROOT = Path(__file__).resolve().parents[2]
CUE_WALK = ROOT / "tools" / "cue_walk.py"
LIMIT_MS = 30.0
PLAN = "forward=2s backward=2s rounds=2 warmup=0s cooldown=0s getready=0s"


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
            if abs(walk.recording.time_of(onset.start) - first - offset) < 0.2
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
