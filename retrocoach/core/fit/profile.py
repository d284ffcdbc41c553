"""The FIT messages and fields a RetroCoach activity holds, numbered as Garmin's profile 21.218."""

from __future__ import annotations

from typing import Final

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
    MessageType,
)

# Enumerations (the profile's names in comments), only the values RetroCoach writes.
FILE_ACTIVITY: Final = 4
MANUFACTURER_DEVELOPMENT: Final = 255
"""No manufacturer id of its own: FIT's value for software in development or not registered."""
PRODUCT: Final = 1
SPORT_WALKING: Final = 11
SUB_SPORT_TREADMILL: Final = 1
EVENT_TIMER: Final = 0
EVENT_LAP: Final = 9
EVENT_SESSION: Final = 8
EVENT_ACTIVITY: Final = 26
EVENT_TYPE_START: Final = 0
EVENT_TYPE_STOP: Final = 1
EVENT_TYPE_STOP_ALL: Final = 4
LAP_TRIGGER_TIME: Final = 1
LAP_TRIGGER_SESSION_END: Final = 7
SESSION_TRIGGER_ACTIVITY_END: Final = 0
ACTIVITY_MANUAL: Final = 0
DURATION_TIME: Final = 0
TARGET_OPEN: Final = 2

INTENSITY_ACTIVE: Final = 0
INTENSITY_REST: Final = 1
INTENSITY_WARMUP: Final = 2
INTENSITY_COOLDOWN: Final = 3
INTENSITY_INTERVAL: Final = 5

NAME_SIZE: Final = 32
"""Bytes for the names RetroCoach writes (plan and step names, cut at a character)."""
DIRECTION_SIZE: Final = 12

_TIMESTAMP: Final = Field("timestamp", 253, UINT32)
_INDEX: Final = Field("message_index", 254, UINT16)
_EVENT: Final = (Field("event", 0, ENUM), Field("event_type", 1, ENUM))
_SECONDS: Final = 1000
"""Times in a lap or session are kept to the millisecond."""
_METRES: Final = 100
_SPEED: Final = 1000
"""Speeds are in m/s to the mm/s."""

# RetroCoach's own fields: which way the walker faced, on each lap and each second.
DIRECTION: Final = DeveloperField("direction", 0, STRING, size=DIRECTION_SIZE)
WALKING_BACKWARD: Final = DeveloperField("walking_backward", 1, UINT8)
DEVELOPER_FIELDS: Final = ((DIRECTION, 19), (WALKING_BACKWARD, 20))
"""Each developer field with the number of the message that carries it (lap, record)."""

