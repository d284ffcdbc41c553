"""The words the command line and the window use for where the walker stands in a programme."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from types import MappingProxyType
from typing import Final

from retrocoach.core.programme.progression import CellState, Today

__all__ = [
    "CELL_MARKS",
    "PROGRESSION_RULE",
    "ago_text",
    "done_text",
    "grid_lines",
    "notice_lines",
    "paused_text",
    "rest_text",
    "today_text",
    "week_text",
]

CELL_MARKS: Final[Mapping[CellState, str]] = MappingProxyType(
    {
        CellState.DONE: "done",
        CellState.REPEATED: "repeated",
        CellState.TODAY: "today",
        CellState.TO_COME: "to come",
    }
)
"""The word for each state of a session in the grid: never colour alone."""


PROGRESSION_RULE: Final = (
    "How the programme moves on: after each walk, say how hard it felt, from 0 to 10. Walked "
    "to the end and rated 5 or less (you could still talk in full sentences): the next session. "
    "Rated 6: the same session again. Rated 7 or more, or stopped twice: one session back (one "
    "week back from a week's first session). A walk not rated is walked again. One session "
    "counts a day, and the day after it is a rest day. After a break, one week back for each "
    "full week missed. Stopped because you felt unwell: the programme waits until you have seen "
    "a doctor or physiotherapist and resume it."
)
"""The rule of progression/rule.py in plain words, for the Programme page and the listing."""


def ago_text(gap: timedelta) -> str:
    """'5 minutes', '3 hours', '2 days': roughly how long ago."""
    minutes = int(gap.total_seconds() // 60)
    if minutes < 1:
        return "less than a minute"
    if minutes < 60:
        return f"{minutes} minute{'s' * (minutes != 1)}"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} hour{'s' * (hours != 1)}"
    return f"{hours // 24} days"


def today_text(today: Today) -> str:
    """Today's session and, when it is walked again, why."""
    text = today.headline()
    if today.reason:
        text += f" ({today.reason})"
    return text


def rest_text(today: Today) -> str | None:
    """'Today is a rest day', or that today's session was walked already; None when neither."""
    if not today.rest_suggested or today.since_last is None or today.finished:
        return None
    if today.walked_today:
        return (
            "You have walked today's session: one programme session counts a day, so another "
            "walk today is recorded but does not move you on."
        )
    return (
        f"Today is a rest day: your last session ended {ago_text(today.since_last)} ago. "
        "You can walk anyway; the walk is recorded."
    )


def paused_text(today: Today) -> str | None:
    """Why the programme waits and what to do, when a walk was stopped for feeling unwell."""
    if not today.paused:
        return None
    return (
        "Programme paused: your last walk was stopped because you felt unwell. Check the stop "
        "signs, and see a doctor or physiotherapist before going on; then resume the programme "
        "(the Programme page's Resume button, or 'retrocoach programme resume')."
    )


def notice_lines(today: Today) -> list[str]:
    """What to say beside today's session: a pause, a rest day, a clock that looked wrong."""
    lines = [text for text in (paused_text(today), rest_text(today)) if text]
    if today.clock_note:
        lines.append(f"{today.clock_note[:1].upper()}{today.clock_note[1:]}.")
    return lines


def week_text(today: Today) -> str:
    """'This week: 1 of 3 sessions done, 1 stopped try', counted Monday to Sunday.

    Stopped tries are counted apart: a week never shows more sessions done than it has,
    unless the walker did walk more (then both figures are said as they are).
    """
    target, done = today.week_target, today.week_walked
    sessions = f"session{'s' * (target != 1)}"
    text = (
        f"This week: {done} sessions done ({target} planned)"
        if done > target
        else f"This week: {done} of {target} {sessions} done"
    )
    stopped = today.week_stopped
    if stopped:
        text += f", {stopped} stopped tr{'ies' if stopped != 1 else 'y'}"
    return text


def grid_lines(today: Today) -> list[str]:
    """The weeks as text, one line a week: 'Week 1: done, repeated, today'."""
    weeks: dict[int, list[str]] = {}
    for cell in today.cells:
        weeks.setdefault(cell.position.week, []).append(CELL_MARKS[cell.state])
    width = len(str(len(weeks)))
    return [f"Week {week:>{width}}: {', '.join(marks)}" for week, marks in weeks.items()]


def done_text(today: Today) -> str:
    """'4 of 18 sessions done'."""
    return f"{today.done} of {len(today.cells)} sessions done"
