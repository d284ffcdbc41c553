"""One recorded session as the history keeps it, and its strict JSON form."""

from __future__ import annotations

import dataclasses
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Final

from retrocoach.core.plan import Direction, Kind, Plan
from retrocoach.core.session import SegmentRecord, Session

__all__ = ["MAX_EFFORT", "MAX_NOTES_CHARS", "Outcome", "RecordError", "SessionRecord"]

MAX_EFFORT: Final = 10
MAX_NOTES_CHARS: Final = 2000
# Far beyond any real session (plans stop at 8 h), but it keeps absurd numbers out.
_MAX_SECONDS: Final = 7 * 24 * 3600
_MAX_ROUND: Final = 1000
_ID: Final = re.compile(r"[0-9A-Za-z_-]{1,64}")
_WALKING_KINDS: Final = frozenset({Kind.WARMUP, Kind.FORWARD, Kind.BACKWARD, Kind.COOLDOWN})


class RecordError(ValueError):
    """A session record with a missing, mistyped or out-of-range field."""


class Outcome(StrEnum):
    """How a session ended."""

    COMPLETED = "completed"
    STOPPED = "stopped"
    INTERRUPTED = "interrupted"
    """Cut short by a crash, a kill or a power cut; recovered from the journal."""


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """A session as the history keeps it. Times are aware datetimes; lengths are seconds."""

    id: str
    started_at: datetime
    ended_at: datetime
    outcome: Outcome
    plan: Plan
    segments: tuple[SegmentRecord, ...]
    forward_s: float
    """All forward walking, warm-up and cool-down included."""
    backward_s: float
    notes: str | None = None
    effort: int | None = None
    """How hard it felt, 0 to 10, from the window's check-in."""

    def __post_init__(self) -> None:
        # Accept "completed" as well as Outcome.COMPLETED; an unknown word raises ValueError.
        object.__setattr__(self, "outcome", Outcome(self.outcome))
        if not _ID.fullmatch(self.id):
            raise RecordError("a session id is 1 to 64 letters, digits, '-' or '_'")
        if self.started_at.tzinfo is None or self.ended_at.tzinfo is None:
            raise RecordError("session times must carry their UTC offset")
        if self.ended_at < self.started_at:
            raise RecordError("a session cannot end before it starts")
        if self.notes is not None and (len(self.notes) > MAX_NOTES_CHARS or "\x00" in self.notes):
            raise RecordError(f"notes are at most {MAX_NOTES_CHARS} characters of text")
        if self.effort is not None and not (
            _is_int(self.effort) and 0 <= self.effort <= MAX_EFFORT
        ):
            raise RecordError(f"effort is a whole number from 0 to {MAX_EFFORT}")

    @property
    def walking_s(self) -> float:
        """Forward and backward walking together."""
        return self.forward_s + self.backward_s

    def with_checkin(self, notes: str | None, effort: int | None) -> SessionRecord:
        """The same session with the walker's notes and effort."""
        return dataclasses.replace(self, notes=notes, effort=effort)

    @classmethod
    def from_session(
        cls,
        session: Session,
        *,
        started_at: datetime,
        now: float,
        outcome: Outcome | str,
        record_id: str | None = None,
    ) -> SessionRecord:
        """Record *session* as walked up to *now* (its steady-clock reading).

        *started_at* is the wall time at start. The end time is derived from the steady clock,
        so setting the wall clock during a session does not change how long it lasted.
        """
        begin = session.started_at if session.started_at is not None else now
        end = session.ended_at if session.ended_at is not None else now
        # Milliseconds are plenty, and they keep float noise out of the file.
        segments = tuple(
            dataclasses.replace(walked, actual_s=round(walked.actual_s, 3))
            for walked in session.walked(now)
        )
        return cls(
            id=record_id or uuid.uuid4().hex,
            started_at=started_at,
            ended_at=started_at + timedelta(seconds=max(0.0, end - begin)),
            outcome=Outcome(outcome),
            plan=session.plan,
            segments=segments,
            forward_s=_total(segments, Direction.FORWARD),
            backward_s=_total(segments, Direction.BACKWARD),
        )

    def to_json(self) -> dict[str, Any]:
        """The record as stored in history.json (see assets/data/history.schema.json)."""
        data: dict[str, Any] = {
            "id": self.id,
            "started_at": self.started_at.isoformat(),
            "ended_at": self.ended_at.isoformat(),
            "outcome": self.outcome.value,
            "plan": self.plan.to_dict(),
            "segments": [
                {
                    "kind": segment.kind.value,
                    "round": segment.round,
                    "planned_s": segment.planned_s,
                    "actual_s": segment.actual_s,
                }
                for segment in self.segments
            ],
            "forward_s": self.forward_s,
            "backward_s": self.backward_s,
        }
        if self.notes is not None:
            data["notes"] = self.notes
        if self.effort is not None:
            data["effort"] = self.effort
        return data

    @classmethod
    def from_json(cls, data: object) -> SessionRecord:
        """Read a record written by to_json(); raise RecordError (or PlanError) if it is bad.

        Keys this version does not know are ignored.
        """
        fields = _mapping(data, "a session")
        segments = fields.get("segments")
        if not isinstance(segments, list):
            raise RecordError("a session's segments must be a list")
        notes = fields.get("notes")
        if notes is not None and not isinstance(notes, str):
            raise RecordError("notes must be text")
        effort = fields.get("effort")
        if effort is not None:
            effort = _whole(effort, "effort", MAX_EFFORT)
        return cls(
            id=_text(fields, "id"),
            started_at=_moment(fields, "started_at"),
            ended_at=_moment(fields, "ended_at"),
            outcome=Outcome(_text(fields, "outcome")),
            plan=Plan.from_dict(_mapping(fields.get("plan"), "a session's plan")),
            segments=tuple(_segment(entry) for entry in segments),
            forward_s=_seconds(fields.get("forward_s"), "forward_s"),
            backward_s=_seconds(fields.get("backward_s"), "backward_s"),
            notes=notes,
            effort=effort,
        )


