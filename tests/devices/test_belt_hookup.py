"""The treadmill's part of a walk's record: what the belt measured, beside the heart rate's."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from retrocoach.core.devices.belt_coach import BeltCoach
from retrocoach.core.devices.ftms_control import Request
from retrocoach.core.devices.ftms_data import TreadmillData
from retrocoach.core.history.records import SessionRecord
from retrocoach.core.plan.model import parse_spec
from retrocoach.core.session.events import SegmentMeasure
from retrocoach.core.session.machine import Session
from retrocoach.devices.belt_hookup import TreadmillHookup


def test_the_belts_distance_and_speed_go_to_each_segment_and_each_direction() -> None:
    sent: list[Request] = []
    clock = iter(float(t) for t in range(1000))
    hookup = TreadmillHookup(BeltCoach(), sent.append, clock=lambda: next(clock))
    session = Session(
        parse_spec("getready=0s warmup=0s forward=2s backward=2s rounds=1 cooldown=0s")
    )
    hookup.on_events(session, session.start(0.0), 0.0)
    distance = 0
    for second in range(1, 5):
        # The belt's counter resets when it stops between the two segments.
        distance = 0 if second == 3 else distance + 1
        hookup.on_data(TreadmillData(speed_kmh=3.6, total_distance_m=distance))
        hookup.on_events(session, session.advance(float(second)), float(second))
    record = SessionRecord.from_session(
        session, started_at=datetime(2026, 12, 7, 4, tzinfo=UTC), now=4.0, outcome="completed"
    )
    heart = SegmentMeasure(avg_bpm=101.0, max_bpm=110.0)
    record = dataclasses.replace(
        record,
        segments=(dataclasses.replace(record.segments[0], measured=heart), *record.segments[1:]),
    )
    kept = hookup.applied_to(record, "F2:7E:AD:31:11:01")
    first, last = kept.segments
    assert first.measured is not None
    # The first report is the counter's starting point: 1 m from there to the switch.
    assert (first.measured.avg_bpm, first.measured.distance_m) == (101.0, 1.0)
    assert last.measured is not None
    assert last.measured.distance_m == 1.0  # counted on after the reset, not lost
    assert kept.measured is not None
    assert kept.measured.forward_speed_kmh == 3.6
    assert kept.devices is not None
    assert kept.devices.treadmill is not None
    assert kept.devices.treadmill.address == "F2:7E:AD:31:11:01"
