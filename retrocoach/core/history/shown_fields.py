"""What an export shows of each session, read from a checked history without building records.

The CSV export shows a dozen fields of a session; building its SessionRecord (plan, segments,
programme, devices) costs more than the export itself on a long history. A history a
certificate vouches for (storage.checked) had every record built and checked when it was read
whole, so here each session's fields are read straight from its stored form, through the same
reading functions SessionRecord.from_json uses for them: the values are the record's own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, NamedTuple

from retrocoach.core.history import parsing as rf
from retrocoach.core.history.records import (
    MAX_EFFORT,
    MAX_ESTIMATE,
    Outcome,
    SessionRecord,
    read_outcome,
)
from retrocoach.core.storage.lazy import LazyRecords

__all__ = ["ShownSession", "shown_sessions"]


class ShownSession(NamedTuple):
    """The fields of a session that an export shows, as its SessionRecord holds them."""

    id: str
    started_at: datetime
    ended_at: datetime
    plan_name: str
    outcome: Outcome
    forward_s: float
    backward_s: float
    effort: int | None
    notes: str | None
    forward_m: float | None
    backward_m: float | None
    energy_kcal_est: float | None

    @classmethod
    def of(cls, record: SessionRecord) -> ShownSession:
        """What *record* shows."""
        return cls(
            record.id,
            record.started_at,
            record.ended_at,
            record.plan.name,
            record.outcome,
            record.forward_s,
            record.backward_s,
            record.effort,
            record.notes,
            record.forward_m,
            record.backward_m,
            record.energy_kcal_est,
        )

    @classmethod
    def read(cls, data: object) -> ShownSession:
        """What a session stored as *data* shows, read as SessionRecord.from_json reads it.

        Only for a session that from_json has read before: the record's own checks (its id's
        form, its times' order, its plan's and segments' fields, ...) are not made again; a
        field of the wrong type raises RecordError.
        """
        fields: Mapping[str, Any] = rf.mapping(data, "a session")
        get = fields.get
        notes = get("notes")
        if notes is not None and type(notes) is not str:
            raise rf.RecordError("notes must be text")
        effort = get("effort")
        if effort is not None:
            effort = rf.whole(effort, "effort", MAX_EFFORT)
        return cls(
            rf.text(fields, "id"),
            rf.moment(fields, "started_at"),
            rf.moment(fields, "ended_at"),
            _plan_name(get("plan")),
            read_outcome(get("outcome")),
            rf.seconds(get("forward_s"), "forward_s"),
            rf.seconds(get("backward_s"), "backward_s"),
            effort,
            notes,
            rf.optional_number(get("forward_m"), "forward_m", MAX_ESTIMATE),
            rf.optional_number(get("backward_m"), "backward_m", MAX_ESTIMATE),
            rf.optional_number(get("energy_kcal_est"), "energy_kcal_est", MAX_ESTIMATE),
        )


def _plan_name(plan: object) -> str:
    """The name of a checked session's plan: Plan.from_dict keeps it as written (validate()
    only checks it), so the plan need not be built for it."""
    name = rf.mapping(plan, "a session's plan").get("name")
    if type(name) is not str:
        raise rf.RecordError("the plan's name must be text")
    return name


def shown_sessions(items: Sequence[SessionRecord]) -> list[ShownSession]:
    """What each of *items* shows, in their order.

    A checked history's sessions are read from its lines in one parse, not built as records;
    should one not read as it did when it was checked, every session is built as a record
    (which raises the store's StorageError for it).
    """
    if isinstance(items, LazyRecords):
        try:
            return [ShownSession.read(entry) for entry in items.entries()]
        except (ValueError, TypeError, KeyError, AttributeError):
            pass
    return [ShownSession.of(record) for record in items]
