"""The Heart Rate Measurement codec, against byte vectors laid out as the specification says."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrocoach.core.devices.heart_rate import (
    Contact,
    HeartRateDataError,
    HeartRateMeasurement,
    decode_heart_rate,
    encode_heart_rate,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # flags 0: an 8-bit value, no contact support, nothing else
        (bytes([0x00, 72]), HeartRateMeasurement(72)),
        # flags 1: a 16-bit little-endian value (0x012C = 300)
        (bytes([0x01, 0x2C, 0x01]), HeartRateMeasurement(300)),
        # flags 4: contact supported but not detected
        (bytes([0x04, 80]), HeartRateMeasurement(80, Contact.LOST)),
        # flags 6: contact supported and detected
        (bytes([0x06, 80]), HeartRateMeasurement(80, Contact.DETECTED)),
        # flags 8: energy expended, 16-bit kJ after the value
        (bytes([0x08, 90, 0x10, 0x02]), HeartRateMeasurement(90, energy_kj=0x0210)),
        # flags 0x10: two RR-intervals of 1024/1024 s and 512/1024 s
        (
            bytes([0x10, 60, 0x00, 0x04, 0x00, 0x02]),
            HeartRateMeasurement(60, rr_s=(1.0, 0.5)),
        ),
        # every flag at once: 16-bit value, contact detected, energy, one RR-interval
        (
            bytes([0x1F, 0x64, 0x00, 0x05, 0x00, 0x00, 0x03]),
            HeartRateMeasurement(100, Contact.DETECTED, 5, (0.75,)),
        ),
    ],
)
def test_each_field_the_flags_name_is_read(raw: bytes, expected: HeartRateMeasurement) -> None:
    assert decode_heart_rate(raw) == expected


@pytest.mark.parametrize(
    ("raw", "named"),
    [
        (b"", "empty"),
        (bytes([0x01, 0x48]), "heart rate"),
        (bytes([0x08, 72, 0x01]), "energy"),
        (bytes([0x10, 72, 0x01]), "half a value"),
        (bytes([0x00, 72, 0x99]), "follow the last field"),
    ],
)
def test_a_short_or_overlong_measurement_is_refused_naming_the_field(
    raw: bytes, named: str
) -> None:
    with pytest.raises(HeartRateDataError, match=named):
        decode_heart_rate(raw)


@pytest.mark.parametrize(
    ("measurement", "usable"),
    [
        (HeartRateMeasurement(72), True),
        (HeartRateMeasurement(0), False),
        (HeartRateMeasurement(255), False),
        (HeartRateMeasurement(90, Contact.LOST), False),
        (HeartRateMeasurement(90, Contact.DETECTED), True),
    ],
)
def test_zero_an_implausible_rate_or_lost_contact_is_not_usable(
    measurement: HeartRateMeasurement, usable: bool
) -> None:
    assert measurement.usable is usable


@given(
    bpm=st.integers(0, 0xFFFF),
    contact=st.sampled_from(Contact),
    energy=st.none() | st.integers(0, 0xFFFF),
    rr=st.lists(st.integers(1, 0xFFFF), max_size=8),
)
def test_what_is_encoded_decodes_to_the_same_values(
    bpm: int, contact: Contact, energy: int | None, rr: list[int]
) -> None:
    measurement = HeartRateMeasurement(bpm, contact, energy, tuple(value / 1024 for value in rr))
    assert decode_heart_rate(encode_heart_rate(measurement)) == measurement
