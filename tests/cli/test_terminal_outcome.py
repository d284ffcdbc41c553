"""run says a walk's outcome once, as its record keeps it: no 'well done' for a stopped walk."""

from __future__ import annotations

import io

import pytest
from fakes import FakeClock

from retrocoach.cli.terminal import TerminalCoach
from retrocoach.core.plan.model import parse_spec
from retrocoach.core.session.machine import Session
from retrocoach.core.session.media import RemoteAction

PLAN = parse_spec("getready=0s warmup=0s forward=10s backward=10s rounds=1 cooldown=0s turn=0s")


def walk(skip_at: float | None) -> tuple[int, str]:
    """Walk PLAN in the terminal coach, pressing Next *skip_at* seconds in (None: never)."""
    clock = FakeClock()
    out = io.StringIO()
    start = clock.now()
    coach: TerminalCoach

    def wait(_fds: object, timeout_s: float) -> None:
        nonlocal skip_at
        if skip_at is not None and clock.now() + timeout_s >= start + skip_at:
            clock.advance(start + skip_at - clock.now())
            skip_at = None
            coach.press(RemoteAction.NEXT)
            return
        clock.advance(timeout_s)

    coach = TerminalCoach(Session(PLAN), clock, out, wait=wait)
    return coach.run(), out.getvalue()


@pytest.mark.parametrize(
    ("skip_at", "status", "outcome"),
    [
        (None, 0, "Session completed: 0:20 walking (0:10 forward, 0:10 backward). Well done."),
        (2.0, 1, "Session stopped: 0:12 walking (0:02 forward, 0:10 backward)."),
    ],
)
def test_the_outcome_is_said_once_as_the_record_keeps_it(
    skip_at: float | None, status: int, outcome: str
) -> None:
    """A walk that reached its end by skipping a segment said 'Finished: well done.' and then
    'Session stopped'; now one line says the outcome, with praise only for a completed walk."""
    code, text = walk(skip_at)
    assert code == status
    said = [line for line in text.splitlines() if "session" in line.lower()]
    assert said == [outcome], text
    assert "finished" not in text.lower()
    assert text.lower().count("well done") == (1 if status == 0 else 0)


def test_a_pause_and_a_clock_jump_are_said_as_m_ss_to_the_nearest_second() -> None:
    """'the clock jumped 3600 s' and 'Resumed after 0:21' for 20.4 s: one form, one rounding."""
    from retrocoach.cli.terminal_lines import event_line  # noqa: PLC0415
    from retrocoach.core.session.events import Paused, PauseReason, Resumed  # noqa: PLC0415
    from retrocoach.core.speeds import Units  # noqa: PLC0415

    jumped = event_line(
        Paused(at=0.0, reason=PauseReason.GAP, gap_s=3600.4), keys=False, units=Units.KMH
    )
    assert jumped.startswith("Paused: the clock jumped 1:00:00 (suspend"), jumped
    resumed = event_line(Resumed(at=0.0, paused_s=20.4), keys=False, units=Units.KMH)
    assert resumed == "Resumed after 0:20."
