"""Reading the fields of a history record strictly: each bad value raises RecordError."""

from __future__ import annotations

import functools
import operator
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final

from retrocoach.core.plan.limits import OPTIONAL_FIELDS
from retrocoach.core.plan.model import SPEC_KEYS, Kind, Plan
from retrocoach.core.session.events import SegmentRecord

__all__ = [
    "KIND_BY_NAME",
    "MAX_SPEED_KMH",
    "PLAN_FIELDS",
    "PLAN_FIELD_SET",
    "RecordError",
    "mapping",
    "moment",
    "optional_number",
    "plan",
    "seconds",
    "segment",
    "text",
    "upgrade_v1",
    "whole",
]

# Far beyond any real session (plans stop at 8 h), but it keeps absurd numbers out.
_MAX_SECONDS: Final = 7 * 24 * 3600
_MAX_ROUND: Final = 1000
MAX_SPEED_KMH: Final = 30.0
"""Far above any plan's limit; a hand-edited speed within it is kept as it is."""
KIND_BY_NAME: Final = {
    kind.value: kind
    for kind in (Kind.WARMUP, Kind.FORWARD, Kind.BACKWARD, Kind.COOLDOWN, Kind.TURN)
}
PLAN_FIELDS: Final = ("name", *SPEC_KEYS.values(), *OPTIONAL_FIELDS)
PLAN_FIELD_SET: Final = frozenset(PLAN_FIELDS)
_MISSING: Final = object()
_SEGMENT_VALUES: Final = operator.itemgetter("kind", "planned_s", "actual_s", "round", "speed_kmh")
_PLAN_VALUES: Final = operator.itemgetter(*PLAN_FIELDS)


class RecordError(ValueError):
    """A session record with a missing, mistyped or out-of-range field."""


def whole(value: object, what: str, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= high:
        raise RecordError(f"{what} must be a whole number from 0 to {high}")
    return value


def optional_number(value: object, what: str, high: float) -> float | None:
    """None (JSON null, or a key not there) or a finite number from 0 to *high*."""
    if value is None:
        return None
    if type(value) not in (int, float) or not 0 <= value <= high:  # type: ignore[operator]
        raise RecordError(f"{what} must be null or a number from 0 to {high:g}")
    return float(value)  # type: ignore[arg-type]  # an int or a float, checked above


def mapping(value: object, what: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise RecordError(f"{what} must be a JSON object")
    return value


def text(fields: Mapping[str, Any], key: str) -> str:
    value = fields.get(key)
    if not isinstance(value, str):
        raise RecordError(f"a session's {key} must be text")
    return value


def moment(fields: Mapping[str, Any], key: str) -> datetime:
    written = text(fields, key)
    if len(written) > 40:
        raise RecordError(f"{key} is not an ISO 8601 time")
    moment = datetime.fromisoformat(written)
    if moment.tzinfo is None:
        raise RecordError(f"{key} must carry its UTC offset")
    return moment


def seconds(value: object, what: str) -> float:
    # Exact type checks keep out True and False (and are quick: this runs for every segment).
    if type(value) is float:
        if 0.0 <= value <= _MAX_SECONDS:  # NaN fails this too
            return value
    elif type(value) is int:
        # Comparing before float() keeps a huge integer from overflowing.
        if 0 <= value <= _MAX_SECONDS:
            return float(value)
    else:
        raise RecordError(f"{what} must be a number of seconds")
    raise RecordError(f"{what} is out of range")


def segment(entry: object) -> SegmentRecord:
    if type(entry) is not dict:
        raise RecordError("a segment must be a JSON object")
    try:
        # One C call for a segment with every key (as this version writes them all) ...
        values = _SEGMENT_VALUES(entry)
    except KeyError:  # ... or one key at a time for an older or hand-made one
        values = (
            entry.get("kind"),
            entry.get("planned_s"),
            entry.get("actual_s"),
            entry.get("round", 0),
            entry.get("speed_kmh"),
        )
    try:
        return _cached_segment(*values)
    except TypeError:  # an unhashable value (a list or an object)
        raise RecordError("a segment's fields are text and numbers") from None


# Loading is mostly segments (about ten per session) and most are alike: a full-length forward
# or backward stretch of one of a few plans. Frozen records can be shared, so each distinct one
# is checked and built once. typed=True keeps 1, 1.0 and True apart, as JSON does.
@functools.lru_cache(maxsize=4096, typed=True)
def _cached_segment(
    name: object, planned: object, actual: object, number: object, speed: object
) -> SegmentRecord:
    kind = KIND_BY_NAME.get(name) if type(name) is str else None
    if kind is None:
        raise RecordError(f"a walked segment's kind is one of {', '.join(KIND_BY_NAME)}")
    return SegmentRecord(
        kind,
        whole(planned, "planned_s", _MAX_SECONDS),
        seconds(actual, "actual_s"),
        whole(number, "a segment's round", _MAX_ROUND),
        optional_number(speed, "a segment's speed_kmh", MAX_SPEED_KMH),
    )


def plan(value: object) -> Plan:
    fields = mapping(value, "a session's plan")
    try:
        values = _PLAN_VALUES(fields)  # every field there, as this version writes a plan
    except KeyError:
        values = tuple(fields.get(name, _MISSING) for name in PLAN_FIELDS)
    try:
        return _cached_plan(*values)
    except TypeError:  # an unhashable value: let from_dict name the bad field
        return Plan.from_dict(fields)


@functools.lru_cache(maxsize=256, typed=True)
def _cached_plan(*values: object) -> Plan:
    # Sessions share a handful of plans, so each is read and validated once.
    present = zip(PLAN_FIELDS, values, strict=True)
    return Plan.from_dict({name: value for name, value in present if value is not _MISSING})


def upgrade_v1(document: dict[str, Any]) -> dict[str, Any]:
    """A version-1 history as version 2: what version 1 did not record is null (or no turn).

    Sessions that are not JSON objects are left as they are, for loading to set aside.
    """
    for session in _objects(document.get("sessions")):
        for key in ("forward_m", "backward_m", "energy_kcal_est"):
            session.setdefault(key, None)
        plan_fields = session.get("plan")
        if isinstance(plan_fields, dict):
            for key, value in OPTIONAL_FIELDS.items():
                if key != "turn_wait":  # written only when set, so version 2 never has it
                    plan_fields.setdefault(key, value)
        for entry in _objects(session.get("segments")):
            entry.setdefault("speed_kmh", None)
    return {**document, "schema_version": 2}


def _objects(value: object) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []
