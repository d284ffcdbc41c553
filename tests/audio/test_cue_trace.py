"""cue_walk --trace says when the pulse engine's thread wrote each cue to the sound server, so
benchmarks/cue_latency.py can tell a late cue's lost time apart: the walk's loop, the hand-over
to the engine's thread, or the server after the write."""

from __future__ import annotations

import json

import audio_probe
import pytest
from audio_probe import PulseServer
from cue_checks import cue_walk

pytestmark = pytest.mark.slow

PLAN = "forward=1s backward=1s rounds=1 warmup=0s cooldown=0s getready=0s"


@pytest.mark.parametrize("driver", ["loop", "qt"])
def test_every_cue_is_traced_when_the_engine_writes_it(pulse: PulseServer, driver: str) -> None:
    command = cue_walk("--engine", "pulse", "--driver", driver, "--plan", PLAN, "--trace")
    walk = audio_probe.walk(pulse, command, pitch=False)
    assert walk.footer == {"engine": "pulse", "faults": []}, walk.output
    records = [json.loads(line) for line in walk.output.splitlines() if line.startswith("{")]
    writes = [record["written"] for record in records if "written" in record]
    opened = [record for record in records if "opened" in record]
    assert opened, walk.output  # the warm-up's stream at least
    assert all(record["took"] >= 0 for record in opened)
    handled = [float(str(boundary["now"])) for boundary in walk.boundaries]
    assert len(handled) == 3, walk.output  # two segments and the finish
    for now in handled:  # each boundary's cue, written once its boundary was handled
        assert any(now <= moment < now + 1.0 for moment in writes), (now, writes)
