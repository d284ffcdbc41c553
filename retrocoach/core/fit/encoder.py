"""A small FIT encoder: base types, message definitions, developer fields, header and CRC.

Only what an activity file needs: little-endian messages with normal headers, one definition
per message type (written once, before its first message), developer fields (FIT 2.0) and
the file CRC. The layout follows Garmin's FIT protocol description; the tests decode every
file with Garmin's own SDK.
"""

from __future__ import annotations

import functools
import struct
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

__all__ = [
    "FIT_EPOCH",
    "BaseType",
    "DeveloperField",
    "Field",
    "FitValueError",
    "FitWriter",
    "MessageType",
    "crc16",
    "fit_time",
]

FIT_EPOCH: Final = datetime(1989, 12, 31, tzinfo=UTC)
"""FIT's time zero: date_time fields count seconds from here, in UTC."""
PROTOCOL_VERSION: Final = 0x20
"""2.0: the first protocol version with developer fields."""
PROFILE_VERSION: Final = 21_218
"""The profile the message and field numbers were checked against (21.218, major*1000+minor)."""
_HEADER_SIZE: Final = 14
_LOCAL_TYPES: Final = 16
_DEFINITION: Final = 0x40
_DEVELOPER_DATA: Final = 0x20

# The FIT CRC-16 (the same as CRC-16/ARC), computed a nibble at a time as the protocol states.
_CRC_TABLE: Final = (
    0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
    0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
)  # fmt: skip


def _nibble_crc(byte: int, crc: int) -> int:
    """One byte into the CRC, a nibble at a time, as the protocol states it."""
    tmp = _CRC_TABLE[crc & 0xF]
    crc = ((crc >> 4) & 0x0FFF) ^ tmp ^ _CRC_TABLE[byte & 0xF]
    tmp = _CRC_TABLE[crc & 0xF]
    return ((crc >> 4) & 0x0FFF) ^ tmp ^ _CRC_TABLE[(byte >> 4) & 0xF]


# The same CRC a byte at a time, from a table built with the protocol's own step: an hour's
# walk is about 54 kB, and one lookup a byte takes half the time of four.
_BYTE_TABLE: Final = tuple(_nibble_crc(byte, 0) for byte in range(256))


def crc16(data: bytes, crc: int = 0) -> int:
    """The FIT CRC of *data*, continuing from *crc*."""
    table = _BYTE_TABLE
    for byte in data:
        crc = (crc >> 8) ^ table[(crc ^ byte) & 0xFF]
    return crc


class FitValueError(ValueError):
    """A value does not fit its field (out of range, or of the wrong kind)."""


@dataclass(frozen=True, slots=True)
class BaseType:
    """One of FIT's base types: its id byte, struct format and the value meaning "no data"."""

    id: int
    fmt: str
    invalid: int
    size: int
    """Bytes per value (a string's size is its field's)."""


ENUM: Final = BaseType(0x00, "B", 0xFF, 1)
UINT8: Final = BaseType(0x02, "B", 0xFF, 1)
UINT16: Final = BaseType(0x84, "H", 0xFFFF, 2)
UINT32: Final = BaseType(0x86, "I", 0xFFFFFFFF, 4)
UINT32Z: Final = BaseType(0x8C, "I", 0, 4)
STRING: Final = BaseType(0x07, "s", 0, 1)
BYTE: Final = BaseType(0x0D, "B", 0xFF, 1)


@dataclass(frozen=True, slots=True)
class Field:
    """A profile field: its number, base type, scale, and (for strings, arrays) its byte size."""

    name: str
    number: int
    base: BaseType
    scale: int = 1
    size: int = 0
    """Bytes for a string or a byte array; 0 for one value of the base type."""

    @property
    def bytes(self) -> int:
        """The field's size in a data message."""
        return self.size or self.base.size


@dataclass(frozen=True, slots=True)
class DeveloperField:
    """A field RetroCoach defines itself (FIT 2.0 developer data), with its description."""

    name: str
    number: int
    base: BaseType
    units: str = ""
    size: int = 0

    @property
    def bytes(self) -> int:
        """The field's size in a data message."""
        return self.size or self.base.size

    def as_field(self) -> Field:
        """The same field, for encoding its value."""
        return Field(self.name, self.number, self.base, 1, self.size)