def _total(segments: tuple[SegmentRecord, ...], direction: Direction) -> float:
    return round(sum(s.actual_s for s in segments if s.kind.direction is direction), 3)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _whole(value: object, what: str, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= high:
        raise RecordError(f"{what} must be a whole number from 0 to {high}")
    return value


def _mapping(value: object, what: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise RecordError(f"{what} must be a JSON object")
    return value


def _text(fields: Mapping[str, Any], key: str) -> str:
    value = fields.get(key)
    if not isinstance(value, str):
        raise RecordError(f"a session's {key} must be text")
    return value


def _moment(fields: Mapping[str, Any], key: str) -> datetime:
    text = _text(fields, key)
    if len(text) > 40:
        raise RecordError(f"{key} is not an ISO 8601 time")
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise RecordError(f"{key} must carry its UTC offset")
    return moment


def _seconds(value: object, what: str) -> float:
    # Comparing first keeps a huge integer from overflowing float().
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise RecordError(f"{what} must be a number of seconds")
    if not 0 <= value <= _MAX_SECONDS:  # NaN fails this too
        raise RecordError(f"{what} is out of range")
    return float(value)


def _segment(entry: object) -> SegmentRecord:
    fields = _mapping(entry, "a segment")
    kind = Kind(_text(fields, "kind"))
    if kind not in _WALKING_KINDS:
        raise RecordError(f"a walked segment cannot be of kind {kind}")
    planned = _whole(fields.get("planned_s"), "planned_s", _MAX_SECONDS)
    number = _whole(fields.get("round", 0), "a segment's round", _MAX_ROUND)
    return SegmentRecord(kind, planned, _seconds(fields.get("actual_s"), "actual_s"), number)
