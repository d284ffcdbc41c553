"""The history view's figures in words, and its CSV export: no widgets, so tests call them."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path

from retrocoach.core.durations import format_spent, format_total
from retrocoach.core.errors import StorageError
from retrocoach.core.figures import stats
from retrocoach.core.figures.estimate_words import HOW_ESTIMATED, totals_estimate_line
from retrocoach.core.figures.export import export_csv_rows
from retrocoach.core.history.records import SessionRecord
from retrocoach.core.history.store import FileState, HistoryStore
from retrocoach.core.speeds import Units
from retrocoach.core.storage.atomic import write_bytes_atomic

__all__ = ["ExportError", "Figures", "export_csv", "figures"]


class ExportError(Exception):
    """The CSV could not be written; the message says why, in one line."""


@dataclass(frozen=True, slots=True)
class Figures:
    """What the view shows above the table."""

    totals: str
    week: str
    streak: str
    weeks: tuple[stats.WeekTotals, ...]


def _since(records: Sequence[SessionRecord], day: date) -> list[SessionRecord]:
    """The records that may fall on *day* or later in any time zone (a day early is kept)."""
    cutoff = datetime.combine(day - timedelta(days=1), time.min, tzinfo=UTC)
    return [record for record in records if record.started_at >= cutoff]


def figures(
    records: Sequence[SessionRecord],
    today: date,
    tz: tzinfo | None,
    chart_weeks: int,
    units: Units = Units.KMH,
) -> Figures:
    """Totals, this week's backward minutes, the streak, and the last *chart_weeks* weeks.

    The estimated distance is in *units*' length (km or miles).
    """
    summed = stats.totals(records)
    noun = "session" if summed.sessions == 1 else "sessions"
    totals = (
        f"{summed.sessions:,} {noun}, {format_total(summed.walking_s)} walking: "
        f"{format_total(summed.forward_s)} forward, "
        f"{format_total(summed.backward_s)} backward"
    )
    estimated = totals_estimate_line(summed, units)
    if estimated:
        totals += f". {estimated} ({HOW_ESTIMATED})"
    # The chart and the week need only the last weeks; cutting the rest off first spares a
    # time-zone conversion per session for each of them (10,000 of them add up).
    first_monday = stats.week_start(today) - timedelta(weeks=chart_weeks - 1)
    recent = _since(records, first_monday)
    week = stats.backward_minutes_this_week(recent, today, tz)
    streak = stats.streak_days(records, today, tz)
    return Figures(
        totals=totals,
        week=f"This week: {format_spent(week * 60)} backward",
        streak=(
            f"Streak: {streak:,} day{'' if streak == 1 else 's'}"
            if streak
            else "No streak right now: a session today starts one"
        ),
        weeks=stats.weekly_series(recent, today, tz, weeks=chart_weeks),
    )


def export_csv(store: HistoryStore, path: Path, tz: tzinfo | None) -> None:
    """Write every session to *path* as `retrocoach history --format csv` does, privately."""
    loaded = store.load()  # the store's copy while the file is unchanged: no second read
    if loaded.state is FileState.PROTECTED:
        raise ExportError(f"{store.path.name} cannot be read")
    out = io.StringIO(newline="")  # the CRLF line ends stay as written
    # The command line's own choice and writer, so both exports always match.
    export_csv_rows(loaded.items, out, tz)
    try:
        # A lone surrogate in a hand-edited note has no UTF-8 form: it is written escaped.
        data = out.getvalue().encode("utf-8", "backslashreplace")
        write_bytes_atomic(path, data, keep_backup=False)
    except StorageError as error:
        raise ExportError(str(error)) from error
