"""One walk as a FIT activity file: sport walking on a treadmill, a lap per segment."""

from __future__ import annotations

import hashlib
import math
import re
import uuid
from collections.abc import Iterator
from datetime import timedelta
from typing import Final

from retrocoach.core.fit import profile as p
from retrocoach.core.fit.encoder import FIT_EPOCH, FitWriter, fit_time
from retrocoach.core.fit.walk import Lap, Walk
from retrocoach.core.segments import Kind

__all__ = ["APPLICATION_ID", "FitRangeError", "encode_walk", "fits_in_fit"]

APPLICATION_ID: Final = uuid.UUID("5f1c7a52-3b0e-4d8e-9a41-72657472f0c0")
"""RetroCoach's developer-data id: the same in every file, so services can tell its fields."""
PRODUCT_NAME: Final = "RetroCoach"
INTENSITY: Final = {
    Kind.WARMUP: p.INTENSITY_WARMUP,
    Kind.FORWARD: p.INTENSITY_ACTIVE,
    Kind.BACKWARD: p.INTENSITY_INTERVAL,
    Kind.TURN: p.INTENSITY_REST,
    Kind.COOLDOWN: p.INTENSITY_COOLDOWN,
}
"""Lap intensity by segment: backward stretches are FIT's "interval", forward ones "active"."""
_EARLIEST: Final = FIT_EPOCH + timedelta(seconds=0x10000000)
"""FIT reads smaller date_time values as seconds since the device was switched on."""
_LATEST: Final = FIT_EPOCH + timedelta(seconds=0xFFFFFFFE)
"""The last second FIT's 32-bit clock holds (in February 2126)."""


class FitRangeError(ValueError):
    """A walk that FIT cannot hold (its time outside FIT's clock); the message says why."""


def fits_in_fit(walk: Walk) -> bool:
    """Whether the walk's whole time lies within what FIT's clock can hold."""
    # Compared without adding to the walk's times: a year-9999 walk has no room after it.
    room = (_LATEST - walk.start).total_seconds()
    return walk.start >= _EARLIEST and walk.ended_at <= _LATEST and walk.elapsed_s + 2 <= room


def _version(text: str) -> float:
    """ "1.12.3" as FIT's software version, 1.12; "0.1.0" as 0.1 (FIT keeps hundredths)."""
    numbers = [int(part) for part in re.findall(r"\d+", text)[:2]] + [0, 0]
    return min(float(f"{min(numbers[0], 600)}.{min(numbers[1], 99)}"), 600.0)


def _serial(record_id: str) -> int:
    """A stable serial number per walk, never 0 (FIT's "none"): services dedupe by it."""
    digest = hashlib.sha256(record_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "little") or 1


def encode_walk(walk: Walk, version: str) -> bytes:
    """The FIT file of *walk*, written by RetroCoach *version*; FitRangeError if out of range."""
    if not fits_in_fit(walk):
        raise FitRangeError(
            "its date lies outside what a FIT file can hold (from mid-1998 to early 2126)"
        )
    out = FitWriter()
    start = fit_time(walk.start)
    end = start + math.ceil(walk.elapsed_s)
    serial = _serial(walk.record_id)
    software = _version(version)
    out.write(
        p.FILE_ID,
        {
            "type": p.FILE_ACTIVITY,
            "manufacturer": p.MANUFACTURER_DEVELOPMENT,
            "product": p.PRODUCT,
            "serial_number": serial,
            # The walk's end, not the export's time: exporting again gives the same file.
            "time_created": end,
            "product_name": PRODUCT_NAME,
        },
    )
    out.write(p.FILE_CREATOR, {"software_version": round(software * 100)})
    _write_developer_fields(out, software)
    out.write(
        p.DEVICE_INFO,
        {
            "timestamp": start,
            "device_index": 0,  # the creator
            "manufacturer": p.MANUFACTURER_DEVELOPMENT,
            "serial_number": serial,
            "product": p.PRODUCT,
            "software_version": software,
            "product_name": PRODUCT_NAME,
        },
    )
    part = f"{PRODUCT_NAME} {version}"
    out.write(p.SOFTWARE, {"message_index": 0, "version": software, "part_number": part})
    _write_workout(out, walk)
    timer = {"event": p.EVENT_TIMER, "event_group": 0}
    out.write(p.EVENT, {**timer, "timestamp": start, "event_type": p.EVENT_TYPE_START})
    for index, lap in enumerate(walk.laps):
        out.write_all(p.RECORD, _records(walk, lap, start, last=index == len(walk.laps) - 1))
        out.write(p.LAP, _lap(lap, index, start, last=index == len(walk.laps) - 1))
    stop = start + math.ceil(walk.timer_s)
    out.write(p.EVENT, {**timer, "timestamp": stop, "event_type": p.EVENT_TYPE_STOP_ALL})
    out.write(p.SESSION, _session(walk, start, end))
    offset = walk.start.utcoffset() or timedelta(0)
    out.write(
        p.ACTIVITY,
        {
            "timestamp": end,
            "total_timer_time": walk.timer_s,
            "num_sessions": 1,
            "type": p.ACTIVITY_MANUAL,
            "event": p.EVENT_ACTIVITY,
            "event_type": p.EVENT_TYPE_STOP,
            # The walker's wall clock at the end, as FIT's local_date_time (UTC plus offset).
            "local_timestamp": end + int(offset.total_seconds()),
        },
    )
    return out.bytes()


