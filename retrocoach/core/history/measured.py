"""History schema 3: what devices measured (belt, heart rate) and how a walk ended, in JSON."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from retrocoach.core.history import parsing as rf
from retrocoach.core.history.parsing import RecordError
from retrocoach.core.session.events import SegmentMeasure, SegmentRecord

__all__ = [
    "V3_SEGMENT_KEYS",
    "V3_SESSION_KEYS",
    "BeltTotals",
    "BpmFigures",
    "DeviceRef",
    "Devices",
    "HeartRate",
    "segment_extras",
    "segment_extras_json",
    "upgrade_v2",
]

V3_SESSION_KEYS: Final = ("devices", "measured", "heart_rate", "stopped_unwell")
V3_SEGMENT_KEYS: Final = ("waited", "measured")
_MAX_DISTANCE_M: Final = 1e6
_MAX_BPM: Final = 300.0
_MAX_TRACE: Final = 100_000
_MAX_SECONDS: Final = 7 * 24 * 3600.0
_MAX_NAME: Final = 248  # a Bluetooth device name is at most 248 bytes


def _number(fields: Mapping[str, Any], key: str, high: float, where: str) -> float | None:
    return rf.optional_number(fields.get(key), f"{where} {key}", high)


def _drop_none(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value is not None}


@dataclass(frozen=True, slots=True)
class DeviceRef:
    """A Bluetooth device a walk used: its advertised name (None: none given) and address."""

    address: str
    name: str | None = None

    @classmethod
    def from_json(cls, value: object, what: str) -> DeviceRef | None:
        if value is None:
            return None
        fields = rf.mapping(value, what)
        address, name = fields.get("address"), fields.get("name")
        if not isinstance(address, str) or not 0 < len(address) <= 64:
            raise RecordError(f"{what}'s address must be text of 1 to 64 characters")
        if name is not None and (not isinstance(name, str) or len(name) > _MAX_NAME):
            raise RecordError(f"{what}'s name must be null or text of at most {_MAX_NAME}")
        return cls(address, name)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "address": self.address}


@dataclass(frozen=True, slots=True)
class Devices:
    """The devices connected during a walk."""

    treadmill: DeviceRef | None = None
    hr_strap: DeviceRef | None = None

    @classmethod
    def from_json(cls, value: object) -> Devices:
        fields = rf.mapping(value, "a session's devices")
        return cls(
            DeviceRef.from_json(fields.get("treadmill"), "the treadmill"),
            DeviceRef.from_json(fields.get("hr_strap"), "the heart-rate strap"),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "treadmill": None if self.treadmill is None else self.treadmill.to_json(),
            "hr_strap": None if self.hr_strap is None else self.hr_strap.to_json(),
        }


@dataclass(frozen=True, slots=True)
class BeltTotals:
    """What the treadmill measured over a walk, per direction (None: not measured)."""

    forward_m: float | None = None
    backward_m: float | None = None
    forward_speed_kmh: float | None = None
    """Average belt speed over the forward walking (warm-up and cool-down included)."""
    backward_speed_kmh: float | None = None

    @classmethod
    def from_json(cls, value: object) -> BeltTotals:
        fields = rf.mapping(value, "a session's measured")
        where = "measured"
        return cls(
            _number(fields, "forward_m", _MAX_DISTANCE_M, where),
            _number(fields, "backward_m", _MAX_DISTANCE_M, where),
            _number(fields, "forward_speed_kmh", rf.MAX_SPEED_KMH, where),
            _number(fields, "backward_speed_kmh", rf.MAX_SPEED_KMH, where),
        )

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True, slots=True)
class BpmFigures:
    """Average and highest heart rate over part of a walk."""

    avg_bpm: float | None = None
    max_bpm: float | None = None

    @classmethod
    def from_json(cls, value: object, what: str) -> BpmFigures | None:
        if value is None:
            return None
        fields = rf.mapping(value, what)
        return cls(
            _number(fields, "avg_bpm", _MAX_BPM, what), _number(fields, "max_bpm", _MAX_BPM, what)
        )

    def to_json(self) -> dict[str, Any]:
        return {"avg_bpm": self.avg_bpm, "max_bpm": self.max_bpm}


@dataclass(frozen=True, slots=True)
class HeartRate:
    """What the heart-rate strap measured over a walk."""

    ceiling_bpm: float | None = None
    """The walker's ceiling (the hr-ceiling setting) during the walk."""
    avg_bpm: float | None = None
    max_bpm: float | None = None
    above_ceiling_s: float | None = None
    forward: BpmFigures | None = None
    backward: BpmFigures | None = None
    trace: tuple[tuple[float, float], ...] = ()
    """(seconds since the start, bpm) pairs."""

    @classmethod
    def from_json(cls, value: object) -> HeartRate:
        fields = rf.mapping(value, "a session's heart_rate")
        where = "heart_rate"
        return cls(
            _number(fields, "ceiling_bpm", _MAX_BPM, where),
            _number(fields, "avg_bpm", _MAX_BPM, where),
            _number(fields, "max_bpm", _MAX_BPM, where),
            _number(fields, "above_ceiling_s", _MAX_SECONDS, where),
            BpmFigures.from_json(fields.get("forward"), "heart_rate forward"),
            BpmFigures.from_json(fields.get("backward"), "heart_rate backward"),
            _trace(fields.get("trace")),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "ceiling_bpm": self.ceiling_bpm,
            "avg_bpm": self.avg_bpm,
            "max_bpm": self.max_bpm,
            "above_ceiling_s": self.above_ceiling_s,
            "forward": None if self.forward is None else self.forward.to_json(),
            "backward": None if self.backward is None else self.backward.to_json(),
            "trace": [[t, bpm] for t, bpm in self.trace],
        }


