"""FTMS control: the Control Point (0x2AD9), Machine Status (0x2ADA) and Speed Range (0x2AD4)."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from enum import IntEnum
from typing import Final

from retrocoach.core.devices.ftms_data import FtmsDataError

__all__ = [
    "CONTROL_POINT",
    "FEATURE",
    "MACHINE_STATUS",
    "SPEED_RANGE",
    "ControlResponse",
    "Features",
    "MachineStatus",
    "Op",
    "Request",
    "Result",
    "SpeedRange",
    "Status",
    "decode_features",
    "decode_machine_status",
    "decode_request",
    "decode_response",
    "decode_speed_range",
    "encode_features",
    "encode_machine_status",
    "encode_request",
    "encode_response",
    "encode_speed_range",
]

FEATURE: Final = 0x2ACC
SPEED_RANGE: Final = 0x2AD4
CONTROL_POINT: Final = 0x2AD9
MACHINE_STATUS: Final = 0x2ADA
_RESPONSE_CODE: Final = 0x80
_SPEED_TARGET_FEATURE: Final = 1 << 0
"""Bit 0 of the Target Setting Features: the machine accepts a target speed."""


class Op(IntEnum):
    """Control Point requests (FTMS 1.0, section 4.16.1) that a treadmill coach uses."""

    REQUEST_CONTROL = 0x00
    RESET = 0x01
    SET_TARGET_SPEED = 0x02
    """Parameter: uint16, km/h in hundredths."""
    SET_TARGET_INCLINATION = 0x03
    START_OR_RESUME = 0x07
    STOP_OR_PAUSE = 0x08
    """Parameter: uint8, 1 stop, 2 pause."""


STOP: Final = 0x01
PAUSE: Final = 0x02


class Result(IntEnum):
    """The result codes of a Control Point response."""

    SUCCESS = 0x01
    NOT_SUPPORTED = 0x02
    INVALID_PARAMETER = 0x03
    FAILED = 0x04
    NOT_PERMITTED = 0x05


class Status(IntEnum):
    """Machine Status op codes (FTMS 1.0, section 4.17) that matter to a treadmill coach."""

    RESET = 0x01
    STOPPED_OR_PAUSED_BY_USER = 0x02
    """Parameter: uint8, 1 stopped, 2 paused (on the console)."""
    STOPPED_BY_SAFETY_KEY = 0x03
    STARTED_OR_RESUMED_BY_USER = 0x04
    TARGET_SPEED_CHANGED = 0x05
    """Parameter: uint16, km/h in hundredths: the new target, from the console or a client."""
    TARGET_INCLINE_CHANGED = 0x06
    CONTROL_PERMISSION_LOST = 0xFF


@dataclass(frozen=True, slots=True)
class Request:
    """One Control Point request: an op code and its parameter (None: it has none)."""

    op: Op
    speed_kmh: float | None = None
    """The target of SET_TARGET_SPEED."""
    stop_or_pause: int | None = None
    """STOP or PAUSE, for STOP_OR_PAUSE."""


@dataclass(frozen=True, slots=True)
class ControlResponse:
    """The treadmill's answer to a request, indicated on the Control Point."""

    op: int
    result: int
    """A Result, or a code this version does not know."""

    @property
    def succeeded(self) -> bool:
        return self.result == Result.SUCCESS


@dataclass(frozen=True, slots=True)
class MachineStatus:
    """One Machine Status notification."""

    code: int
    """A Status, or a code this version does not know."""
    paused: bool = False
    """For STOPPED_OR_PAUSED_BY_USER: paused (True) or stopped (False)."""
    speed_kmh: float | None = None
    """For TARGET_SPEED_CHANGED: the new target speed."""


@dataclass(frozen=True, slots=True)
class SpeedRange:
    """The treadmill's Supported Speed Range, in km/h."""

    minimum_kmh: float
    maximum_kmh: float
    step_kmh: float


@dataclass(frozen=True, slots=True)
class Features:
    """The Fitness Machine Feature characteristic: two bit fields."""

    machine: int
    target_settings: int

    @property
    def speed_target(self) -> bool:
        """Whether the machine takes a target speed on its Control Point."""
        return bool(self.target_settings & _SPEED_TARGET_FEATURE)


