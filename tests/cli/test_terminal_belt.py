"""The terminal coach's belt: + and - correct the speed, and its lines say the belt's part."""

from __future__ import annotations

import io
import os
import pty
import threading

from fakes import FakeClock

from retrocoach.cli.terminal import TerminalCoach
from retrocoach.core.plan.model import Kind, parse_spec
from retrocoach.core.session.machine import Session

RATE = 20.0  # clock seconds per real second: the walk takes about a second and a half


def test_plus_and_minus_correct_the_belt_and_the_lines_say_when_to_slow() -> None:
    plan = parse_spec(
        "getready=0s warmup=0s forward=20s backward=5s rounds=1 cooldown=0s turn=2s "
        "forward-speed=3.5km/h backward-speed=1.5km/h"
    )
    session = Session(plan)
    master, slave = pty.openpty()
    out = io.StringIO()
    try:
        # Typed 0.1 s (2 clock seconds) into the 20 s forward stretch, once keys are read raw.
        typist = threading.Timer(0.1, os.write, (master, b"++-+"))
        typist.start()
        with os.fdopen(slave, "r", closefd=False) as keys:
            coach = TerminalCoach(session, FakeClock(rate=RATE), out, keys=keys, clock_rate=RATE)
            assert coach.run() == 0
        typist.join()
    finally:
        os.close(master)
        os.close(slave)
    forward = [r.speed_kmh for r in session.records if r.kind is Kind.FORWARD]
    assert forward == [3.7]  # three up, one down
    text = out.getvalue()
    assert "belt 3.5 km/h (+/- corrects)" in text
    assert "Belt speed now 3.7 km/h." in text
    assert "Slow the belt to 1.5 km/h now." in text
    turning = "Turn round: belt to 1.5 km/h first, then on the side rails turn to face backward"
    assert turning in text
