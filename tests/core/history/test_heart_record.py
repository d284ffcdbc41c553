"""A walk's heart rate reaches its history record: per segment, per direction, above the ceiling."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime
from pathlib import Path

from retrocoach.core.devices.heart_rate import Contact, HeartRateMeasurement
from retrocoach.core.devices.hr_watch import HeartRateWatch
from retrocoach.core.history.heart import heart_rate_of, heart_words, with_heart_rate
from retrocoach.core.history.measured import BpmFigures, DeviceRef, Devices, HeartRate
from retrocoach.core.history.records import SessionRecord
from retrocoach.core.history.store import HistoryStore
from retrocoach.core.plan.model import Kind, Plan
from retrocoach.core.session.events import SegmentMeasure
from retrocoach.core.session.machine import Session

START = datetime(2026, 12, 7, 4, tzinfo=UTC)
STRAP = DeviceRef("C0:FF:EE:00:00:01", "RetroCoach demo strap")


def walk(values: dict[Kind, int], ceiling: int | None = 120) -> tuple[Session, HeartRateWatch]:
    """Walk a small plan to its end, one value a second, *values* by segment kind."""
    plan = Plan(
        forward_s=20, backward_s=20, rounds=1, warmup_s=10, cooldown_s=10, getready_s=3, name="t"
    )
    session = Session(plan)
    watch = HeartRateWatch(ceiling, started_at=0.0)
    watch.on_events(session.start(0.0))
    now = 0.0
    while not session.is_over:
        now += 1.0
        watch.on_events(session.advance(now))
        if not session.is_over:
            kind = session.segment.kind
            bpm = values.get(kind, 0)  # 0: the strap lost the skin (not usable)
            watch.measured(now, HeartRateMeasurement(bpm, Contact.DETECTED))
    return session, watch


def record_of(session: Session) -> SessionRecord:
    return SessionRecord.from_session(session, started_at=START, now=70.0, outcome="completed")


def test_each_segment_and_direction_gets_its_average_maximum_and_time_above() -> None:
    session, watch = walk({Kind.WARMUP: 90, Kind.FORWARD: 100, Kind.BACKWARD: 125})
    record = with_heart_rate(record_of(session), watch, STRAP)
    by_kind = {segment.kind: segment.measured for segment in record.segments}
    assert [segment.kind for segment in record.segments] == [
        Kind.WARMUP,
        Kind.FORWARD,
        Kind.BACKWARD,
        Kind.COOLDOWN,
    ]
    assert by_kind[Kind.WARMUP] == SegmentMeasure(avg_bpm=90, max_bpm=90, above_ceiling_s=0.0)
    backward = by_kind[Kind.BACKWARD]
    assert backward is not None
    assert (backward.avg_bpm, backward.max_bpm) == (125, 125)
    assert 18.0 <= (backward.above_ceiling_s or 0) <= 20.0
    assert by_kind[Kind.COOLDOWN] is None  # no usable value: no heart figures at all
    heart = record.heart_rate
    assert heart is not None
    assert heart.ceiling_bpm == 120
    assert heart.max_bpm == 125
    assert heart.forward is not None
    assert heart.forward.max_bpm == 100
    assert heart.backward is not None
    assert heart.backward.avg_bpm == 125
    assert heart.above_ceiling_s == backward.above_ceiling_s
    assert heart.trace[0][1] == 90
    assert all(b[0] - a[0] >= 5.0 for a, b in zip(heart.trace, heart.trace[1:], strict=False))
    assert record.devices == Devices(None, STRAP)


def test_the_treadmills_figures_of_a_segment_stay_beside_the_heart_rate() -> None:
    session, watch = walk({Kind.WARMUP: 90, Kind.FORWARD: 100, Kind.BACKWARD: 110})
    record = record_of(session)
    belt = SegmentMeasure(distance_m=55.5, speed_kmh=2.0)
    segments = (dataclasses.replace(record.segments[0], measured=belt), *record.segments[1:])
    treadmill = DeviceRef("F0:11:22:33:44:55", "belt")
    record = dataclasses.replace(record, segments=segments, devices=Devices(treadmill, None))
    measured = with_heart_rate(record, watch, STRAP)
    assert measured.segments[0].measured == SegmentMeasure(55.5, 2.0, 90, 90, 0.0)
    assert measured.devices == Devices(treadmill, STRAP)


def test_without_a_ceiling_time_above_is_unknown_not_zero() -> None:
    session, watch = walk({Kind.WARMUP: 90, Kind.BACKWARD: 150}, ceiling=None)
    record = with_heart_rate(record_of(session), watch, STRAP)
    assert record.heart_rate is not None
    assert record.heart_rate.above_ceiling_s is None
    assert record.heart_rate.ceiling_bpm is None
    assert all(s.measured is None or s.measured.above_ceiling_s is None for s in record.segments)


def test_a_strap_that_never_gave_a_usable_value_leaves_no_heart_rate() -> None:
    session, watch = walk({})
    assert heart_rate_of(watch) is None
    record = with_heart_rate(record_of(session), watch, STRAP)
    assert record.heart_rate is None
    assert all(segment.measured is None for segment in record.segments)


def test_the_figures_are_saved_schema_valid_and_read_back(tmp_path: Path) -> None:
    session, watch = walk({Kind.WARMUP: 95, Kind.FORWARD: 105, Kind.BACKWARD: 131})
    record = with_heart_rate(record_of(session), watch, STRAP)
    HistoryStore(tmp_path, warn=print).add(record)
    (back,) = HistoryStore(tmp_path, warn=print).sessions()
    assert back == record
    saved = json.loads((tmp_path / "history.json").read_text())["sessions"][0]
    assert saved["heart_rate"]["backward"] == {"avg_bpm": 131, "max_bpm": 131}
    assert saved["devices"]["hr_strap"] == {"name": STRAP.name, "address": STRAP.address}


def test_the_check_in_line_gives_average_highest_and_time_above() -> None:
    heart = HeartRate(120, 104, 131, 75.0, BpmFigures(98, 112), BpmFigures(110, 131), ())
    assert heart_words(heart) == (
        "Heart rate: average 104, highest 131 (backward: average 110); "
        "1:15 above your ceiling of 120."
    )
    # Time above is a time spent: to the nearest second, as walked time is, not rounded up.
    for above, said in ((75.4, "1:15"), (74.5, "1:15"), (0.4, None), (0.5, "0:01")):
        odd = HeartRate(120, 104, 131, above, None, None, ())
        words = heart_words(odd)
        assert words is not None
        assert (said or "never") in words, words
    calm = HeartRate(120, 95, 110, 0.0, None, None, ())
    assert (
        heart_words(calm) == "Heart rate: average 95, highest 110; never above your ceiling of 120."
    )
    assert heart_words(None) is None
    assert heart_words(HeartRate(None, 90, 99)) == "Heart rate: average 90, highest 99."
