"""The FIT encoder on its own: the CRC, the header, definitions, values and their limits."""

from __future__ import annotations

import struct

import pytest
from fit_walks import decode

from retrocoach.core.fit import profile
from retrocoach.core.fit.encoder import (
    BYTE,
    ENUM,
    STRING,
    UINT8,
    UINT16,
    UINT32,
    UINT32Z,
    DeveloperField,
    Field,
    FitValueError,
    FitWriter,
    MessageType,
    _nibble_crc,
    crc16,
)

_TINY = MessageType(
    "file_id",
    0,
    (Field("type", 0, ENUM), Field("manufacturer", 1, UINT16), Field("serial_number", 3, UINT32Z)),
)


def test_the_crc_is_fits_crc16_arc_for_the_standard_check_string() -> None:
    # CRC-16/ARC's published check value; FIT's nibble table computes the same CRC.
    assert crc16(b"123456789") == 0xBB3D
    assert crc16(b"") == 0


def test_the_byte_table_crc_is_the_protocols_nibble_crc() -> None:
    data = bytes(range(256)) * 3
    crc = 0
    for byte in data:
        crc = _nibble_crc(byte, crc)
    assert crc16(data) == crc


def test_each_base_types_size_is_its_struct_format() -> None:
    for base in (ENUM, UINT8, UINT16, UINT32, UINT32Z, BYTE):
        assert base.size == struct.calcsize("<" + base.fmt)


def test_the_crc_can_be_continued_over_pieces() -> None:
    assert crc16(b"56789", crc16(b"1234")) == crc16(b"123456789")


def test_a_whole_file_checks_to_zero_with_its_crc_appended() -> None:
    writer = FitWriter()
    writer.write(_TINY, {"type": 4, "manufacturer": 255, "serial_number": 7})
    data = writer.bytes()
    assert crc16(data) == 0  # a CRC appended little-endian zeroes the running CRC
    assert crc16(data[:14]) == 0  # the header's own CRC likewise


def test_the_header_names_fit_protocol_2_its_profile_and_the_data_size() -> None:
    writer = FitWriter()
    writer.write(_TINY, {"type": 4})
    data = writer.bytes()
    size, protocol, profile_version, data_size, magic = struct.unpack("<BBHI4s", data[:12])
    assert (size, protocol, magic) == (14, 0x20, b".FIT")
    assert profile_version == 21_218
    assert data_size == len(data) - 14 - 2


def test_a_definition_lists_each_field_number_size_and_base_type() -> None:
    definition = _TINY.definition(3)
    assert definition[0] == 0x40 | 3  # a definition message for local type 3
    assert struct.unpack("<BBHB", definition[1:6]) == (0, 0, 0, 3)  # little-endian, file_id
    assert definition[6:] == bytes([0, 1, 0x00, 1, 2, 0x84, 3, 4, 0x8C])


def test_a_definition_with_developer_fields_sets_the_flag_and_lists_them() -> None:
    kind = MessageType("record", 20, (Field("heart_rate", 3, UINT8),), (profile.WALKING_BACKWARD,))
    definition = kind.definition(0)
    assert definition[0] == 0x40 | 0x20
    assert definition[-4:] == bytes([1, 1, 1, 0])  # one field: number 1, 1 byte, index 0


def test_the_definition_comes_once_before_the_first_message_of_its_type() -> None:
    writer = FitWriter()
    for serial in (1, 2, 3):
        writer.write(_TINY, {"serial_number": serial})
    body = writer.bytes()[14:-2]
    definition = _TINY.definition(0)
    assert body.startswith(definition)
    assert body.count(definition) == 1
    assert len(body) == len(definition) + 3 * (1 + 1 + 2 + 4)


def test_missing_values_are_written_as_fits_invalid_values_and_read_as_absent() -> None:
    writer = FitWriter()
    writer.write(_TINY, {"type": 4})
    decoded = decode(writer.bytes())
    assert decoded.errors == []
    assert decoded.one("file_id") == {"type": "activity"}


def test_scaled_values_are_rounded_to_the_fields_resolution() -> None:
    assert profile.RECORD.data(0, {"speed": 1.2344})[1 + 4 + 1 + 4 :][:2] == struct.pack("<H", 1234)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        (Field("x", 0, UINT8), 255),  # 255 is "no data"
        (Field("x", 0, UINT8), -1),
        (Field("x", 0, UINT16, scale=1000), 65.535),
        (Field("x", 0, UINT32Z), 0),  # 0 is "no data" for a z type
        (Field("x", 0, UINT8), "7"),
        (Field("x", 0, UINT8), True),
    ],
)
def test_a_value_a_field_cannot_hold_is_refused_not_wrapped(field: Field, value: object) -> None:
    kind = MessageType("m", 0, (field,))
    with pytest.raises(FitValueError):
        kind.data(0, {"x": value})


def test_an_unknown_field_name_is_refused() -> None:
    with pytest.raises(FitValueError, match="no field"):
        _TINY.data(0, {"colour": 1})


def test_text_is_cut_at_a_whole_character_and_ends_in_a_zero_byte() -> None:
    kind = MessageType("m", 0, (Field("name", 0, STRING, size=6),))
    assert kind.data(0, {"name": "Rückwärts"})[1:] == b"R\xc3\xbcck\0"
    assert kind.data(0, {"name": None})[1:] == bytes(6)
    short = MessageType("m", 0, (Field("name", 0, STRING, size=3),))
    assert short.data(0, {"name": "Rü"})[1:] == b"R\0\0"  # not half of the ü


def test_developer_values_follow_the_profile_fields() -> None:
    direction = DeveloperField("direction", 0, STRING, size=4)
    kind = MessageType("lap", 19, (Field("intensity", 23, ENUM),), (direction,))
    assert kind.data(2, {"intensity": 5, "direction": "back"})[1:] == b"\x05bac\0"


def test_more_than_sixteen_message_types_reuse_local_numbers_with_a_new_definition() -> None:
    writer = FitWriter()
    kinds = [MessageType(f"m{n}", 0xFF00 + n, (Field("v", 0, UINT8),)) for n in range(18)]
    for kind in [*kinds, kinds[0]]:
        writer.write(kind, {"v": 1})
    data = writer.bytes()
    assert crc16(data) == 0
    body = data[14:-2]
    assert body.startswith(kinds[0].definition(0))
    # Local number 0 went to the 17th type, so the first is defined again, under number 2.
    assert body.count(kinds[16].definition(0)) == 1
    assert body.endswith(kinds[0].definition(2) + b"\x02\x01")
    decoded = decode(data)
    assert decoded.errors == []
    assert decoded.integrity
