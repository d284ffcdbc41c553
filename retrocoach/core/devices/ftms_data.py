"""FTMS Treadmill Data (0x2ACD): its bytes read as values, and written, for every flag."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Final

__all__ = [
    "FTMS_SERVICE",
    "TREADMILL_DATA",
    "FtmsDataError",
    "TreadmillData",
    "decode_treadmill_data",
    "encode_treadmill_data",
]

FTMS_SERVICE: Final = 0x1826
"""The Fitness Machine Service."""
TREADMILL_DATA: Final = 0x2ACD


class FtmsDataError(ValueError):
    """Bytes of a Fitness Machine characteristic that do not follow the specification."""


@dataclass(frozen=True, slots=True)
class TreadmillData:
    """One Treadmill Data notification; a field is None when its flag says it is not there.

    Units are the specification's, scaled to plain numbers: km/h, metres, per cent, degrees,
    kcal, bpm, seconds, newtons, watts. Pace is in seconds per kilometre whatever its width.
    """

    speed_kmh: float | None = None
    average_speed_kmh: float | None = None
    total_distance_m: int | None = None
    inclination_pct: float | None = None
    ramp_angle_deg: float | None = None
    positive_elevation_m: float | None = None
    negative_elevation_m: float | None = None
    pace_s_per_km: float | None = None
    average_pace_s_per_km: float | None = None
    total_energy_kcal: int | None = None
    energy_per_hour_kcal: int | None = None
    energy_per_minute_kcal: int | None = None
    heart_rate_bpm: int | None = None
    metabolic_equivalent: float | None = None
    elapsed_s: int | None = None
    remaining_s: int | None = None
    force_on_belt_n: int | None = None
    power_w: int | None = None
    pace_width: int = 1
    """Octets per pace field: 1 (FTMS 1.0: km/min in tenths) or 2 (the GATT Specification
    Supplement's later form: seconds per kilometre)."""


# The flags, bit by bit (FTMS 1.0, section 4.9.1), each with the fields it brings: the
# attribute, the struct code and the scale from the stored integer to the unit.
_Field = tuple[str, str, float]
_LAYOUT: Final[tuple[tuple[int, tuple[_Field, ...]], ...]] = (
    (0, (("speed_kmh", "H", 0.01),)),  # present when bit 0 ("more data") is CLEAR
    (1, (("average_speed_kmh", "H", 0.01),)),
    (2, (("total_distance_m", "U24", 1),)),
    (3, (("inclination_pct", "h", 0.1), ("ramp_angle_deg", "h", 0.1))),
    (4, (("positive_elevation_m", "H", 0.1), ("negative_elevation_m", "H", 0.1))),
    (5, (("pace_s_per_km", "PACE", 1),)),
    (6, (("average_pace_s_per_km", "PACE", 1),)),
    (
        7,
        (
            ("total_energy_kcal", "H", 1),
            ("energy_per_hour_kcal", "H", 1),
            ("energy_per_minute_kcal", "B", 1),
        ),
    ),
    (8, (("heart_rate_bpm", "B", 1),)),
    (9, (("metabolic_equivalent", "B", 0.1),)),
    (10, (("elapsed_s", "H", 1),)),
    (11, (("remaining_s", "H", 1),)),
    (12, (("force_on_belt_n", "h", 1), ("power_w", "h", 1))),
)
_KNOWN_FLAGS: Final = (1 << 13) - 1
_SIZES: Final = {"H": 2, "h": 2, "B": 1, "U24": 3}


def _present(flags: int, bit: int) -> bool:
    return not flags & 1 if bit == 0 else bool(flags >> bit & 1)


def _size(code: str, pace_width: int) -> int:
    return pace_width if code == "PACE" else _SIZES[code]


def _length(flags: int, pace_width: int) -> int:
    return 2 + sum(
        _size(code, pace_width)
        for bit, fields in _LAYOUT
        if _present(flags, bit)
        for _name, code, _scale in fields
    )


def decode_treadmill_data(data: bytes, pace_width: int | None = None) -> TreadmillData:
    """Read a Treadmill Data value; FtmsDataError if its length does not fit its flags.

    With *pace_width* None, the width of the pace fields is the one the length fits: a
    treadmill of either form reads right without being told which it is.
    """
    if len(data) < 2:
        raise FtmsDataError("Treadmill Data is shorter than its flags")
    flags = int.from_bytes(data[:2], "little")
    if flags & ~_KNOWN_FLAGS:
        flags &= _KNOWN_FLAGS  # bits reserved for later versions add no field we could skip
    widths = (1, 2) if pace_width is None else (pace_width,)
    fitting = [width for width in widths if _length(flags, width) == len(data)]
    if not fitting:
        raise FtmsDataError(
            f"Treadmill Data of {len(data)} bytes does not fit its flags 0x{flags:04x}"
        )
    width = fitting[0]
    values: dict[str, float | int] = {}
    at = 2
    for bit, fields in _LAYOUT:
        if not _present(flags, bit):
            continue
        for name, code, scale in fields:
            size = _size(code, width)
            raw = data[at : at + size]
            at += size
            values[name] = _read(code, raw, width, scale)
    return TreadmillData(**values, pace_width=width)  # type: ignore[arg-type]


def _read(code: str, raw: bytes, width: int, scale: float) -> float | int:
    if code == "PACE":
        number = int.from_bytes(raw, "little")
        if width == 2:
            return float(number)
        # km/min in tenths: 0 means standing still, which has no pace worth a number.
        return 0.0 if number == 0 else round(600.0 / number, 1)
    if code == "U24":
        return int.from_bytes(raw, "little")
    value: int = struct.unpack("<" + code, raw)[0]
    return value if scale == 1 else round(value * scale, 2)


def encode_treadmill_data(values: TreadmillData) -> bytes:
    """The bytes of *values*: a flag for every field that is not None."""
    flags = 0
    body = bytearray()
    for bit, fields in _LAYOUT:
        given = [getattr(values, name) for name, _code, _scale in fields]
        if all(value is None for value in given):
            if bit == 0:
                flags |= 1  # "more data": no instantaneous speed in this one
            continue
        if bit != 0:
            flags |= 1 << bit
        for (_name, code, scale), value in zip(fields, given, strict=True):
            body += _write(code, 0 if value is None else value, values.pace_width, scale)
    return flags.to_bytes(2, "little") + bytes(body)


def _write(code: str, value: float, width: int, scale: float) -> bytes:
    if code == "PACE":
        if width == 2:
            return round(value).to_bytes(2, "little")
        return (0 if value <= 0 else round(600.0 / value)).to_bytes(1, "little")
    if code == "U24":
        return round(value).to_bytes(3, "little")
    return struct.pack("<" + code, round(value / scale))
