"""Keys of a session's JSON this version does not know, found on reading and written back."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final

from retrocoach.core.history import parsing as rf
from retrocoach.core.history.measured import V3_SEGMENT_KEYS, V3_SESSION_KEYS
from retrocoach.core.history.parsing import RecordError

__all__ = ["KNOWN_SESSION_KEYS", "restore_unknown", "unknown_keys"]

_SESSION_KEYS: Final = frozenset(
    ("id", "started_at", "ended_at", "outcome", "plan", "segments", "forward_s", "backward_s")
)
"""The keys every session has; _OPTIONAL_KEYS are the only others this version knows."""
_ESTIMATE_KEYS: Final = ("forward_m", "backward_m", "energy_kcal_est")
_OPTIONAL_KEYS: Final = ("notes", "effort", "programme", *_ESTIMATE_KEYS, *V3_SESSION_KEYS)
KNOWN_SESSION_KEYS: Final = _SESSION_KEYS | frozenset(_OPTIONAL_KEYS)
_SEGMENT_KEYS: Final = frozenset(
    ("kind", "round", "planned_s", "actual_s", "speed_kmh", *V3_SEGMENT_KEYS)
)


def unknown_keys(fields: Mapping[str, Any], segments: list[Any]) -> dict[str, Any] | None:
    """The keys of a valid session's JSON that this version does not know, or None.

    Quick for the usual record, which has none: a set comparison for the session, its plan
    and each of its segments.
    """
    found: dict[str, Any] = {}
    if not fields.keys() <= KNOWN_SESSION_KEYS:
        found.update(
            (key, value)
            for key, value in fields.items()
            if key not in _SESSION_KEYS and key not in _OPTIONAL_KEYS
        )
    plan = fields["plan"]
    if not plan.keys() <= rf.PLAN_FIELD_SET:
        found["plan"] = {key: value for key, value in plan.items() if key not in rf.PLAN_FIELDS}
    if not all(map(_SEGMENT_KEYS.issuperset, segments)):  # one C call for the usual record
        found["segments"] = {
            index: {key: value for key, value in entry.items() if key not in _SEGMENT_KEYS}
            for index, entry in enumerate(segments)
            if not _SEGMENT_KEYS.issuperset(entry)
        }
    if not found:
        return None
    try:  # what cannot be written back would make every later save fail
        json.dumps(found, allow_nan=False)
    except ValueError:
        raise RecordError("a key this version does not know holds a number out of range") from None
    return found


def restore_unknown(data: dict[str, Any], unknown: Mapping[str, Any]) -> None:
    """Put the keys from_json() kept back where they were found (see SessionRecord.unknown)."""
    for key, value in unknown.items():
        if key == "plan":
            data["plan"].update(value)
        elif key == "segments":
            for index, keys in value.items():
                data["segments"][index].update(keys)
        else:
            data[key] = value
