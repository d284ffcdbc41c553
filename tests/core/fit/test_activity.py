"""Walks exported as FIT activities, read back by Garmin's own SDK and compared with the history."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

import pytest
from fit_walks import Decoded, decode, fit_seconds, walk_record

from retrocoach.core.fit.activity import FitRangeError, encode_walk
from retrocoach.core.fit.walk import walk_of
from retrocoach.core.history.records import SessionRecord

VERSION = "1.4.2"
INTENSITY = {
    "warmup": "warmup",
    "forward": "active",
    "backward": "interval",
    "turn": "rest",
    "cooldown": "cooldown",
}
DIRECTION = {"warmup": "forward", "cooldown": "forward", "turn": "turn"}


def _export(record: SessionRecord) -> Decoded:
    walk = walk_of(record)
    assert walk is not None
    decoded = decode(encode_walk(walk, VERSION))
    assert decoded.is_fit
    assert decoded.integrity, "Garmin's SDK found a bad header or CRC"
    assert decoded.errors == []
    return decoded


def _check_against_history(decoded: Decoded, record: SessionRecord) -> list[dict[Any, Any]]:
    """The laps, times and records agree with *record*; the laps, for more checks."""
    data = record.to_json()
    laps = decoded.all("lap")
    assert len(laps) == len(record.segments)
    gap = (record.ended_at - record.started_at).total_seconds() - sum(
        s.actual_s for s in record.segments
    )
    start = fit_seconds(record.started_at + timedelta(seconds=min(record.plan.getready_s, gap)))
    steps = decoded.all("workout_step")
    at = 0.0
    for lap, segment, entry in zip(laps, record.segments, data["segments"], strict=True):
        kind = segment.kind.value
        assert lap["start_time"] == start + math.floor(at)
        assert lap["total_timer_time"] == pytest.approx(segment.actual_s, abs=0.0005)
        assert lap["intensity"] == INTENSITY[kind]
        assert lap["developer_fields"][0] == DIRECTION.get(kind, kind)
        name = steps[lap["wkt_step_index"]]["wkt_step_name"]
        assert name.lower().startswith(kind[:4]) or (kind == "turn" and name == "Turn-around")
        assert (lap["sport"], lap["sub_sport"]) == ("walking", "treadmill")
        measured = entry.get("measured") or {}
        if measured.get("avg_bpm") is not None:
            assert lap["avg_heart_rate"] == measured["avg_bpm"]
            assert lap["max_heart_rate"] == measured["max_bpm"]
        at += segment.actual_s
    session = decoded.one("session")
    assert session["start_time"] == start
    assert session["total_timer_time"] == pytest.approx(at, abs=0.0005)
    assert session["total_elapsed_time"] >= session["total_timer_time"]
    assert (session["sport"], session["sub_sport"], session["num_laps"]) == (
        "walking",
        "treadmill",
        len(laps),
    )
    if record.energy_kcal_est is None:
        assert "total_calories" not in session
    else:
        assert session["total_calories"] == round(record.energy_kcal_est)
    records = decoded.all("record")
    times = [r["timestamp"] for r in records]
    assert times == sorted(set(times)), "one record a second, in order"
    assert times[0] == start
    assert times[-1] == start + math.ceil(at)
    distances = [r["distance"] for r in records if "distance" in r]
    assert distances == sorted(distances)
    if "total_distance" in session:
        assert distances[-1] == pytest.approx(session["total_distance"], abs=0.011)
    file_id = decoded.one("file_id")
    assert (file_id["type"], file_id["product_name"]) == ("activity", "RetroCoach")
    assert decoded.one("software")["part_number"] == f"RetroCoach {VERSION}"
    assert decoded.one("device_info")["software_version"] == pytest.approx(1.4)
    return laps


def _segments(speeds: bool = True, turn: float = 0.0) -> list[dict[str, Any]]:
    fwd, back = (3.5, 1.5) if speeds else (None, None)
    parts: list[dict[str, Any]] = [{"kind": "warmup", "actual_s": 60.0, "speed_kmh": fwd}]
    for n in (1, 2):
        parts.append({"kind": "forward", "round": n, "actual_s": 120.0, "speed_kmh": fwd})
        if turn:
            parts.append({"kind": "turn", "round": n, "actual_s": turn, "planned_s": 10})
        parts.append({"kind": "backward", "round": n, "actual_s": 60.0, "speed_kmh": back})
        if turn:
            parts.append({"kind": "turn", "round": n + 1, "actual_s": turn, "planned_s": 10})
    parts.append({"kind": "cooldown", "actual_s": 60.0, "speed_kmh": fwd})
    return parts


def test_a_walk_with_belt_speeds_has_a_lap_per_segment_with_its_distance_and_speed() -> None:
    record = walk_record(_segments(), energy_kcal_est=31.6)
    laps = _check_against_history(_export(record), record)
    for lap, segment in zip(laps, record.segments, strict=True):
        assert segment.speed_kmh is not None
        assert lap["avg_speed"] == pytest.approx(segment.speed_kmh / 3.6, abs=0.0005)
        assert lap["total_distance"] == pytest.approx(
            segment.speed_kmh / 3.6 * segment.actual_s, abs=0.005
        )


def test_the_records_carry_the_laps_speed_and_mark_the_backward_seconds() -> None:
    record = walk_record(_segments())
    decoded = _export(record)
    records = decoded.all("record")
    backward = [r for r in records if r["developer_fields"][1] == 1]
    assert {r["speed"] for r in backward} == {round(1.5 / 3.6, 3)}
    assert len(backward) == 2 * 60
    assert {r["speed"] for r in records} == {round(1.5 / 3.6, 3), round(3.5 / 3.6, 3)}


def test_a_walk_without_belt_speeds_is_time_only() -> None:
    record = walk_record(_segments(speeds=False))
    decoded = _export(record)
    laps = _check_against_history(decoded, record)
    assert not any("total_distance" in lap or "avg_speed" in lap for lap in laps)
    assert "total_distance" not in decoded.one("session")
    assert not any("distance" in r or "speed" in r for r in decoded.all("record"))


def test_the_plans_belt_speeds_stand_in_for_segments_without_one() -> None:
    plan = {"forward_speed_kmh": 3.0, "backward_speed_kmh": 1.2}
    record = walk_record(_segments(speeds=False), plan=plan)
    laps = _check_against_history(_export(record), record)
    assert laps[2]["avg_speed"] == pytest.approx(1.2 / 3.6, abs=0.0005)
    assert laps[0]["total_distance"] == pytest.approx(50.0, abs=0.005)


def test_turn_arounds_are_rest_laps_that_add_no_distance() -> None:
    record = walk_record(_segments(turn=8.5))
    decoded = _export(record)
    laps = _check_against_history(decoded, record)
    turns = [lap for lap in laps if lap["developer_fields"][0] == "turn"]
    assert len(turns) == 4
    assert all(lap["intensity"] == "rest" and "total_distance" not in lap for lap in turns)
    known = sum(lap.get("total_distance", 0.0) for lap in laps)
    assert decoded.one("session")["total_distance"] == pytest.approx(known, abs=0.011)


def test_a_walk_stopped_early_ends_with_its_cut_segment() -> None:
    parts = _segments()[:3]
    parts[-1] = {**parts[-1], "actual_s": 17.25, "planned_s": 60}
    record = walk_record(parts, outcome="stopped", pauses_s=42.0)
    decoded = _export(record)
    laps = _check_against_history(decoded, record)
    assert laps[-1]["total_timer_time"] == pytest.approx(17.25)
    assert laps[-1]["lap_trigger"] == "session_end"
    step = decoded.all("workout_step")[laps[-1]["wkt_step_index"]]
    assert step["duration_time"] == 60  # what was planned, beside what was walked
    session = decoded.one("session")
    # The pause is in the elapsed time only: the history does not say when it fell.
    assert session["total_elapsed_time"] == pytest.approx(
        session["total_timer_time"] + 42.0, abs=0.001
    )


def test_skipped_segments_are_laps_of_the_time_they_took_even_none() -> None:
    parts = _segments()
    parts[1] = {**parts[1], "actual_s": 0.0, "planned_s": 120}
    parts[2] = {**parts[2], "actual_s": 3.4, "planned_s": 60}
    record = walk_record(parts, outcome="stopped")
    laps = _check_against_history(_export(record), record)
    assert laps[1]["total_timer_time"] == 0
    assert laps[1].get("total_distance", 0) == 0
    assert laps[2]["total_timer_time"] == pytest.approx(3.4)


def test_a_one_segment_walk_is_one_lap() -> None:
    record = walk_record([{"kind": "backward", "round": 1, "actual_s": 45.0, "speed_kmh": 1.0}])
    laps = _check_against_history(_export(record), record)
    assert [lap["intensity"] for lap in laps] == ["interval"]


def test_measured_treadmill_values_win_over_the_belt_setting() -> None:
    parts = _segments()
    parts[2] = {**parts[2], "measured": {"distance_m": 23.4, "speed_kmh": 1.4}}
    parts[1] = {**parts[1], "measured": {"distance_m": 110.0}}
    record = walk_record(parts)
    laps = _check_against_history(_export(record), record)
    assert laps[2]["total_distance"] == pytest.approx(23.4)
    assert laps[2]["avg_speed"] == pytest.approx(1.4 / 3.6, abs=0.0005)
    assert laps[1]["total_distance"] == pytest.approx(110.0)
    assert laps[1]["avg_speed"] == pytest.approx(110.0 / 120.0, abs=0.0005)


def test_heart_rate_goes_to_the_laps_the_session_and_each_second() -> None:
    parts = _segments()
    parts[2] = {**parts[2], "measured": {"avg_bpm": 104, "max_bpm": 117, "above_ceiling_s": 0}}
    # The strap's trace counts from the walk's start, the get-ready countdown included.
    trace = [[5.0, 88], [10.0, 90], [15.2, 93], [40.0, 97]]
    pulse = {"ceiling_bpm": 130, "avg_bpm": 99, "max_bpm": 117, "above_ceiling_s": 0}
    record = walk_record(parts, heart_rate={**pulse, "trace": trace})
    decoded = _export(record)
    laps = _check_against_history(decoded, record)
    assert (laps[2]["avg_heart_rate"], laps[2]["max_heart_rate"]) == (104, 117)
    session = decoded.one("session")
    assert (session["avg_heart_rate"], session["max_heart_rate"]) == (99, 117)
    start = session["start_time"]
    by_second = {r["timestamp"] - start: r.get("heart_rate") for r in decoded.all("record")}
    # Trace times less the 5 s get-ready: 0, 5, 10.2 and 35 s into the laps; each holds 10 s.
    assert [by_second[s] for s in (0, 4, 5, 10, 11, 20, 21, 35, 45, 46)] == [
        88, 88, 90, 90, 93, 93, None, 97, 97, None,
    ]  # fmt: skip


def test_times_are_utc_whatever_offset_the_walker_had() -> None:
    east = walk_record(_segments(), started_at="2026-06-01T09:00:00+09:00")
    west = walk_record(_segments(), started_at="2026-06-01T00:00:00+00:00")
    assert _export(east).one("session")["start_time"] == _export(west).one("session")["start_time"]
    activity = _export(east).one("activity")
    assert activity["local_timestamp"] - activity["timestamp"] == 9 * 3600


def test_the_same_walk_always_gives_the_same_bytes() -> None:
    record = walk_record(_segments())
    walk = walk_of(record)
    assert walk is not None
    assert encode_walk(walk, VERSION) == encode_walk(walk, VERSION)


def test_a_walk_without_segments_has_nothing_to_export() -> None:
    assert walk_of(walk_record([])) is None


@pytest.mark.parametrize("started_at", ["9999-12-31T20:00:00+00:00", "1990-01-01T10:00:00+00:00"])
def test_a_date_outside_fits_clock_is_refused_by_name(started_at: str) -> None:
    walk = walk_of(walk_record(_segments(), started_at=started_at))
    assert walk is not None
    with pytest.raises(FitRangeError, match="outside what a FIT file can hold"):
        encode_walk(walk, VERSION)


def test_a_walk_near_the_end_of_fits_clock_still_fits() -> None:
    late = datetime(2126, 2, 6, tzinfo=datetime.now().astimezone().tzinfo).replace(hour=0)
    record = walk_record(_segments(), started_at=late.isoformat())
    _check_against_history(_export(record), record)