FILE_ID: Final = MessageType(
    "file_id",
    0,
    (
        Field("type", 0, ENUM),
        Field("manufacturer", 1, UINT16),
        Field("product", 2, UINT16),
        Field("serial_number", 3, UINT32Z),
        Field("time_created", 4, UINT32),
        Field("product_name", 8, STRING, size=NAME_SIZE),
    ),
)
FILE_CREATOR: Final = MessageType("file_creator", 49, (Field("software_version", 0, UINT16),))
DEVELOPER_DATA_ID: Final = MessageType(
    "developer_data_id",
    207,
    (
        Field("application_id", 1, BYTE, size=16),
        Field("manufacturer_id", 2, UINT16),
        Field("developer_data_index", 3, UINT8),
        Field("application_version", 4, UINT32),
    ),
)
FIELD_DESCRIPTION: Final = MessageType(
    "field_description",
    206,
    (
        Field("developer_data_index", 0, UINT8),
        Field("field_definition_number", 1, UINT8),
        Field("fit_base_type_id", 2, UINT8),
        Field("field_name", 3, STRING, size=NAME_SIZE),
        Field("units", 8, STRING, size=8),
        Field("native_mesg_num", 14, UINT16),
    ),
)
DEVICE_INFO: Final = MessageType(
    "device_info",
    23,
    (
        _TIMESTAMP,
        Field("device_index", 0, UINT8),
        Field("manufacturer", 2, UINT16),
        Field("serial_number", 3, UINT32Z),
        Field("product", 4, UINT16),
        Field("software_version", 5, UINT16, scale=100),
        Field("product_name", 27, STRING, size=NAME_SIZE),
    ),
)
SOFTWARE: Final = MessageType(
    "software",
    35,
    (
        _INDEX,
        Field("version", 3, UINT16, scale=100),
        Field("part_number", 5, STRING, size=NAME_SIZE),
    ),
)
WORKOUT: Final = MessageType(
    "workout",
    26,
    (
        Field("sport", 4, ENUM),
        Field("num_valid_steps", 6, UINT16),
        Field("wkt_name", 8, STRING, size=NAME_SIZE),
        Field("sub_sport", 11, ENUM),
    ),
)
WORKOUT_STEP: Final = MessageType(
    "workout_step",
    27,
    (
        _INDEX,
        Field("wkt_step_name", 0, STRING, size=NAME_SIZE),
        Field("duration_type", 1, ENUM),
        Field("duration_value", 2, UINT32),
        Field("target_type", 3, ENUM),
        Field("intensity", 7, ENUM),
    ),
)
EVENT: Final = MessageType("event", 21, (_TIMESTAMP, *_EVENT, Field("event_group", 4, UINT8)))
RECORD: Final = MessageType(
    "record",
    20,
    (
        _TIMESTAMP,
        Field("heart_rate", 3, UINT8),
        Field("distance", 5, UINT32, scale=_METRES),
        Field("speed", 6, UINT16, scale=_SPEED),
    ),
    developer=(WALKING_BACKWARD,),
)
LAP: Final = MessageType(
    "lap",
    19,
    (
        _INDEX,
        _TIMESTAMP,
        *_EVENT,
        Field("start_time", 2, UINT32),
        Field("total_elapsed_time", 7, UINT32, scale=_SECONDS),
        Field("total_timer_time", 8, UINT32, scale=_SECONDS),
        Field("total_distance", 9, UINT32, scale=_METRES),
        Field("avg_speed", 13, UINT16, scale=_SPEED),
        Field("max_speed", 14, UINT16, scale=_SPEED),
        Field("avg_heart_rate", 15, UINT8),
        Field("max_heart_rate", 16, UINT8),
        Field("intensity", 23, ENUM),
        Field("lap_trigger", 24, ENUM),
        Field("sport", 25, ENUM),
        Field("sub_sport", 39, ENUM),
        Field("wkt_step_index", 71, UINT16),
    ),
    developer=(DIRECTION,),
)
SESSION: Final = MessageType(
    "session",
    18,
    (
        _INDEX,
        _TIMESTAMP,
        *_EVENT,
        Field("start_time", 2, UINT32),
        Field("sport", 5, ENUM),
        Field("sub_sport", 6, ENUM),
        Field("total_elapsed_time", 7, UINT32, scale=_SECONDS),
        Field("total_timer_time", 8, UINT32, scale=_SECONDS),
        Field("total_distance", 9, UINT32, scale=_METRES),
        Field("total_calories", 11, UINT16),
        Field("avg_speed", 14, UINT16, scale=_SPEED),
        Field("max_speed", 15, UINT16, scale=_SPEED),
        Field("avg_heart_rate", 16, UINT8),
        Field("max_heart_rate", 17, UINT8),
        Field("first_lap_index", 25, UINT16),
        Field("num_laps", 26, UINT16),
        Field("trigger", 28, ENUM),
        Field("sport_profile_name", 110, STRING, size=NAME_SIZE),
    ),
)
ACTIVITY: Final = MessageType(
    "activity",
    34,
    (
        _TIMESTAMP,
        Field("total_timer_time", 0, UINT32, scale=_SECONDS),
        Field("num_sessions", 1, UINT16),
        Field("type", 2, ENUM),
        *(Field(f.name, f.number + 3, ENUM) for f in _EVENT),
        Field("local_timestamp", 5, UINT32),
    ),
)
