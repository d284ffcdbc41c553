"""The words the command line and the window use for where the walker stands in a programme."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from types import MappingProxyType
from typing import Final

from retrocoach.core.programme.progression import CellState, Today

__all__ = [
    "CELL_MARKS",
    "ago_text",
    "done_text",
    "grid_lines",
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
    """The rest-day suggestion, or None when none is due."""
    if not today.rest_suggested or today.since_last is None or today.finished:
        return None
    return (
        f"Your last session ended {ago_text(today.since_last)} ago: a rest day is suggested. "
        "You can walk anyway."
    )


def week_text(today: Today) -> str:
    """'This week: 1 of 3 sessions', counted Monday to Sunday."""
    target = today.week_target
    return f"This week: {today.week_walked} of {target} session{'s' * (target != 1)}"


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
