"""Real sound: the "slow the belt" cue plays ten seconds before a switch to a slower belt."""

from __future__ import annotations

import sys

import pytest
from audio_probe import PulseServer
from cue_checks import HEARD_MS, errors_ms, match
from cue_checks import walk as walk_cues

pytestmark = pytest.mark.slow

# Forward at 3.5 km/h for 14 s, then backward at 1.5 km/h: the belt must slow 4 s in.
PLAN = (
    "forward=14s backward=3s rounds=1 warmup=0s cooldown=0s getready=0s "
    "forward-speed=3.5km/h backward-speed=1.5km/h"
)
E5_HZ = 659.26  # the slow-down cue's first note (tools/make_sounds.py)


@pytest.mark.realtime
def test_the_slow_down_cue_sounds_ten_seconds_before_the_slower_segment(
    pulse: PulseServer,
) -> None:
    command = [
        sys.executable,
        "-m",
        "retrocoach",
        "run",
        "--audio",
        "qt",
        "--pips",
        "off",
        "--plan",
        PLAN,
    ]
    walk = walk_cues(pulse, command)
    assert "exit 0" in walk.output.splitlines()[0], walk.output
    # forward at 0 s, slow down at 4 s, backward at 14 s, the end at 17 s: nothing else.
    offsets = [0.0, 4.0, 14.0, 17.0]
    onsets = match(walk, offsets)
    assert len(walk.onsets) == len(offsets), walk.output
    relative = errors_ms(walk, onsets, offsets)
    assert all(abs(e) < HEARD_MS for e in relative), relative
    forward, slow, backward, _ = onsets
    assert forward.rising
    assert not slow.rising  # it slides down, like the belt
    assert abs(slow.first_hz - E5_HZ) < 0.1 * E5_HZ, slow
    assert abs(slow.first_hz - backward.first_hz) > 0.2 * backward.first_hz  # not the backward cue


@pytest.mark.realtime
def test_no_slow_down_cue_when_the_next_belt_is_faster(pulse: PulseServer) -> None:
    plan = PLAN.replace("backward-speed=1.5km/h", "backward-speed=4km/h")
    command = [
        sys.executable,
        "-m",
        "retrocoach",
        "run",
        "--audio",
        "qt",
        "--pips",
        "off",
        "--plan",
        plan,
    ]
    walk = walk_cues(pulse, command)
    assert "exit 0" in walk.output.splitlines()[0], walk.output
    assert len(walk.onsets) == 3, walk.output  # forward, backward, the end
