"""The CSV export read from a checked history's lines is, byte for byte, the one built from
every record: on hostile histories, in every time zone, with a day range and a terminal's
escaping, and it does not build the records."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Sequence
from datetime import UTC, date, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from retrocoach.cli.output import escape_controls
from retrocoach.core.figures.export import export_csv_rows, select_sessions, write_csv
from retrocoach.core.history.lines import CERTIFICATE_NAME
from retrocoach.core.history.records import SessionRecord
from retrocoach.core.history.shown_fields import ShownSession
from retrocoach.core.history.store import SCHEMA_VERSION
from retrocoach.core.plan.model import Plan
from retrocoach.core.storage.atomic import dump_document
from retrocoach.core.storage.lazy import LazyRecords
from tests.core.conftest import START, RecordFactory
from tests.core.history.test_history import new_store

HOSTILE_TEXT = (
    '=HYPERLINK("http://x")',
    "+1",
    "-2",
    "@SUM(A1)",
    "\tTAB",
    "\rCR first",
    'a, b; "quoted"',
    "line\nbreak and \r\n both",
    "\x1b[31mred\x1b[0m \u202eevil",
    "ünïcödé 🚶 ",
    " ",
    "lone \ud800 surrogate",
)
ZONES: tuple[tzinfo | None, ...] = (
    None,
    UTC,
    timezone(timedelta(hours=14)),
    timezone(-timedelta(hours=12)),
    ZoneInfo("America/St_Johns"),
)


def hostile_sessions(make_record: RecordFactory) -> list[dict[str, Any]]:
    """Sessions as history.json may hold them: stored forms this version would not write
    itself (ints for seconds, other time forms, keys in another order, unknown keys) beside
    its own, every text a spreadsheet or a terminal could take for something else."""
    sessions: list[dict[str, Any]] = []
    for number, text in enumerate(HOSTILE_TEXT):
        plan = Plan(name=text.strip() or "x", forward_s=60, backward_s=30, rounds=1)
        record = make_record(
            plan=plan,
            started_at=START + timedelta(hours=7 * number, microseconds=number * 1001),
            notes=text,
            effort=number % 11 if number % 3 else None,
            forward_m=None if number % 2 else 123.456 * number,
            backward_m=float(number),
            energy_kcal_est=None if number % 4 == 0 else 1e6 / (number + 1),
        )
        sessions.append(record.to_json())
    odd = sessions[1]
    odd["forward_s"], odd["backward_s"] = 60, 30  # whole numbers, not 60.0
    odd["forward_m"], odd["energy_kcal_est"] = 5, 0
    sessions[2]["started_at"] = "2026-11-16T23:59:59.999999Z"  # not as this version writes
    sessions[2]["ended_at"] = "2026-11-17T00:01:30.5+00:00"
    sessions[3]["started_at"] = "2026-11-16T00:30:00-09:30"  # another day in some zones
    # Keys in another order after the two every line starts with (its id and start).
    first, second, *rest = sessions[4]
    sessions[4] = {key: sessions[4][key] for key in [first, second, *reversed(rest)]}
    sessions[5]["unknown_key"] = {"nested": ["=1", "\n"]}
    sessions[6]["outcome"] = "stopped"
    sessions[8]["started_at"] = sessions[7]["started_at"]  # equal starts keep the file's order
    sessions[9]["started_at"] = "2026-11-01T00:00:00+00:00"  # out of order
    sessions[10]["effort"] = 0
    sessions[11].pop("notes")
    return sessions


def checked_history(folder: Path, sessions: Sequence[dict[str, Any]]) -> LazyRecords[Any]:
    """history.json holding *sessions* in the writer's layout, read once (the certificate
    written), then read as the next start reads it: vouched for, nothing parsed."""
    folder.mkdir(exist_ok=True)
    raw = dump_document({"schema_version": SCHEMA_VERSION}, "sessions", sessions)
    (folder / "history.json").write_bytes(raw)
    new_store(folder).load()
    assert (folder / CERTIFICATE_NAME).exists()
    items = new_store(folder).load().items
    assert isinstance(items, LazyRecords)
    return items


def built_csv(
    records: Sequence[SessionRecord],
    tz: tzinfo | None,
    since: date | None,
    until: date | None,
    shown: Callable[[str], str] | None,
) -> str:
    """The CSV as it was made before: every record built, chosen and written."""
    out = io.StringIO(newline="")
    write_csv(select_sessions(records, since, until, tz), out, tz, shown=shown)
    return out.getvalue()


def lines_csv(
    items: Sequence[SessionRecord],
    tz: tzinfo | None,
    since: date | None,
    until: date | None,
    shown: Callable[[str], str] | None,
) -> str:
    out = io.StringIO(newline="")
    export_csv_rows(items, out, tz, since=since, until=until, shown=shown)
    return out.getvalue()


@pytest.mark.parametrize("tz", ZONES, ids=repr)
@pytest.mark.parametrize(
    ("since", "until"),
    [
        (None, None),
        (date(2026, 11, 17), None),
        (None, date(2026, 11, 17)),
        (date(2026, 11, 17),) * 2,
    ],
)
@pytest.mark.parametrize("shown", [None, escape_controls], ids=["file", "terminal"])
def test_the_csv_read_from_lines_is_the_csv_built_from_records(  # noqa: PLR0917  (parametrized)
    tmp_path: Path,
    make_record: RecordFactory,
    monkeypatch: pytest.MonkeyPatch,
    tz: tzinfo | None,
    since: date | None,
    until: date | None,
    shown: Callable[[str], str] | None,
) -> None:
    sessions = hostile_sessions(make_record)
    records = tuple(SessionRecord.from_json(json.loads(json.dumps(s))) for s in sessions)
    expected = built_csv(records, tz, since, until, shown)
    items = checked_history(tmp_path / "data", sessions)
    built: list[SessionRecord] = []
    real_of = ShownSession.of

    def spied_of(record: SessionRecord) -> ShownSession:
        built.append(record)
        return real_of(record)

    monkeypatch.setattr(ShownSession, "of", spied_of)
    assert lines_csv(items, tz, since, until, shown) == expected
    assert built == []  # no session was built as a record for it


def test_a_history_of_records_this_version_wrote_exports_alike(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    store = new_store(tmp_path)
    for number in range(30):
        store.add(make_record(started_at=START + timedelta(days=number), notes=f"{number}, ok"))
    new_store(tmp_path).load()  # the certificate
    new_store(tmp_path).export_json()  # the lines found to be the writer's own (canonical)
    items = new_store(tmp_path).load().items
    assert isinstance(items, LazyRecords)
    assert items.canonical
    records = tuple(new_store(tmp_path).sessions())
    for tz in ZONES:
        assert lines_csv(items, tz, None, None, None) == built_csv(records, tz, None, None, None)


def test_records_not_vouched_for_are_exported_from_the_records(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    records = [make_record(notes="=1"), make_record(started_at=START - timedelta(days=1))]
    out = io.StringIO(newline="")
    assert export_csv_rows(records, out, UTC) == 2
    assert out.getvalue() == built_csv(records, UTC, None, None, None)


def test_a_vouched_line_that_no_longer_reads_raises_the_stores_error(
    tmp_path: Path, make_record: RecordFactory
) -> None:
    items = checked_history(tmp_path, [make_record().to_json(), make_record().to_json()])
    broken = LazyRecords(
        tmp_path / "history.json",
        items.raw.replace(b'"outcome": "completed"', b'"outcome": "sideways"', 1),
        len(items),
        parse=SessionRecord.from_json,
        facts_of=lambda line: None,
        facts_in=lambda lines: None,
        withdraw=lambda: None,
    )
    with pytest.raises(Exception, match="does not read as it did when it was checked"):
        export_csv_rows(broken, io.StringIO(newline=""), UTC)
