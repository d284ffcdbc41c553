"""One walk found twice (in the history and in a journal): which holds more, and what is kept."""

from __future__ import annotations

import dataclasses
from enum import StrEnum

from retrocoach.core.history.records import Outcome, SessionRecord

__all__ = ["Kept", "covers", "keep_in"]

_SLACK_S = 0.001
"""The history keeps seconds rounded to the millisecond."""


class Kept(StrEnum):
    """What keeping a record in the history did."""

    ADDED = "added"
    REPLACED = "replaced"
    """The history held less of the same walk (say, an early copy recovered as interrupted)."""
    HELD = "held"
    """The history already held everything the record holds: nothing changed."""


def covers(existing: SessionRecord, record: SessionRecord) -> bool:
    """Whether *existing* holds everything *record* (the same walk) holds.

    As many segments, as much walking, and the real outcome if *record* knows it: an
    'interrupted' journal says only that its walk stopped being journalled.
    """
    return (
        len(existing.segments) >= len(record.segments)
        and existing.walking_s + _SLACK_S >= record.walking_s
        and (record.outcome is Outcome.INTERRUPTED or existing.outcome is record.outcome)
    )


def keep_in(records: list[SessionRecord], record: SessionRecord) -> Kept:
    """Add *record* to *records*, or let it replace a record of the same walk holding less.

    What the walker added to the earlier record since (notes, effort, keys this version does
    not know) stays when *record* has none of its own.
    """
    for index, existing in enumerate(records):
        if existing.id != record.id:
            continue
        if covers(existing, record):
            return Kept.HELD
        records[index] = dataclasses.replace(
            record,
            notes=existing.notes if record.notes is None else record.notes,
            effort=existing.effort if record.effort is None else record.effort,
            unknown=record.unknown or existing.unknown,
        )
        return Kept.REPLACED
    records.append(record)
    return Kept.ADDED
