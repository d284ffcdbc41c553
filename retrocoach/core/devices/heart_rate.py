"""The Heart Rate Measurement characteristic (0x2A37): its bytes read as values, and written."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

__all__ = [
    "PLAUSIBLE_BPM",
    "Contact",
    "HeartRateDataError",
    "HeartRateMeasurement",
    "decode_heart_rate",
    "encode_heart_rate",
]

# The flags byte of the Heart Rate Service specification (1.0), bit by bit.
_UINT16_VALUE: Final = 0x01
_CONTACT_DETECTED: Final = 0x02
_CONTACT_SUPPORTED: Final = 0x04
_ENERGY_PRESENT: Final = 0x08
_RR_PRESENT: Final = 0x10

_RR_UNIT_S: Final = 1 / 1024
"""RR-intervals are counted in 1/1024 s."""

PLAUSIBLE_BPM: Final = range(25, 251)
"""Heart rates a walker can have; a strap that says 0 or 255 has lost the skin, not the heart."""


class HeartRateDataError(ValueError):
    """A Heart Rate Measurement whose bytes do not follow the specification."""


class Contact(StrEnum):
    """What the strap says about its contact with the skin."""

    UNKNOWN = "unknown"
    """The strap does not report contact."""
    LOST = "lost"
    DETECTED = "detected"


@dataclass(frozen=True, slots=True)
class HeartRateMeasurement:
    """One notification of a heart-rate strap."""

    bpm: int
    contact: Contact = Contact.UNKNOWN
    energy_kj: int | None = None
    """Energy expended since the strap's counter was last reset, when it reports it."""
    rr_s: tuple[float, ...] = ()
    """The intervals between beats since the last notification, in seconds."""

    @property
    def usable(self) -> bool:
        """Whether the value can be trusted: skin contact not lost and a plausible rate."""
        return self.contact is not Contact.LOST and self.bpm in PLAUSIBLE_BPM


def decode_heart_rate(data: bytes) -> HeartRateMeasurement:
    """Read one Heart Rate Measurement; raise HeartRateDataError naming what is wrong."""
    if not data:
        raise HeartRateDataError("the heart-rate measurement is empty")
    flags = data[0]
    offset = 1
    value_format = "<H" if flags & _UINT16_VALUE else "<B"
    bpm, offset = _take(data, offset, value_format, "the heart rate")
    if flags & _CONTACT_SUPPORTED:
        contact = Contact.DETECTED if flags & _CONTACT_DETECTED else Contact.LOST
    else:
        contact = Contact.UNKNOWN
    energy: int | None = None
    if flags & _ENERGY_PRESENT:
        energy, offset = _take(data, offset, "<H", "the energy expended")
    intervals: list[float] = []
    if flags & _RR_PRESENT:
        rest = data[offset:]
        if len(rest) % 2:
            raise HeartRateDataError("the RR-intervals end in half a value")
        intervals = [value * _RR_UNIT_S for (value,) in struct.iter_unpack("<H", rest)]
    elif len(data) > offset:
        raise HeartRateDataError(
            f"{len(data) - offset} byte(s) follow the last field the flags name"
        )
    return HeartRateMeasurement(bpm, contact, energy, tuple(intervals))


def encode_heart_rate(measurement: HeartRateMeasurement) -> bytes:
    """The bytes a strap sends for *measurement* (the simulated strap and the tests use it)."""
    flags = 0
    body = b""
    if measurement.bpm > 0xFF:
        flags |= _UINT16_VALUE
        body += struct.pack("<H", measurement.bpm)
    else:
        body += struct.pack("<B", measurement.bpm)
    if measurement.contact is not Contact.UNKNOWN:
        flags |= _CONTACT_SUPPORTED
        if measurement.contact is Contact.DETECTED:
            flags |= _CONTACT_DETECTED
    if measurement.energy_kj is not None:
        flags |= _ENERGY_PRESENT
        body += struct.pack("<H", measurement.energy_kj)
    if measurement.rr_s:
        flags |= _RR_PRESENT
        body += b"".join(struct.pack("<H", round(rr / _RR_UNIT_S)) for rr in measurement.rr_s)
    return bytes([flags]) + body


def _take(data: bytes, offset: int, layout: str, what: str) -> tuple[int, int]:
    size = struct.calcsize(layout)
    if len(data) < offset + size:
        raise HeartRateDataError(f"the measurement ends before {what} ({len(data)} bytes)")
    (value,) = struct.unpack_from(layout, data, offset)
    return int(value), offset + size
