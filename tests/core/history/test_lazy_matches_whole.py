"""A history read line by line (its certificate vouching for it) gives what a whole read gives.

Generated histories with awkward notes (quotes, braces, escaped newlines, non-ASCII, control
characters), start times in several zones and out of order, are saved walk by walk as the
window and run save them; a store reading them by line is then compared with one reading the
file whole: the sessions, the JSON export, every listing and the end-of-walk comparison.
"""

from __future__ import annotations

import hashlib
import io
import json
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retrocoach.cli.history import run_history
from retrocoach.core.figures.summary import COMPARED_WALKS
from retrocoach.core.history.lines import CERTIFICATE_NAME
from retrocoach.core.history.store import HistoryStore, Outcome, SessionRecord
from retrocoach.core.plan.model import Kind, Plan
from retrocoach.core.session.machine import SegmentRecord
from retrocoach.core.storage.document import FileState
from retrocoach.core.storage.lazy import LazyRecords
from tests.core.history.test_history import Told, new_store

PLAN = Plan(forward_s=300, backward_s=60, rounds=2)
SEGMENTS = tuple(
    SegmentRecord(s.kind, s.seconds, float(s.seconds), s.round)
    for s in PLAN.segments()
    if s.kind is not Kind.GETREADY
)
BASE = datetime(2026, 11, 16, 7, 30, tzinfo=UTC)
ZONES = [timezone(timedelta(hours=h, minutes=m)) for h, m in ((0, 0), (1, 0), (5, 30), (-3, 0))]
ODD = st.sampled_from(
    ["}", "]}", '"}, {"id": "x"', "\\", '\\"', "\n", "\r\n", "é", "\u2028", "\x1b", "\ufeff"]
)
NOTES = st.none() | st.lists(
    ODD | st.text(st.characters(blacklist_characters="\x00"), max_size=20), max_size=6
).map("".join)


@st.composite
def records(draw: st.DrawFn) -> list[SessionRecord]:
    count = draw(st.integers(min_value=1, max_value=9))
    ids = draw(
        st.lists(
            st.from_regex(r"[0-9A-Za-z_-]{1,12}", fullmatch=True),
            min_size=count,
            max_size=count,
            unique=True,
        )
    )
    made = []
    for key in ids:
        # Minutes apart, some at the same moment written in another zone, out of order.
        started = (BASE + timedelta(minutes=draw(st.integers(0, 40)))).astimezone(
            draw(st.sampled_from(ZONES))
        )
        made.append(
            SessionRecord(
                id=key,
                started_at=started,
                ended_at=started + timedelta(seconds=PLAN.total_s),
                outcome=draw(st.sampled_from(list(Outcome))),
                plan=PLAN,
                segments=SEGMENTS,
                forward_s=600.0,
                backward_s=120.0,
                notes=draw(NOTES),
                effort=draw(st.none() | st.integers(0, 10)),
            )
        )
    return made


def _listings(make_store: Callable[[], HistoryStore]) -> dict[str, object]:
    """What each format of 'retrocoach history' gives, each from a store *make_store* makes."""
    shown: dict[str, object] = {}
    for fmt in ("table", "csv", "json", "fit"):
        out, err = io.StringIO(), io.StringIO()
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name) / "fit"
            status = run_history(make_store(), fmt, out, err, tz=UTC, folder=folder)
            files = {path.name: path.read_bytes() for path in sorted(folder.glob("*"))}
        said = (out.getvalue() + err.getvalue()).replace(str(folder), "FOLDER")
        shown[fmt] = (status, said, files)
    return shown


