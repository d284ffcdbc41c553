"""What history lines tell before each is parsed: their strings, their session's id and start."""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from retrocoach import __version__
from retrocoach.core.history import records
from retrocoach.core.history.records import SessionRecord
from retrocoach.core.segments import trivial_walk
from retrocoach.core.storage.checked import Certificate, CheckedReading
from retrocoach.core.storage.digest import sha256_hex
from retrocoach.core.storage.document_reading import count_strings
from retrocoach.core.storage.lazy import Facts, LazyRecords

__all__ = [
    "CERTIFICATE_NAME",
    "checked_history",
    "earlier_in",
    "facts_in",
    "in_time_order",
    "item_facts",
    "line_facts",
    "programme_walks_in",
    "session_strings",
]

CERTIFICATE_NAME: Final = ".history-checked.json"
# How SessionRecord.to_json starts every line: the id, then the start time, as json.dumps
# writes them. Text with an escape in it does not match, and such a line is read whole.
_START: Final = re.compile(rb'\{"id": "([0-9A-Za-z_-]{1,64})", "started_at": "([^"\\]{1,40})", ')


def line_facts(line: bytes) -> Facts | None:
    """The session id and start time at the start of *line*, or None if it does not start so."""
    found = _START.match(line)
    if found is None:
        return None
    try:
        started = datetime.fromisoformat(found[2].decode("ascii"))
    except ValueError:
        return None
    return found[1].decode("ascii"), started


_LINE: Final = b'{"id": "'
_STARTED: Final = b'", "started_at": "'


def facts_in(lines: Sequence[bytes]) -> list[Facts] | None:
    """line_facts of each of *lines*, session lines vouched for: quicker than line_facts.

    None if any does not start with its session's id and start time as the writer writes them.
    """
    found: list[Facts] = []
    read_time = datetime.fromisoformat
    try:
        for line in lines:
            if not line.startswith(_LINE):
                return None
            end = line.index(b'"', len(_LINE))
            start = end + len(_STARTED)
            if not line.startswith(_STARTED, end):
                return None
            started = read_time(line[start : line.index(b'"', start)].decode("ascii"))
            found.append((line[len(_LINE) : end].decode("ascii"), started))
    except ValueError:  # no closing quote, not ASCII, not a time
        return None
    return found


def item_facts(record: SessionRecord) -> Facts:
    """The session id and start time of *record*, as line_facts reads them."""
    return record.id, record.started_at


_CHECKING: Final = ("history", "plan", "programme", "session", "storage")
"""The packages of retrocoach.core whose code reads or checks a record, with the vocabulary."""


@functools.cache  # the same for every store of one process; asked when a history is first read
def _code() -> str:
    """What identifies the code that checks records: a certificate of other code is not used.

    The version, and the source of every module a record's reading or checking may pass
    through (the record's own modules, the plan's and segments' limits, the storage checks
    for keys written twice, this module), so a change to the checks made without a new
    version number still counts as other code. Listed by folder, not by name: a module
    moved or added is counted too.
    """
    parts = [__version__.encode()]
    core = Path(records.__file__ or "").parent.parent
    sources = [
        *core.glob("*.py"),
        *(path for name in _CHECKING for path in (core / name).glob("*.py")),
    ]
    for source in sorted(sources):  # none beside a frozen build: its version says it
        parts.append(source.relative_to(core).as_posix().encode() + b"\0")
        try:
            parts.append(source.read_bytes())
        except OSError:
            parts.append(b"?")
    # The digest of the parts one after another; sha256_hex spares the window's start OpenSSL.
    return sha256_hex(b"".join(parts))[:32]


def checked_history(folder: Path) -> CheckedReading[SessionRecord]:
    """The certificate of *folder*'s history.json and how its lines are read."""
    return CheckedReading(
        Certificate(folder / CERTIFICATE_NAME, _code),
        parse=SessionRecord.from_json,
        dump=SessionRecord.to_json,
        line_facts=line_facts,
        facts_in=facts_in,
        item_facts=item_facts,
    )


def session_strings(entry: Mapping[str, Any], record: SessionRecord) -> int:
    """How many strings, keys included, the session object *entry* holds at every depth.

    *record* is what *entry* read as. Looking at every value of a long history would slow
    every load, so the values are counted from what reading them checked: text for the id,
    the two times, the outcome, the notes, the plan's name and each segment's kind; numbers
    or null for every other value of a session, its plan and its segments.
    """
    if record.unknown is not None or _has_device_keys(record):
        # Keys this version does not know may hold anything; device names are free text.
        return count_strings(entry)
    segments = entry["segments"]
    total = len(entry) + len(entry["plan"]) + sum(map(len, segments)) + len(segments) + 5
    if record.notes is not None:
        total += 1
    programme = entry.get("programme")
    return total if programme is None else total + count_strings(programme)


def _has_device_keys(record: SessionRecord) -> bool:
    """Whether *record* has version-3 objects, whose strings are quicker counted than listed."""
    if record.devices or record.measured or record.heart_rate or record.stopped_unwell:
        return True
    return any(segment.waited or segment.measured for segment in record.segments)


def in_time_order(items: Sequence[SessionRecord]) -> Sequence[SessionRecord]:
    """*items* oldest first (a stable sort, as select_sessions'); *items* itself if they are.

    A checked history's start times are read from its lines: its sessions are not parsed.
    """
    if isinstance(items, LazyRecords):
        starts = [started for _, started in items.facts()]
    else:
        starts = [record.started_at for record in items]
    if all(map(operator.le, starts, starts[1:])):
        return items
    return sorted(items, key=lambda record: record.started_at)


def programme_walks_in(items: Sequence[SessionRecord]) -> list[SessionRecord]:
    """The sessions of *items* walked in a programme, in their order.

    A checked history is not read whole for it: a line without the key ``"programme"`` (and
    without an escape, which could spell it otherwise) holds a walk without one.
    """
    if isinstance(items, LazyRecords):
        lines = items.lines()
        marked = (
            index for index, line in enumerate(lines) if b'"programme"' in line or b"\\" in line
        )
        items = [items[index] for index in marked]
    return [record for record in items if record.programme is not None]


def earlier_in(
    items: Sequence[SessionRecord], record: SessionRecord, count: int
) -> list[SessionRecord]:
    """The sessions of *items* started before *record* (itself left out), the latest last,
    back to the *count*-th that is no false start (trivial_walk): those summarise() compares
    it with, and the false starts among them, which it leaves out.

    A checked history is not read whole for it: the start times are read from its lines.
    """
    if count <= 0:
        return []
    if isinstance(items, LazyRecords):
        facts = items.facts()
        chosen = [
            index
            for index, (key, started) in enumerate(facts)
            if key != record.id and started < record.started_at
        ]
        # A stable sort, as summarise's: walks started at the same moment keep their order.
        chosen.sort(key=lambda index: facts[index][1])
        return _back_to_count((items[index] for index in reversed(chosen)), count)
    earlier = (
        other for other in items if other.id != record.id and other.started_at < record.started_at
    )
    ordered = sorted(earlier, key=lambda other: other.started_at)
    return _back_to_count(reversed(ordered), count)


def _back_to_count(latest_first: Iterable[SessionRecord], count: int) -> list[SessionRecord]:
    """Walks from the latest back, until *count* of them are no false start; oldest first."""
    taken: list[SessionRecord] = []
    real = 0
    for other in latest_first:
        taken.append(other)
        real += not trivial_walk(other.outcome, other.walking_s)
        if real == count:
            break
    return taken[::-1]
