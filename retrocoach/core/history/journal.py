"""The journal of one running session: a JSON Lines file that grows by a line, never rewritten.

Each session writes its own ``session-<id>.journal.jsonl`` in the data folder: a header line
(the session's id, start and plan), a line for each segment as it ends, a checkpoint line at
pauses, resumes and at least every 10 s of walking (the segment under way, cut at that
moment), and an end line with the real outcome just before the session is saved. The process
walking the session holds an flock(2) on its journal (see journal_writer), so any other
process knows it is alive; a journal nobody holds was left by a crash, or by a save that
failed, and is recovered (see recovery).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from retrocoach.core.clock import moment_text
from retrocoach.core.errors import CorruptFileError
from retrocoach.core.history.records import Outcome, SessionRecord
from retrocoach.core.plan.model import Direction
from retrocoach.core.session.estimates import EstimateBasis, estimate
from retrocoach.core.session.machine import SegmentRecord
from retrocoach.core.storage.files import decode_text

__all__ = [
    "JOURNAL_GLOB",
    "JOURNAL_SCHEMA_VERSION",
    "LEGACY_JOURNAL",
    "JournalContent",
    "NewerJournalError",
    "parse_journal",
]

JOURNAL_SCHEMA_VERSION: Final = 1
JOURNAL_GLOB: Final = "session-*.journal.jsonl"
LEGACY_JOURNAL: Final = "session.journal.json"
"""The one journal of RetroCoach before per-session journals; still recovered if found."""
_WALKED_KEYS: Final = (
    "ended_at",
    "outcome",
    "segments",
    "forward_s",
    "backward_s",
    "forward_m",
    "backward_m",
    "energy_kcal_est",
)
"""A session's keys that change as it is walked: the lines after the header carry them."""


class NewerJournalError(CorruptFileError):
    """A journal written by a newer RetroCoach: kept untouched for that version to recover."""


def segment_json(segment: SegmentRecord) -> dict[str, Any]:
    """A walked segment as the history and the journal write it."""
    return {
        "kind": segment.kind.value,
        "round": segment.round,
        "planned_s": segment.planned_s,
        "actual_s": round(segment.actual_s, 3),
        "speed_kmh": segment.speed_kmh,
    }


def _line(entry: dict[str, Any]) -> bytes:
    return (json.dumps(entry, allow_nan=False) + "\n").encode("ascii")


def header_line(
    start: SessionRecord, basis: EstimateBasis, walker: Mapping[str, Any] | None = None
) -> bytes:
    """The journal's first line: the session as it began, what its estimates need, and who
    walks it (see walker.py: how recovery tells that the walk is still under way)."""
    session = {k: v for k, v in start.to_json().items() if k not in _WALKED_KEYS}
    header: dict[str, Any] = {
        "type": "header",
        "schema_version": JOURNAL_SCHEMA_VERSION,
        "session": session,
        "basis": {
            "body_mass_kg": basis.body_mass_kg,
            "backward_factor": basis.backward_factor,
        },
    }
    if walker is not None:
        header["walker"] = dict(walker)
    return _line(header)


def segment_line(segment: SegmentRecord, ended_at: datetime) -> bytes:
    """A line for a segment that has ended."""
    return _line({"type": "segment", "ended_at": moment_text(ended_at), **segment_json(segment)})


def checkpoint_line(
    done: int,
    current: SegmentRecord | None,
    ended_at: datetime,
    outcome: Outcome | None = None,
) -> bytes:
    """The segment under way after *done* ended ones; with *outcome*, the session's end."""
    entry: dict[str, Any] = {
        "type": "checkpoint" if outcome is None else "end",
        "ended_at": moment_text(ended_at),
        "done": done,
        "current": None if current is None else segment_json(current),
    }
    if outcome is not None:
        entry["outcome"] = outcome.value
    return _line(entry)