def _seen(folder: Path) -> tuple[object, ...]:
    """Everything a user sees of the history through a fresh store (as a fresh process does)."""
    store = new_store(folder)
    sessions = tuple(store.sessions())
    compared = [
        tuple(new_store(folder).earlier_walks(record, COMPARED_WALKS)) for record in sessions
    ]
    listings = _listings(lambda: new_store(folder))
    return sessions, new_store(folder).export_json(), listings, compared


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(walks=records(), fresh=st.lists(st.booleans(), min_size=9, max_size=9))
def test_every_view_of_a_history_read_by_line_is_that_of_a_whole_read(
    walks: list[SessionRecord], fresh: list[bool]
) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        store = new_store(folder)
        for record, anew in zip(walks, fresh, strict=False):
            # A walk saved by a process that started with the history (a spliced save), or
            # by a fresh one reading it first.
            if anew:
                store = new_store(folder)
                store.load()
            store.add(record)
            _assert_certificate_true(folder)
        new_store(folder).load()  # read whole once more if need be: the certificate is current
        assert (folder / CERTIFICATE_NAME).exists()
        assert isinstance(new_store(folder).load().items, LazyRecords)
        by_line = _seen(folder)
        read_whole = _seen_without_certificate(folder)
        assert by_line == read_whole
        assert tuple(by_line[0]) == tuple(walks)  # type: ignore[arg-type]


def _assert_certificate_true(folder: Path) -> None:
    """A certificate naming history.json's size names its SHA-256 too: it never vouches for
    bytes that were not the file's."""
    path = folder / CERTIFICATE_NAME
    if path.exists():
        found = json.loads(path.read_bytes())
        raw = (folder / "history.json").read_bytes()
        if found["size"] == len(raw):
            assert found["sha256"] == hashlib.sha256(raw).hexdigest()


def _seen_without_certificate(folder: Path) -> tuple[object, ...]:
    """_seen, with the certificate removed before each store reads (so each reads whole)."""
    certificate = folder / CERTIFICATE_NAME

    def fresh() -> HistoryStore:
        certificate.unlink(missing_ok=True)
        return new_store(folder)

    sessions = tuple(fresh().sessions())
    compared = []
    for record in sessions:
        store = fresh()
        store.load()
        assert not isinstance(store.load().items, LazyRecords)
        compared.append(tuple(store.earlier_walks(record, COMPARED_WALKS)))
    store = fresh()
    exported = store.export_json()
    listings = _listings(fresh)
    return sessions, exported, listings, compared


def _walk(key: str, minutes: int, notes: str | None) -> SessionRecord:
    started = BASE + timedelta(minutes=minutes)
    return SessionRecord(
        id=key,
        started_at=started,
        ended_at=started + timedelta(seconds=PLAN.total_s),
        outcome=Outcome.COMPLETED,
        plan=PLAN,
        segments=SEGMENTS,
        forward_s=600.0,
        backward_s=120.0,
        notes=notes,
    )


def _swap(old: bytes, new: bytes) -> Callable[[bytes], bytes]:
    return lambda raw: raw.replace(old, new, 1)


def _record_line(raw: bytes, index: int, change: Callable[[dict[str, object]], object]) -> bytes:
    lines = raw.split(b"\n")
    comma = lines[index].endswith(b",")
    changed = json.dumps(change(json.loads(lines[index].rstrip(b","))))
    lines[index] = changed.encode() + (b"," if comma else b"")
    return b"\n".join(lines)


