"""Every message and field RetroCoach writes, held to Garmin's own FIT profile (in its SDK)."""

from __future__ import annotations

import pytest
from garmin_fit_sdk import Profile

from retrocoach.core.fit import profile
from retrocoach.core.fit.encoder import FIT_EPOCH, PROFILE_VERSION, MessageType

MESSAGES = [value for value in vars(profile).values() if isinstance(value, MessageType)]
BASE_TYPES = Profile["types"]["fit_base_type"]


def test_the_profile_names_every_message_an_activity_file_needs() -> None:
    names = {message.name for message in MESSAGES}
    assert {"file_id", "device_info", "software", "record", "lap", "session", "activity"} <= names


@pytest.mark.parametrize("message", MESSAGES, ids=lambda message: message.name)
def test_each_field_has_garmins_number_name_base_type_and_scale(message: MessageType) -> None:
    garmin = Profile["messages"][message.number]
    assert garmin["name"] == message.name
    for field in message.fields:
        theirs = garmin["fields"][field.number]
        assert theirs["name"] == field.name
        assert BASE_TYPES[field.base.id] == theirs["base_type"], field.name
        assert [field.scale] == [round(s) for s in theirs["scale"]][:1], field.name
        assert theirs["offset"][0] == 0, field.name
        # Strings and byte arrays are arrays in the profile; single values are not.
        assert (field.size > 0) == (theirs["array"] == "true"), field.name


def test_the_enumerations_written_are_garmins() -> None:
    types = Profile["types"]
    assert types["file"][profile.FILE_ACTIVITY] == "activity"
    assert types["manufacturer"][profile.MANUFACTURER_DEVELOPMENT] == "development"
    assert types["sport"][profile.SPORT_WALKING] == "walking"
    assert types["sub_sport"][profile.SUB_SPORT_TREADMILL] == "treadmill"
    intensity = types["intensity"]
    assert [intensity[n] for n in (0, 1, 2, 3, 5)] == [
        "active", "rest", "warmup", "cooldown", "interval",
    ]  # fmt: skip
    assert (profile.INTENSITY_ACTIVE, profile.INTENSITY_REST) == (0, 1)
    assert (profile.INTENSITY_WARMUP, profile.INTENSITY_COOLDOWN) == (2, 3)
    assert profile.INTENSITY_INTERVAL == 5
    assert types["event"][profile.EVENT_TIMER] == "timer"
    assert types["event"][profile.EVENT_LAP] == "lap"
    assert types["event"][profile.EVENT_SESSION] == "session"
    assert types["event"][profile.EVENT_ACTIVITY] == "activity"
    assert types["event_type"][profile.EVENT_TYPE_START] == "start"
    assert types["event_type"][profile.EVENT_TYPE_STOP] == "stop"
    assert types["event_type"][profile.EVENT_TYPE_STOP_ALL] == "stop_all"
    assert types["lap_trigger"][profile.LAP_TRIGGER_TIME] == "time"
    assert types["lap_trigger"][profile.LAP_TRIGGER_SESSION_END] == "session_end"
    assert types["session_trigger"][profile.SESSION_TRIGGER_ACTIVITY_END] == "activity_end"
    assert types["activity"][profile.ACTIVITY_MANUAL] == "manual"
    assert types["wkt_step_duration"][profile.DURATION_TIME] == "time"
    assert types["wkt_step_target"][profile.TARGET_OPEN] == "open"


def test_developer_fields_sit_on_the_messages_they_describe() -> None:
    for field, message in profile.DEVELOPER_FIELDS:
        owner = next(m for m in MESSAGES if m.number == message)
        assert field in owner.developer


def test_the_header_names_a_profile_no_newer_than_the_sdks() -> None:
    version = Profile["version"]
    assert version["major"] * 1000 + version["minor"] >= PROFILE_VERSION
    assert FIT_EPOCH.isoformat() == "1989-12-31T00:00:00+00:00"