def _write_developer_fields(out: FitWriter, software: float) -> None:
    out.write(
        p.DEVELOPER_DATA_ID,
        {
            "application_id": APPLICATION_ID.bytes,
            "manufacturer_id": p.MANUFACTURER_DEVELOPMENT,
            "developer_data_index": 0,
            "application_version": round(software * 100),
        },
    )
    for field, message in p.DEVELOPER_FIELDS:
        out.write(
            p.FIELD_DESCRIPTION,
            {
                "developer_data_index": 0,
                "field_definition_number": field.number,
                "fit_base_type_id": field.base.id,
                "field_name": field.name,
                "units": field.units or None,
                "native_mesg_num": message,
            },
        )


def _write_workout(out: FitWriter, walk: Walk) -> None:
    """The plan as a workout of one step per lap: the step names are the laps' names."""
    out.write(
        p.WORKOUT,
        {
            "sport": p.SPORT_WALKING,
            "num_valid_steps": len(walk.laps),
            "wkt_name": walk.plan_name,
            "sub_sport": p.SUB_SPORT_TREADMILL,
        },
    )
    for index, lap in enumerate(walk.laps):
        out.write(
            p.WORKOUT_STEP,
            {
                "message_index": index,
                "wkt_step_name": lap.name,
                "duration_type": p.DURATION_TIME,
                "duration_value": lap.planned_s * 1000,
                "target_type": p.TARGET_OPEN,
                "intensity": INTENSITY[lap.kind],
            },
        )


def _records(walk: Walk, lap: Lap, start: int, *, last: bool) -> Iterator[dict[str, object]]:
    """One record a second from the lap's start (and one at the walk's very end)."""
    first = math.ceil(lap.start_s)
    stop = math.ceil(lap.end_s) if last else math.ceil(lap.end_s) - 1
    if lap.end_s == lap.start_s:
        return  # a skipped segment took no time: no second of its own
    before = sum(earlier.distance_m or 0.0 for earlier in walk.laps if earlier.end_s <= lap.start_s)
    walked = any(other.distance_m is not None for other in walk.laps)
    for second in range(first, stop + 1):
        into = min(second, lap.end_s) - lap.start_s
        share = into / lap.seconds if lap.seconds else 1.0
        distance = before + (lap.distance_m or 0.0) * share
        yield {
            "timestamp": start + second,
            "heart_rate": walk.pulse_at(second),
            "distance": distance if walked else None,
            "speed": lap.speed_ms,
            "walking_backward": int(lap.kind is Kind.BACKWARD),
        }


def _lap(lap: Lap, index: int, start: int, *, last: bool) -> dict[str, object]:
    return {
        "message_index": index,
        "timestamp": start + math.ceil(lap.end_s),
        "event": p.EVENT_LAP,
        "event_type": p.EVENT_TYPE_STOP,
        "start_time": start + math.floor(lap.start_s),
        "total_elapsed_time": lap.seconds,
        "total_timer_time": lap.seconds,
        "total_distance": lap.distance_m,
        "avg_speed": lap.speed_ms,
        "max_speed": lap.speed_ms,
        "avg_heart_rate": lap.avg_bpm,
        "max_heart_rate": lap.max_bpm,
        "intensity": INTENSITY[lap.kind],
        "lap_trigger": p.LAP_TRIGGER_SESSION_END if last else p.LAP_TRIGGER_TIME,
        "sport": p.SPORT_WALKING,
        "sub_sport": p.SUB_SPORT_TREADMILL,
        "wkt_step_index": index,
        "direction": lap.direction,
    }


def _session(walk: Walk, start: int, end: int) -> dict[str, object]:
    distance = walk.distance_m
    speeds = [lap.speed_ms for lap in walk.laps if lap.speed_ms is not None and lap.seconds > 0]
    return {
        "message_index": 0,
        "timestamp": end,
        "event": p.EVENT_SESSION,
        "event_type": p.EVENT_TYPE_STOP,
        "start_time": start,
        "sport": p.SPORT_WALKING,
        "sub_sport": p.SUB_SPORT_TREADMILL,
        "total_elapsed_time": walk.elapsed_s,
        "total_timer_time": walk.timer_s,
        "total_distance": distance,
        "total_calories": None if walk.energy_kcal is None else round(walk.energy_kcal),
        "avg_speed": distance / walk.timer_s if distance is not None and walk.timer_s else None,
        "max_speed": max(speeds, default=None),
        "avg_heart_rate": walk.avg_bpm,
        "max_heart_rate": walk.max_bpm,
        "first_lap_index": 0,
        "num_laps": len(walk.laps),
        "trigger": p.SESSION_TRIGGER_ACTIVITY_END,
        "sport_profile_name": "Treadmill walk",
    }
