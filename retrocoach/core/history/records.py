"""One recorded session as the history keeps it, and its strict JSON form."""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Final

from retrocoach.core.clock import moment_text
from retrocoach.core.history import parsing as rf
from retrocoach.core.history.measured import (
    BeltTotals,
    Devices,
    HeartRate,
    segment_extras,
    segment_extras_json,
    session_extras,
    session_extras_json,
)
from retrocoach.core.history.parsing import RecordError
from retrocoach.core.history.unknown_keys import restore_unknown, unknown_keys
from retrocoach.core.plan.model import Direction, Plan
from retrocoach.core.programme.mark import ProgrammeMark
from retrocoach.core.session.estimates import NO_BODY_MASS, EstimateBasis, estimate
from retrocoach.core.session.machine import SegmentRecord, Session

__all__ = [
    "MAX_EFFORT",
    "MAX_ESTIMATE",
    "MAX_NOTES_CHARS",
    "Outcome",
    "RecordError",
    "SessionRecord",
    "new_record_id",
    "read_outcome",
]

MAX_EFFORT: Final = 10
MAX_NOTES_CHARS: Final = 2000
_ID: Final = re.compile(r"[0-9A-Za-z_-]{1,64}")
MAX_ESTIMATE: Final = 1e7
"""The largest estimate (metres, kcal) a record may hold."""


def new_record_id() -> str:
    """A fresh session id: a random UUID's 32 hex digits."""
    import uuid  # noqa: PLC0415  (loaded with the first walk's recorder, not to show the window)

    return uuid.uuid4().hex


# Sessions share a handful of plans: each plan's stored form is built once. The speeds' types
# are part of the key, so a plan read with 3 (not 3.0) km/h is written back as it was read.
@functools.lru_cache(maxsize=256)
def _cached_plan_json(plan: Plan, *_speed_types: str) -> dict[str, Any]:
    return plan.to_dict()


def _plan_json(plan: Plan) -> dict[str, Any]:
    return _cached_plan_json(
        plan, type(plan.forward_speed_kmh).__name__, type(plan.backward_speed_kmh).__name__
    )


class Outcome(StrEnum):
    """How a session ended."""

    COMPLETED = "completed"
    STOPPED = "stopped"
    INTERRUPTED = "interrupted"
    """Cut short by a crash, a kill or a power cut; recovered from the journal."""