LAYOUTS: dict[str, Callable[[bytes], bytes]] = {
    "crlf": lambda raw: raw.replace(b"\n", b"\r\n"),
    "cr before comma": lambda raw: raw.replace(b"},\n", b"}\r,\n", 1),
    "space before newline": lambda raw: raw.replace(b"},\n", b"}, \n", 1),
    "trailing newline": lambda raw: raw + b"\n",
    "trailing junk": lambda raw: raw + b"x",
    "bom": lambda raw: b"\xef\xbb\xbf" + raw,
    "pretty": lambda raw: json.dumps(json.loads(raw), indent=2).encode() + b"\n",
    "compact": lambda raw: json.dumps(json.loads(raw), separators=(",", ":")).encode() + b"\n",
    "key twice": _swap(b'"outcome": "completed"', b'"outcome": "stopped", "outcome": "completed"'),
    "key twice, first kept": _swap(
        b'"outcome": "completed"', b'"outcome": "completed", "outcome": "stopped"'
    ),
    "raw utf-8": _swap(b"\\u00e9", "é".encode()),
    "escaped slash": _swap(b"/", b"\\/"),
    "escaped letter": _swap(b'"completed"', b'"\\u0063ompleted"'),
    "keys reordered": lambda raw: _record_line(raw, 2, lambda line: dict(reversed(line.items()))),
    "two on a line": lambda raw: raw.replace(b"},\n", b"}, ", 1).replace(b"[\n", b"[\n\n", 1),
    "header key after": lambda raw: raw[:-3] + b'], "x": 1}\n',
    "header key before": _swap(b'{"schema_version": 3, ', b'{"schema_version": 3, "x": [1], '),
    "version first twice": _swap(
        b'{"schema_version": 3, ', b'{"schema_version": 2, "schema_version": 3, '
    ),
    "list twice": _swap(b'"sessions": [\n', b'"sessions": [], "sessions": [\n'),
    "list twice, first kept": _swap(b'"sessions": [\n', b'"sessions": [\n{}], "x": [\n'),
    "list key nested": _swap(
        b'{"schema_version": 3, ', b'{"schema_version": 3, "m": {"sessions": []}, '
    ),
    "indented record": _swap(b'\n{"id": "b"', b'\n  {"id": "b"'),
    "comma alone": lambda raw: raw.replace(b"},\n", b"}\n,\n", 1),
    "raw line separator": _swap(b"\\u2028", "\u2028".encode()),
    "cr only": lambda raw: raw.replace(b"\n", b"\r"),
    "space after the last record": lambda raw: raw.replace(b"\n]}\n", b"  \n]}\n"),
    "cr after the last record": lambda raw: raw.replace(b"\n]}\n", b"\r\n]}\n"),
    "record not an object": lambda raw: raw.replace(b"[\n", b"[\n[],\n", 1),
    "nan": _swap(b'"forward_s": 600.0', b'"forward_s": NaN'),
    "big exponent": _swap(b'"forward_s": 600.0', b'"forward_s": 6e2'),
    "integer seconds": _swap(b'"forward_s": 600.0', b'"forward_s": 600'),
}


NOTES_OF = {
    # An escaped backslash makes the store compare the file with its own writing, whole.
    "odd": ('a "}" and \\n é\u2028', None, "line\none\r\ntwo ]} {"),
    "plain": ("é \u2028", None, "two ]} {"),
}


@pytest.mark.leaves_bad_history  # trailing junk, a record that is not an object
@pytest.mark.parametrize("notes", NOTES_OF)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_history_in_any_layout_reads_the_same_the_second_time_and_after_a_walk(
    tmp_path: Path, layout: str, notes: str
) -> None:
    walks = [
        _walk(key, minutes, note)
        for key, minutes, note in zip("abc", (0, 5, 3), NOTES_OF[notes], strict=True)
    ]
    for record in walks:
        new_store(tmp_path).add(record)
    path = tmp_path / "history.json"
    path.write_bytes(LAYOUTS[layout](path.read_bytes()))
    (tmp_path / CERTIFICATE_NAME).unlink(missing_ok=True)
    first_told, again_told = Told(), Told()
    first = new_store(tmp_path, first_told).load()
    again = new_store(tmp_path, again_told).load()
    assert (tuple(again.items), again.state) == (tuple(first.items), first.state)
    assert again_told.lines == first_told.lines
    assert new_store(tmp_path).export_json() == _seen_without_certificate(tmp_path)[1]
    if first.state is FileState.CLEAN:
        later = _walk("d", 9, "}")
        store = new_store(tmp_path)
        store.load()  # read by line where it can be: the walk is spliced on
        store.add(later)
        _assert_certificate_true(tmp_path)
        assert _seen(tmp_path) == _seen_without_certificate(tmp_path)
        assert tuple(new_store(tmp_path).sessions()) == (*first.items, later)
