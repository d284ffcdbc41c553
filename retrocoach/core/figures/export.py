"""The history's selection by day and its CSV form: shared by the command line and the window."""

from __future__ import annotations

import csv
import operator
from collections.abc import Callable, Iterable, Sequence
from datetime import date, tzinfo
from typing import Final, TextIO

from retrocoach.core.clock import in_zone, moment_text
from retrocoach.core.figures.stats import local_day
from retrocoach.core.history.records import SessionRecord
from retrocoach.core.history.shown_fields import ShownSession, shown_sessions

__all__ = ["CSV_COLUMNS", "export_csv_rows", "select_sessions", "write_csv"]

CSV_COLUMNS: Final = (
    "id",
    "date",
    "started_at",
    "ended_at",
    "plan",
    "outcome",
    "walking_s",
    "forward_s",
    "backward_s",
    "effort",
    "notes",
    "forward_m_est",
    "backward_m_est",
    "energy_kcal_est",
)
"""The *_est columns are estimates (see retrocoach.core.session.estimates); empty when unknown."""


def select_sessions(
    records: Iterable[SessionRecord],
    since: date | None,
    until: date | None,
    tz: tzinfo | None = None,
) -> list[SessionRecord]:
    """Sessions started on a local day from *since* to *until* (both included), oldest first."""
    chosen = [
        record
        for record in records
        if (since is None or local_day(record, tz) >= since)
        and (until is None or local_day(record, tz) <= until)
    ]
    chosen.sort(key=lambda record: record.started_at)
    return chosen


def _seconds(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def _optional(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _cell(text: str) -> str:
    """Text for a CSV cell that a spreadsheet shows as text, never runs as a formula.

    A cell starting with = + - @, a tab or a carriage return is a formula (or becomes one
    once the spreadsheet trims it) in Excel, LibreOffice and Google Sheets; a leading
    apostrophe makes it text (OWASP's advice for CSV injection).
    """
    return f"'{text}" if text[:1] in _FORMULA_STARTS else text


_FORMULA_STARTS: Final = frozenset("=+-@\t\r")


def write_csv(
    records: Sequence[SessionRecord],
    out: TextIO,
    tz: tzinfo | None,
    *,
    shown: Callable[[str], str] | None = None,
) -> None:
    """*records* as CSV_COLUMNS, times in *tz* (local if None): see _write_rows."""
    _write_rows(map(ShownSession.of, records), out, tz, shown)


def export_csv_rows(
    items: Sequence[SessionRecord],
    out: TextIO,
    tz: tzinfo | None,
    *,
    since: date | None = None,
    until: date | None = None,
    shown: Callable[[str], str] | None = None,
) -> int:
    """The sessions of *items* started on a local day from *since* to *until*, oldest first,
    as write_csv writes them (byte for byte); returns how many.

    The command line's and the history view's export. A checked history's sessions are read
    from their lines, without building every record (see history.shown_fields).
    """
    every = shown_sessions(items)
    if since is None and until is None:
        chosen = every
    else:
        chosen = [
            session
            for session in every
            if (since is None or in_zone(session.started_at, tz).date() >= since)
            and (until is None or in_zone(session.started_at, tz).date() <= until)
        ]
    chosen.sort(key=_STARTED_AT)  # stable, as select_sessions sorts
    _write_rows(chosen, out, tz, shown)
    return len(chosen)


_STARTED_AT: Final = operator.attrgetter("started_at")


def _write_rows(
    sessions: Iterable[ShownSession],
    out: TextIO,
    tz: tzinfo | None,
    shown: Callable[[str], str] | None,
) -> None:
    """*sessions* as CSV_COLUMNS, times in *tz* (local if None).

    *shown*, if given, turns each text cell into what a reader should see (the command line
    escapes control characters for a terminal); by default the cells keep their exact text.

    RFC 4180: every line ends in CRLF, and the csv module quotes each cell holding a comma, a
    quote, a CR or an LF, so a note with a bare CR stays in its cell. Every text cell is
    neutralised against formulas (see _cell). *out* must not translate newlines (open files
    with ``newline=""``).
    """
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    cell: Callable[[str], str] = _cell
    if shown is not None:
        cell = lambda text: _cell(shown(text))  # noqa: E731  (a one-line composition)
    writer.writerows(
        (
            cell(session.id),
            in_zone(session.started_at, tz).date().isoformat(),
            moment_text(session.started_at),
            moment_text(session.ended_at),
            cell(session.plan_name),
            cell(session.outcome.value),
            _seconds(session.forward_s + session.backward_s),
            _seconds(session.forward_s),
            _seconds(session.backward_s),
            "" if session.effort is None else session.effort,
            cell(session.notes or ""),
            _optional(session.forward_m),
            _optional(session.backward_m),
            _optional(session.energy_kcal_est),
        )
        for session in sessions
    )
