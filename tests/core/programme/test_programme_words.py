"""The words for where the walker stands: rest, this week, sessions done."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from retrocoach.core.plan.model import parse_spec
from retrocoach.core.programme.model import Programme
from retrocoach.core.programme.progression import today_in
from retrocoach.core.programme.words import (
    ago_text,
    done_text,
    grid_lines,
    rest_text,
    today_text,
    week_text,
)

NOW = datetime(2026, 11, 4, 8, 0, tzinfo=UTC)
ONE = Programme(
    name="one",
    title="One",
    audience="tests",
    about="one week",
    build_up="none",
    references=("retrocoach-own",),
    weeks=((parse_spec("backward=1m"), parse_spec("backward=1m")),),
)


@pytest.mark.parametrize(
    ("gap", "said"),
    [
        (timedelta(seconds=30), "less than a minute"),
        (timedelta(minutes=1), "1 minute"),
        (timedelta(minutes=59), "59 minutes"),
        (timedelta(hours=1, minutes=5), "1 hour"),
        (timedelta(hours=47), "47 hours"),
        (timedelta(days=3, hours=2), "3 days"),
    ],
)
def test_how_long_ago_is_said_roughly(gap: timedelta, said: str) -> None:
    assert ago_text(gap) == said


def test_a_fresh_programme_needs_no_rest_and_counts_nothing_yet() -> None:
    today = today_in(ONE, [], since=NOW, now=NOW)
    assert rest_text(today) is None
    assert week_text(today) == "This week: 0 of 2 sessions done"
    assert done_text(today) == "0 of 2 sessions done"
    assert today_text(today) == "Week 1, session 1 of 2: 3:00 backward in all"
    assert grid_lines(today) == ["Week 1: today, to come"]
