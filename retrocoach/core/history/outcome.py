"""How a session's outcome is decided: finishing by skipping is not the same as walking it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from retrocoach.core.history.records import Outcome
from retrocoach.core.plan.model import Kind
from retrocoach.core.session.machine import SegmentRecord

__all__ = ["COMPLETED_SHARE", "outcome_of", "segment_done"]

COMPLETED_SHARE: Final = 0.5
"""The part of its planned length a segment must run to count as done, not skipped."""


def segment_done(record: SegmentRecord) -> bool:
    """Whether the segment ran at least COMPLETED_SHARE of its planned length.

    A turn-around always counts as done: ending it early with N, once turned, is its use.
    """
    if record.kind is Kind.TURN:
        return True
    # A millisecond of slack: the history keeps actual_s rounded to the millisecond.
    return record.actual_s + 0.001 >= record.planned_s * COMPLETED_SHARE


def outcome_of(reached_end: bool, segments: Sequence[SegmentRecord]) -> Outcome:
    """``completed`` only when the plan was followed to its end and every segment was done.

    A session that reached its end because segments were skipped (run for less than half their
    planned length) is ``stopped``: the history must not count it as the plan walked. So is
    one with nothing walked at all.
    """
    if reached_end and segments and all(segment_done(record) for record in segments):
        return Outcome.COMPLETED
    return Outcome.STOPPED