def _hundredths(kmh: float) -> int:
    value = round(kmh * 100)
    if not 0 <= value <= 0xFFFF:
        raise FtmsDataError(f"{kmh} km/h is beyond what FTMS can carry (0 to 655.35)")
    return value


def encode_request(request: Request) -> bytes:
    """The Control Point bytes of *request*."""
    if request.op is Op.SET_TARGET_SPEED:
        if request.speed_kmh is None:
            raise FtmsDataError("a target speed request needs a speed")
        return struct.pack("<BH", request.op, _hundredths(request.speed_kmh))
    if request.op is Op.STOP_OR_PAUSE:
        return bytes((request.op, request.stop_or_pause or STOP))
    return bytes((request.op,))


def decode_request(data: bytes) -> Request:
    """Read a Control Point request (what a simulated treadmill receives)."""
    if not data:
        raise FtmsDataError("an empty Control Point request")
    try:
        op = Op(data[0])
    except ValueError:
        raise FtmsDataError(f"Control Point op code 0x{data[0]:02x} is not one we know") from None
    if op is Op.SET_TARGET_SPEED:
        if len(data) != 3:
            raise FtmsDataError("a target speed request is 3 bytes")
        return Request(op, speed_kmh=int.from_bytes(data[1:3], "little") / 100)
    if op is Op.STOP_OR_PAUSE:
        if len(data) != 2:
            raise FtmsDataError("a stop or pause request is 2 bytes")
        return Request(op, stop_or_pause=data[1])
    return Request(op)


def encode_response(response: ControlResponse) -> bytes:
    return bytes((_RESPONSE_CODE, response.op, response.result))


def decode_response(data: bytes) -> ControlResponse:
    """Read a Control Point indication; parameters after the result are ignored."""
    if len(data) < 3 or data[0] != _RESPONSE_CODE:
        raise FtmsDataError(f"a Control Point response starts 0x80 and has 3 bytes: {data.hex()}")
    return ControlResponse(data[1], data[2])


def encode_machine_status(status: MachineStatus) -> bytes:
    if status.code == Status.STOPPED_OR_PAUSED_BY_USER:
        return bytes((status.code, PAUSE if status.paused else STOP))
    if status.code == Status.TARGET_SPEED_CHANGED:
        return struct.pack("<BH", status.code, _hundredths(status.speed_kmh or 0.0))
    return bytes((status.code,))


def decode_machine_status(data: bytes) -> MachineStatus:
    """Read a Machine Status notification; codes this version does not use keep their number."""
    if not data:
        raise FtmsDataError("an empty Machine Status")
    code = data[0]
    if code == Status.STOPPED_OR_PAUSED_BY_USER:
        if len(data) < 2:
            raise FtmsDataError("a stopped-or-paused status carries which of the two")
        return MachineStatus(code, paused=data[1] == PAUSE)
    if code == Status.TARGET_SPEED_CHANGED:
        if len(data) < 3:
            raise FtmsDataError("a target speed status carries the speed")
        return MachineStatus(code, speed_kmh=int.from_bytes(data[1:3], "little") / 100)
    return MachineStatus(code)


def encode_speed_range(speeds: SpeedRange) -> bytes:
    return struct.pack(
        "<HHH",
        _hundredths(speeds.minimum_kmh),
        _hundredths(speeds.maximum_kmh),
        _hundredths(speeds.step_kmh),
    )


def decode_speed_range(data: bytes) -> SpeedRange:
    """Read the Supported Speed Range; a step of 0 (seen on some machines) reads as 0.1."""
    if len(data) != 6:
        raise FtmsDataError(f"Supported Speed Range is 6 bytes, not {len(data)}")
    low, high, step = struct.unpack("<HHH", data)
    if high < low:
        raise FtmsDataError("Supported Speed Range's maximum is below its minimum")
    return SpeedRange(low / 100, high / 100, (step or 10) / 100)


def encode_features(features: Features) -> bytes:
    return struct.pack("<II", features.machine, features.target_settings)


def decode_features(data: bytes) -> Features:
    if len(data) != 8:
        raise FtmsDataError(f"Fitness Machine Feature is 8 bytes, not {len(data)}")
    machine, targets = struct.unpack("<II", data)
    return Features(machine, targets)