@dataclass(frozen=True, slots=True)
class JournalContent:
    """What a journal holds: the session so far, and whether it ended before being saved."""

    record: SessionRecord
    ended: bool
    """An end line was written: the outcome is the real one, not 'interrupted'."""
    walker: object = None
    """Who walks the session, as the header names it (None in older journals)."""


def _entries(raw: bytes) -> list[dict[str, Any]]:
    text = decode_text(raw)
    lines = text.split("\n")
    # A last line without its newline is one a crash cut short: it never counted.
    complete = lines[:-1]
    entries = []
    for number, line in enumerate(complete, 1):
        try:
            entry = json.loads(line)
        except ValueError:
            raise CorruptFileError(f"line {number} is not a JSON object") from None
        if not isinstance(entry, dict):
            raise CorruptFileError(f"line {number} is not a JSON object")
        entries.append(entry)
    if not entries:
        raise CorruptFileError("it has no complete line")
    return entries


def parse_journal(raw: bytes) -> JournalContent:
    """Read a journal's bytes; CorruptFileError (NewerJournalError) if it cannot be used."""
    entries = _entries(raw)
    header = entries[0]
    version = header.get("schema_version")
    if header.get("type") != "header" or isinstance(version, bool) or not isinstance(version, int):
        raise CorruptFileError("its first line is not a session journal's header")
    if version > JOURNAL_SCHEMA_VERSION:
        raise NewerJournalError(f"it was written by a newer RetroCoach (schema version {version})")
    if version != JOURNAL_SCHEMA_VERSION:
        raise CorruptFileError(f"its schema version {version} is not one RetroCoach knows")
    session = header.get("session")
    if not isinstance(session, dict):
        raise CorruptFileError("its header names no session")
    segments: list[Any] = []
    ended_at = session.get("started_at")
    outcome: Any = Outcome.INTERRUPTED.value
    current: Any = None
    ended = False
    for number, entry in enumerate(entries[1:], 2):
        kind = entry.get("type")
        ended_at = entry.get("ended_at", ended_at)
        if kind == "segment":
            segments.append({k: v for k, v in entry.items() if k not in ("type", "ended_at")})
            current = None
        elif kind in ("checkpoint", "end"):
            current = entry.get("current") if entry.get("done") == len(segments) else None
            if kind == "end":
                outcome, ended = entry.get("outcome"), True
        else:
            raise CorruptFileError(f"line {number} is of a kind RetroCoach does not know")
    if current is not None:
        segments.append(current)
    document = {**session, "ended_at": ended_at, "outcome": outcome, "segments": segments}
    try:
        record = SessionRecord.from_json({**document, "forward_s": 0.0, "backward_s": 0.0})
        record = _with_totals(record, _basis(header.get("basis")))
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise CorruptFileError(f"its session cannot be read ({error})") from None
    return JournalContent(record, ended, header.get("walker"))


def _basis(value: object) -> EstimateBasis:
    if value is None:
        return EstimateBasis()
    if not isinstance(value, dict):
        raise TypeError("its estimate basis is not an object")
    mass, factor = value.get("body_mass_kg"), value.get("backward_factor")
    return EstimateBasis(mass, factor) if factor is not None else EstimateBasis(mass)


def _with_totals(record: SessionRecord, basis: EstimateBasis) -> SessionRecord:
    segments = record.segments
    # Summed from 0.0: a walk killed before its first backward segment has backward_s 0.0,
    # written as reading it back gives (the integer 0 was written "0" and read 0.0).
    forward = sum((s.actual_s for s in segments if s.kind.direction is Direction.FORWARD), 0.0)
    backward = sum((s.actual_s for s in segments if s.kind.direction is Direction.BACKWARD), 0.0)
    figures = estimate(segments, basis)
    return dataclasses.replace(
        record,
        forward_s=round(forward, 3),
        backward_s=round(backward, 3),
        forward_m=figures.forward_m,
        backward_m=figures.backward_m,
        energy_kcal_est=figures.energy_kcal,
    )