_OUTCOME_BY_NAME: Final = {outcome.value: outcome for outcome in Outcome}


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
    programme: ProgrammeMark | None = None
    """The programme session this was, when walked from a programme."""
    forward_m: float | None = None
    """Belt distance walked forward, an estimate from speed and time (None: a speed unknown)."""
    backward_m: float | None = None
    energy_kcal_est: float | None = None
    """Energy, an estimate (see retrocoach.core.session.estimates); None without a body mass."""
    devices: Devices | None = None
    """The Bluetooth devices connected during the walk (schema 3)."""
    measured: BeltTotals | None = None
    """What the treadmill measured, per direction (schema 3)."""
    heart_rate: HeartRate | None = None
    """What the heart-rate strap measured (schema 3)."""
    stopped_unwell: bool = False
    """The walker ended the walk because they felt unwell (schema 3)."""
    unknown: Mapping[str, Any] | None = field(default=None, compare=False, repr=False)
    """Keys this version does not know, kept to be written back as they were (None: none).

    The file's contract names the keys a session has at least; another tool, or the walker
    by hand, may add more. Keys of the session are kept by their name, keys of its plan under
    "plan", keys of its segments under "segments" as a mapping from the segment's index.
    """

    def __post_init__(self) -> None:
        # Accept "completed" as well as Outcome.COMPLETED; an unknown word raises ValueError.
        outcome = _OUTCOME_BY_NAME.get(self.outcome) or Outcome(self.outcome)
        object.__setattr__(self, "outcome", outcome)
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
        basis: EstimateBasis = NO_BODY_MASS,
    ) -> SessionRecord:
        """Record *session* as walked up to *now* (its steady-clock reading).

        *started_at* is the wall time at start. The end time is derived from the steady clock,
        so setting the wall clock during a session does not change how long it lasted.
        *basis* carries what the energy estimate needs besides the walk.
        """
        begin = session.started_at if session.started_at is not None else now
        end = session.ended_at if session.ended_at is not None else now
        # Milliseconds are plenty, and they keep float noise out of the file.
        segments = tuple(
            dataclasses.replace(walked, actual_s=round(walked.actual_s, 3))
            for walked in session.walked(now)
        )
        figures = estimate(segments, basis)
        return cls(
            id=record_id or new_record_id(),
            started_at=started_at,
            ended_at=started_at + timedelta(seconds=max(0.0, end - begin)),
            outcome=Outcome(outcome),
            plan=session.plan,
            segments=segments,
            forward_s=_total(segments, Direction.FORWARD),
            backward_s=_total(segments, Direction.BACKWARD),
            forward_m=figures.forward_m,
            backward_m=figures.backward_m,
            energy_kcal_est=figures.energy_kcal,
        )

    def to_json(self) -> dict[str, Any]:
        """The record as stored in history.json (see assets/data/history.schema.json)."""
        data: dict[str, Any] = {
            "id": self.id,
            "started_at": moment_text(self.started_at),
            "ended_at": moment_text(self.ended_at),
            "outcome": self.outcome.value,
            # A copy: restore_unknown may add to it, and the cached dict is shared.
            "plan": dict(_plan_json(self.plan)),
            "segments": [
                {
                    # _value_ is the member's value without the enum property's lookup cost.
                    "kind": segment.kind._value_,
                    "round": segment.round,
                    "planned_s": segment.planned_s,
                    "actual_s": segment.actual_s,
                    "speed_kmh": segment.speed_kmh,
                }
                for segment in self.segments
            ],
            "forward_s": self.forward_s,
            "backward_s": self.backward_s,
            "forward_m": self.forward_m,
            "backward_m": self.backward_m,
            "energy_kcal_est": self.energy_kcal_est,
        }
        if self.notes is not None:
            data["notes"] = self.notes
        if self.effort is not None:
            data["effort"] = self.effort
        if self.programme is not None:
            data["programme"] = self.programme.to_json()
        if any(segment.waited or segment.measured for segment in self.segments):
            for segment, entry in zip(self.segments, data["segments"], strict=True):
                segment_extras_json(segment, entry)
        session_extras_json(data, self.devices, self.measured, self.heart_rate, self.stopped_unwell)
        if self.unknown:
            restore_unknown(data, self.unknown)
        return data

    @classmethod
    def from_json(cls, data: object) -> SessionRecord:
        """Read a record written by to_json(); raise RecordError (or PlanError) if it is bad.

        Keys this version does not know are kept in ``unknown``, for to_json() to write back.
        """
        fields = rf.mapping(data, "a session")
        segments = fields.get("segments")
        if not isinstance(segments, list):
            raise RecordError("a session's segments must be a list")
        notes = fields.get("notes")
        if notes is not None and not isinstance(notes, str):
            raise RecordError("notes must be text")
        effort = fields.get("effort")
        if effort is not None:
            effort = rf.whole(effort, "effort", MAX_EFFORT)
        programme = fields.get("programme")
        return cls(
            id=rf.text(fields, "id"),
            started_at=rf.moment(fields, "started_at"),
            ended_at=rf.moment(fields, "ended_at"),
            outcome=read_outcome(fields.get("outcome")),
            plan=rf.plan(fields.get("plan")),
            segments=tuple(segment_extras(entry, rf.segment(entry)) for entry in segments),
            forward_s=rf.seconds(fields.get("forward_s"), "forward_s"),
            backward_s=rf.seconds(fields.get("backward_s"), "backward_s"),
            notes=notes,
            effort=effort,
            programme=None if programme is None else ProgrammeMark.from_json(programme),
            forward_m=rf.optional_number(fields.get("forward_m"), "forward_m", MAX_ESTIMATE),
            backward_m=rf.optional_number(fields.get("backward_m"), "backward_m", MAX_ESTIMATE),
            energy_kcal_est=rf.optional_number(
                fields.get("energy_kcal_est"), "energy_kcal_est", MAX_ESTIMATE
            ),
            **session_extras(fields),
            unknown=unknown_keys(fields, segments),
        )


def _total(segments: tuple[SegmentRecord, ...], direction: Direction) -> float:
    # Started at 0.0: the sum of no segments (a walk stopped before its first backward one)
    # must be written "0.0", as reading it back gives, never the integer 0.
    return round(sum((s.actual_s for s in segments if s.kind.direction is direction), 0.0), 3)


def read_outcome(value: object) -> Outcome:
    """The outcome a session's stored *value* names; RecordError if it names none."""
    outcome = _OUTCOME_BY_NAME.get(value) if type(value) is str else None
    if outcome is None:
        raise RecordError(f"a session's outcome is one of {', '.join(_OUTCOME_BY_NAME)}")
    return outcome


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
