"""The terminal coach's safety lines carry a short citation, as the window's tooltip does."""

from __future__ import annotations

import io

from fakes import FakeClock

from retrocoach.cli.terminal import TerminalCoach
from retrocoach.core.plan.model import parse_spec
from retrocoach.core.safety.picker import ReminderPicker
from retrocoach.core.safety.reminders import ReminderBook
from retrocoach.core.session.machine import Session

RATE = 40.0  # clock seconds per real second


def test_every_safety_line_of_a_walk_names_its_sources() -> None:
    book = ReminderBook.default()
    plan = parse_spec(
        "getready=5s warmup=10s forward=10s backward=10s rounds=2 cooldown=5s turn=3s "
        "forward-speed=3km/h backward-speed=1.5km/h"
    )
    out = io.StringIO()
    coach = TerminalCoach(
        Session(plan), FakeClock(rate=RATE), out, reminders=ReminderPicker(book), clock_rate=RATE
    )
    assert coach.run() == 0
    lines = [line.strip() for line in out.getvalue().splitlines() if "Safety: " in line]
    assert len(lines) >= 3, out.getvalue()
    by_text = {item.text: item for item in book.all()}
    cited = 0
    for line in lines:
        said = line.split("Safety: ", 1)[1]
        reminder = next(item for text, item in by_text.items() if said.startswith(text))
        if said != reminder.text:
            assert said == f"{reminder.text} ({reminder.cited_as})"
            cited += 1
    assert cited >= 2, lines


def test_a_line_names_its_short_citation_but_never_says_retrocoach_twice() -> None:
    book = ReminderBook.default()
    stop_fast = book.get("backward-stop-fast")
    assert stop_fast is not None
    assert stop_fast.line == (
        f"{stop_fast.text} (Consumer Reports 2019; RetroCoach's own rule of thumb)"
    )
    settle = book.get("forward-settle")
    assert settle is not None
    assert settle.text.startswith("RetroCoach's rule of thumb")
    assert settle.line == settle.text