def _trace(value: object) -> tuple[tuple[float, float], ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or len(value) > _MAX_TRACE:
        raise RecordError(f"heart_rate trace must be a list of at most {_MAX_TRACE} pairs")
    pairs = []
    for pair in value:
        if not isinstance(pair, list) or len(pair) != 2:
            raise RecordError("each heart_rate trace entry is a pair [seconds, bpm]")
        t = rf.optional_number(pair[0], "a trace time", _MAX_SECONDS)
        bpm = rf.optional_number(pair[1], "a trace bpm", _MAX_BPM)
        if t is None or bpm is None:
            raise RecordError("each heart_rate trace entry is a pair of numbers")
        pairs.append((pair[0], pair[1]))  # kept as written: 60 stays 60, not 60.0
    return tuple(pairs)


def segment_extras(entry: Mapping[str, Any], record: SegmentRecord) -> SegmentRecord:
    """*record* with the version-3 keys of its JSON *entry* (waited, measured) read in."""
    waited = entry.get("waited", False)
    if waited is None:
        waited = False
    if not isinstance(waited, bool):
        raise RecordError("a segment's waited must be true or false")
    value = entry.get("measured")
    measured = None
    if value is not None:
        fields = rf.mapping(value, "a segment's measured")
        where = "a segment's measured"
        measured = SegmentMeasure(
            _number(fields, "distance_m", _MAX_DISTANCE_M, where),
            _number(fields, "speed_kmh", rf.MAX_SPEED_KMH, where),
            _number(fields, "avg_bpm", _MAX_BPM, where),
            _number(fields, "max_bpm", _MAX_BPM, where),
            _number(fields, "above_ceiling_s", _MAX_SECONDS, where),
        )
    if not waited and measured is None:
        return record
    return dataclasses.replace(record, waited=waited, measured=measured)


def segment_extras_json(record: SegmentRecord, data: dict[str, Any]) -> None:
    """Add *record*'s version-3 keys to its JSON *data*, only those that have a value."""
    if record.waited:
        data["waited"] = True
    if record.measured is not None:
        data["measured"] = dataclasses.asdict(record.measured)


def session_extras_json(
    data: dict[str, Any],
    devices: Devices | None,
    measured: BeltTotals | None,
    heart_rate: HeartRate | None,
    stopped_unwell: bool,
) -> None:
    """Add a session's version-3 keys to its JSON *data*, only those that have a value."""
    extras = {
        "devices": None if devices is None else devices.to_json(),
        "measured": None if measured is None else measured.to_json(),
        "heart_rate": None if heart_rate is None else heart_rate.to_json(),
        "stopped_unwell": True if stopped_unwell else None,
    }
    data.update(_drop_none(extras))


def session_extras(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The version-3 keys of a session's JSON *fields*, as SessionRecord keywords."""
    devices, measured = fields.get("devices"), fields.get("measured")
    heart_rate, unwell = fields.get("heart_rate"), fields.get("stopped_unwell", False)
    if unwell is None:
        unwell = False
    if not isinstance(unwell, bool):
        raise RecordError("stopped_unwell must be true or false")
    return {
        "devices": None if devices is None else Devices.from_json(devices),
        "measured": None if measured is None else BeltTotals.from_json(measured),
        "heart_rate": None if heart_rate is None else HeartRate.from_json(heart_rate),
        "stopped_unwell": unwell,
    }


def upgrade_v2(document: dict[str, Any]) -> dict[str, Any]:
    """A version-2 history as version 3: every version-3 key is optional, so none is added.

    Nothing was measured by a device before version 3, and no walk waited at a turn or was
    ended for feeling unwell, so leaving the keys out says exactly that.
    """
    return {**document, "schema_version": 3}
