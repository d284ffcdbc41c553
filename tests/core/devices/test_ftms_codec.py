"""The FTMS codec: byte vectors from the specification, and a cross-check with bluetooth-sig."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from bluetooth_sig.gatt.characteristics.fitness_machine_control_point import (
    FitnessMachineControlPointCharacteristic,
)
from bluetooth_sig.gatt.characteristics.fitness_machine_status import (
    FitnessMachineStatusCharacteristic,
)
from bluetooth_sig.gatt.characteristics.supported_speed_range import (
    SupportedSpeedRangeCharacteristic,
)
from bluetooth_sig.gatt.characteristics.treadmill_data import TreadmillDataCharacteristic
from hypothesis import given, settings
from hypothesis import strategies as st

from retrocoach.core.devices.ftms_control import (
    PAUSE,
    STOP,
    ControlResponse,
    Features,
    MachineStatus,
    Op,
    Request,
    Result,
    SpeedRange,
    Status,
    decode_features,
    decode_machine_status,
    decode_request,
    decode_response,
    decode_speed_range,
    encode_features,
    encode_machine_status,
    encode_request,
    encode_response,
    encode_speed_range,
)
from retrocoach.core.devices.ftms_data import (
    FtmsDataError,
    TreadmillData,
    decode_treadmill_data,
    encode_treadmill_data,
)

# A treadmill's notification (flags 0x058C: distance, incline and ramp, energy, heart rate,
# elapsed time; speed present because bit 0 is clear), laid out as FTMS 1.0 section 4.9 says.
KETTLER = bytes.fromhex("8c056400140000000000000500e70003005b00")


def test_a_real_treadmill_notification_reads_field_by_field() -> None:
    data = decode_treadmill_data(KETTLER)
    assert data.speed_kmh == 1.0
    assert data.total_distance_m == 20
    assert (data.inclination_pct, data.ramp_angle_deg) == (0.0, 0.0)
    assert (data.total_energy_kcal, data.energy_per_hour_kcal, data.energy_per_minute_kcal) == (
        5,
        231,
        3,
    )
    assert data.heart_rate_bpm == 0
    assert data.elapsed_s == 91
    assert data.average_speed_kmh is None
    assert encode_treadmill_data(data) == KETTLER


def test_more_data_set_means_no_instantaneous_speed() -> None:
    data = decode_treadmill_data(bytes.fromhex("07002c01e80300"))
    assert data.speed_kmh is None
    assert data.average_speed_kmh == 3.0
    assert data.total_distance_m == 1000


# Every field at once, with both pace widths: 1 octet (FTMS 1.0, km/min in tenths) and 2
# octets (the GATT Specification Supplement: seconds per kilometre). Bit 0 set: no speed.
BEFORE_PACES = "ff1f2c019600000a00f6ff64003200"
AFTER_PACES = "3c00b400045f1e58022c01f4ff2800"


@pytest.mark.parametrize(
    ("paces", "width", "pace", "average"),
    [("0102", 1, 600.0, 300.0), ("b0046009", 2, 1200.0, 2400.0)],
)
def test_every_flag_at_once_reads_with_either_pace_width(
    paces: str, width: int, pace: float, average: float
) -> None:
    raw = bytes.fromhex(BEFORE_PACES + paces + AFTER_PACES)
    data = decode_treadmill_data(raw)
    assert data.pace_width == width
    assert data.speed_kmh is None
    assert data.average_speed_kmh == 3.0
    assert data.total_distance_m == 150
    assert (data.inclination_pct, data.ramp_angle_deg) == (1.0, -1.0)
    assert (data.positive_elevation_m, data.negative_elevation_m) == (10.0, 5.0)
    assert (data.pace_s_per_km, data.average_pace_s_per_km) == (pace, average)
    assert (data.total_energy_kcal, data.energy_per_hour_kcal, data.energy_per_minute_kcal) == (
        60,
        180,
        4,
    )
    assert data.heart_rate_bpm == 0x5F
    assert data.metabolic_equivalent == 3.0
    assert data.elapsed_s == 600
    assert data.remaining_s == 300
    assert (data.force_on_belt_n, data.power_w) == (-12, 40)
    assert encode_treadmill_data(data) == raw
    assert decode_treadmill_data(raw, pace_width=width) == data


def test_a_length_that_fits_no_layout_is_refused() -> None:
    with pytest.raises(FtmsDataError, match="does not fit"):
        decode_treadmill_data(bytes.fromhex("000064"))
    with pytest.raises(FtmsDataError, match="shorter"):
        decode_treadmill_data(b"\x00")


speeds = st.integers(0, 0xFFFF).map(lambda n: n / 100)
u16 = st.integers(0, 0xFFFF)
s16 = st.integers(-0x8000, 0x7FFF)


@st.composite
def treadmill_values(draw: st.DrawFn) -> TreadmillData:
    """Any Treadmill Data with 2-octet paces, each field there or not."""

    def maybe(strategy: st.SearchStrategy[Any]) -> Any:
        return draw(st.one_of(st.none(), strategy))

    incline = maybe(st.tuples(s16, s16))
    elevation = maybe(st.tuples(u16, u16))
    energy = maybe(st.tuples(u16, u16, st.integers(0, 255)))
    force = maybe(st.tuples(s16, s16))
    return TreadmillData(
        speed_kmh=maybe(speeds),
        average_speed_kmh=maybe(speeds),
        total_distance_m=maybe(st.integers(0, 0xFFFFFF)),
        inclination_pct=None if incline is None else incline[0] / 10,
        ramp_angle_deg=None if incline is None else incline[1] / 10,
        positive_elevation_m=None if elevation is None else elevation[0] / 10,
        negative_elevation_m=None if elevation is None else elevation[1] / 10,
        pace_s_per_km=maybe(u16.map(float)),
        average_pace_s_per_km=maybe(u16.map(float)),
        total_energy_kcal=None if energy is None else energy[0],
        energy_per_hour_kcal=None if energy is None else energy[1],
        energy_per_minute_kcal=None if energy is None else energy[2],
        heart_rate_bpm=maybe(st.integers(0, 255)),
        metabolic_equivalent=maybe(st.integers(0, 255).map(lambda n: n / 10)),
        elapsed_s=maybe(u16),
        remaining_s=maybe(u16),
        force_on_belt_n=None if force is None else force[0],
        power_w=None if force is None else force[1],
        pace_width=2,
    )


# Our names for bluetooth-sig's (which follows the Supplement, so paces are 2 octets there).
THEIR_NAMES = {
    "speed_kmh": "instantaneous_speed",
    "average_speed_kmh": "average_speed",
    "total_distance_m": "total_distance",
    "inclination_pct": "inclination",
    "ramp_angle_deg": "ramp_angle_setting",
    "positive_elevation_m": "positive_elevation_gain",
    "negative_elevation_m": "negative_elevation_gain",
    "pace_s_per_km": "instantaneous_pace",
    "average_pace_s_per_km": "average_pace",
    "total_energy_kcal": "total_energy",
    "energy_per_hour_kcal": "energy_per_hour",
    "energy_per_minute_kcal": "energy_per_minute",
    "heart_rate_bpm": "heart_rate",
    "metabolic_equivalent": "metabolic_equivalent",
    "elapsed_s": "elapsed_time",
    "remaining_s": "remaining_time",
    "force_on_belt_n": "force_on_belt",
    "power_w": "power_output",
}


# No deadline: the first example imports bluetooth-sig's tables, slow on a loaded machine.
@settings(deadline=None)
@given(treadmill_values())
def test_every_flag_combination_reads_as_an_independent_decoder_reads_it(
    values: TreadmillData,
) -> None:
    raw = encode_treadmill_data(values)
    assert decode_treadmill_data(raw, pace_width=2) == values
    theirs = TreadmillDataCharacteristic().parse_value(bytearray(raw))
    for ours, their_name in THEIR_NAMES.items():
        mine, other = getattr(values, ours), getattr(theirs, their_name)
        assert mine == pytest.approx(other), ours


def test_one_octet_paces_read_as_seconds_per_kilometre() -> None:
    # 0x14 = 2.0 km/min = 30 s/km; 0 (standing) reads as 0.
    data = decode_treadmill_data(bytes.fromhex("600064001400"))
    assert (data.pace_s_per_km, data.average_pace_s_per_km) == (30.0, 0.0)
    assert data.pace_width == 1
    assert encode_treadmill_data(data) == bytes.fromhex("600064001400")


@pytest.mark.parametrize(
    ("request_", "raw"),
    [
        (Request(Op.REQUEST_CONTROL), "00"),
        (Request(Op.RESET), "01"),
        (Request(Op.SET_TARGET_SPEED, speed_kmh=3.0), "022c01"),
        (Request(Op.START_OR_RESUME), "07"),
        (Request(Op.STOP_OR_PAUSE, stop_or_pause=STOP), "0801"),
        (Request(Op.STOP_OR_PAUSE, stop_or_pause=PAUSE), "0802"),
    ],
)
def test_control_point_requests_have_the_specified_bytes(request_: Request, raw: str) -> None:
    assert encode_request(request_).hex() == raw
    assert decode_request(bytes.fromhex(raw)) == request_
    theirs = FitnessMachineControlPointCharacteristic().parse_value(bytearray.fromhex(raw))
    assert int(theirs.op_code) == request_.op
    assert (theirs.parameter or b"").hex() == raw[2:]


@pytest.mark.parametrize("result", list(Result))
def test_control_point_responses_read_every_result(result: Result) -> None:
    raw = encode_response(ControlResponse(Op.SET_TARGET_SPEED, result))
    assert raw == bytes((0x80, 0x02, result))
    response = decode_response(raw)
    assert response.succeeded is (result is Result.SUCCESS)
    theirs = FitnessMachineControlPointCharacteristic().parse_value(bytearray(raw))
    assert theirs.result_code == result
    assert theirs.response_op_code == Op.SET_TARGET_SPEED


def test_bad_control_point_bytes_are_refused() -> None:
    for raw in (b"", b"\x02\x01", b"\x08", b"\x42"):
        with pytest.raises(FtmsDataError):
            decode_request(raw)
    with pytest.raises(FtmsDataError):
        decode_response(b"\x02\x01\x01")


@pytest.mark.parametrize(
    ("status", "raw"),
    [
        (MachineStatus(Status.STOPPED_BY_SAFETY_KEY), "03"),
        (MachineStatus(Status.STOPPED_OR_PAUSED_BY_USER, paused=False), "0201"),
        (MachineStatus(Status.STOPPED_OR_PAUSED_BY_USER, paused=True), "0202"),
        (MachineStatus(Status.STARTED_OR_RESUMED_BY_USER), "04"),
        (MachineStatus(Status.TARGET_SPEED_CHANGED, speed_kmh=4.5), "05c201"),
        (MachineStatus(Status.CONTROL_PERMISSION_LOST), "ff"),
    ],
)
def test_machine_status_has_the_specified_bytes(status: MachineStatus, raw: str) -> None:
    assert encode_machine_status(status).hex() == raw
    assert decode_machine_status(bytes.fromhex(raw)) == status
    theirs = FitnessMachineStatusCharacteristic().parse_value(bytearray.fromhex(raw))
    assert int(theirs.op_code) == status.code


def test_an_unknown_machine_status_keeps_its_code() -> None:
    assert decode_machine_status(b"\x0b\x10\x00").code == 0x0B


def test_the_supported_speed_range_reads_as_bluetooth_sig_reads_it() -> None:
    speeds = SpeedRange(0.5, 6.0, 0.1)
    raw = encode_speed_range(speeds)
    assert raw.hex() == "320058020a00"
    assert decode_speed_range(raw) == speeds
    theirs = SupportedSpeedRangeCharacteristic().parse_value(bytearray(raw))
    assert (theirs.minimum, theirs.maximum, theirs.minimum_increment) == (0.5, 6.0, 0.1)
    assert decode_speed_range(bytes.fromhex("320058020000")).step_kmh == 0.1
    with pytest.raises(FtmsDataError):
        decode_speed_range(bytes.fromhex("580232000a00"))


def test_the_feature_bits_say_whether_speed_can_be_set() -> None:
    features = Features(machine=0x5, target_settings=0x1)
    assert decode_features(encode_features(features)).speed_target
    assert not dataclasses.replace(features, target_settings=0x2).speed_target