@dataclass(frozen=True)
class MessageType:
    """A global message with the fields RetroCoach writes, in the order they are written.

    No slots: the field lists below are worked out once per type, not once per message (a
    walk of an hour writes 3,600 records).
    """

    name: str
    number: int
    fields: tuple[Field, ...]
    developer: tuple[DeveloperField, ...] = ()

    def definition(self, local: int, developer_index: int = 0) -> bytes:
        """The definition message binding *local* to this message's layout."""
        header = _DEFINITION | local | (_DEVELOPER_DATA if self.developer else 0)
        out = bytearray(struct.pack("<BBBHB", header, 0, 0, self.number, len(self.fields)))
        for field in self.fields:
            out += struct.pack("<BBB", field.number, field.bytes, field.base.id)
        if self.developer:
            out.append(len(self.developer))
            for dev in self.developer:
                out += struct.pack("<BBB", dev.number, dev.bytes, developer_index)
        return bytes(out)

    @functools.cached_property
    def _all_fields(self) -> tuple[Field, ...]:
        return (*self.fields, *(dev.as_field() for dev in self.developer))

    @functools.cached_property
    def _names(self) -> frozenset[str]:
        return frozenset(field.name for field in self._all_fields)

    def data(self, local: int, values: Mapping[str, object]) -> bytes:
        """A data message of *values* (physical units; None or missing: no data)."""
        if not values.keys() <= self._names:
            unknown = sorted(values.keys() - self._names)
            raise FitValueError(f"{self.name} has no field {unknown[0]}")
        out = bytearray([local])
        for field in self._all_fields:
            out += _encode(field, values.get(field.name))
        return bytes(out)


def _encode(field: Field, value: object) -> bytes:
    if field.base is STRING:
        if value is None:
            return bytes(field.bytes)
        if not isinstance(value, str):
            raise FitValueError(f"{field.name} is text, not {value!r}")
        raw = value.encode("utf-8")[: field.bytes - 1]
        raw = raw.decode("utf-8", "ignore").encode("utf-8")  # never half a character
        return raw.ljust(field.bytes, b"\0")
    if field.size:  # a byte array
        if value is None:
            return bytes([field.base.invalid]) * field.size
        if not isinstance(value, bytes) or len(value) != field.size:
            raise FitValueError(f"{field.name} is {field.size} bytes, not {value!r}")
        return value
    if value is None:
        return struct.pack("<" + field.base.fmt, field.base.invalid)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FitValueError(f"{field.name} is a number, not {value!r}")
    stored = round(value * field.scale)
    top = (1 << (8 * field.base.size)) - 1
    # The invalid value means "no data"; a base type whose invalid is 0 starts at 1.
    low, high = (1, top) if field.base.invalid == 0 else (0, top - 1)
    if not low <= stored <= high:
        raise FitValueError(f"{field.name} = {value} is outside what FIT can hold")
    return struct.pack("<" + field.base.fmt, stored)


class FitWriter:
    """Builds one FIT file: write() messages in order, then bytes() for the whole file."""

    def __init__(self) -> None:
        self._body = bytearray()
        # Keyed by identity: hashing a message type would hash all its fields, every message.
        self._locals: dict[int, tuple[MessageType, int]] = {}
        self._next = 0

    def write(self, kind: MessageType, values: Mapping[str, object]) -> None:
        """Append a data message of *kind*, preceded by its definition the first time."""
        known = self._locals.get(id(kind))
        if known is not None:
            local = known[1]
        else:
            local = self._next % _LOCAL_TYPES
            self._next += 1
            # Past 16 types a local number is reused: its old owner must be defined again.
            for old, (_, number) in list(self._locals.items()):
                if number == local:
                    del self._locals[old]
            self._locals[id(kind)] = (kind, local)  # the type kept alive: its id stays its own
            self._body += kind.definition(local)
        self._body += kind.data(local, values)

    def write_all(self, kind: MessageType, rows: Iterable[Mapping[str, object]]) -> None:
        """write() each of *rows*."""
        for values in rows:
            self.write(kind, values)

    def bytes(self) -> bytes:
        """The file: the 14-byte header with its CRC, the messages, the file CRC."""
        header = struct.pack(
            "<BBHI4s", _HEADER_SIZE, PROTOCOL_VERSION, PROFILE_VERSION, len(self._body), b".FIT"
        )
        header += struct.pack("<H", crc16(header))
        data = header + bytes(self._body)
        return data + struct.pack("<H", crc16(data))


def fit_time(moment: datetime) -> int:
    """*moment* as FIT's date_time: whole seconds since FIT_EPOCH (rounded down)."""
    return int((moment - FIT_EPOCH).total_seconds() // 1)
