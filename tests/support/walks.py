"""Walks for a test's history: a completed walk of a minute each way, started when asked."""

from __future__ import annotations

from datetime import datetime, timedelta

from retrocoach.core.history.records import Outcome, SessionRecord
from retrocoach.core.plan.model import Kind, Plan
from retrocoach.core.session.machine import SegmentRecord

__all__ = ["minute_each_way"]


def minute_each_way(walk_id: str, start: datetime) -> SessionRecord:
    """A completed walk begun at *start*: a minute forward, then a minute backward."""
    return SessionRecord(
        id=walk_id,
        started_at=start,
        ended_at=start + timedelta(minutes=2),
        outcome=Outcome.COMPLETED,
        plan=Plan(forward_s=60, backward_s=60, rounds=1, warmup_s=0, cooldown_s=0),
        segments=(
            SegmentRecord(Kind.FORWARD, 60, 60.0, 1),
            SegmentRecord(Kind.BACKWARD, 60, 60.0, 1),
        ),
        forward_s=60.0,
        backward_s=60.0,
    )
