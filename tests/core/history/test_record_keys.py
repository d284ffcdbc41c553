"""A session's JSON read and written back: keys this version does not know, and number types."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from retrocoach.core.history.records import SessionRecord
from retrocoach.core.plan.model import Plan

RecordFactory = Callable[..., SessionRecord]


def round_trip(data: dict[str, Any]) -> dict[str, Any]:
    return SessionRecord.from_json(json.loads(json.dumps(data))).to_json()


def test_a_segment_without_round_or_speed_keeps_a_key_of_its_own(
    make_record: RecordFactory,
) -> None:
    # Five keys, as a full segment has, but one of them is not ours: it must not be lost.
    data = make_record().to_json()
    first = data["segments"][0]
    del first["round"], first["speed_kmh"]
    first["belt"], first["incline"] = "left", 2
    written = round_trip(data)["segments"][0]
    assert (written["belt"], written["incline"]) == ("left", 2)
    assert written["round"] == 0
    assert written["speed_kmh"] is None


def test_a_full_segment_with_a_key_of_its_own_keeps_it_and_the_others_stay_bare(
    make_record: RecordFactory,
) -> None:
    data = make_record().to_json()
    data["segments"][1]["pulse_by_hand"] = 96
    written = round_trip(data)["segments"]
    assert written[1]["pulse_by_hand"] == 96
    assert all("pulse_by_hand" not in entry for index, entry in enumerate(written) if index != 1)


def test_a_plan_missing_its_optional_fields_or_with_one_of_its_own_reads_and_keeps_it(
    make_record: RecordFactory,
) -> None:
    data = make_record().to_json()
    for key in ("turn_s", "forward_speed_kmh", "backward_speed_kmh"):
        del data["plan"][key]
    data["plan"]["colour"] = "blue"
    written = round_trip(data)["plan"]
    assert written["colour"] == "blue"
    assert (written["turn_s"], written["forward_speed_kmh"]) == (0, None)


def test_a_speed_written_as_a_whole_number_is_written_back_as_it_was_read(
    make_record: RecordFactory,
) -> None:
    # The stored form of each plan is shared between sessions; 3 and 3.0 are still kept apart.
    whole = make_record(plan=Plan(forward_speed_kmh=3, backward_speed_kmh=2)).to_json()
    decimal = make_record(plan=Plan(forward_speed_kmh=3.0, backward_speed_kmh=2.0)).to_json()
    assert json.dumps(round_trip(decimal)["plan"]["forward_speed_kmh"]) == "3.0"
    assert json.dumps(round_trip(whole)["plan"]["forward_speed_kmh"]) == "3"
    assert json.dumps(round_trip(decimal)["plan"]["backward_speed_kmh"]) == "2.0"


def test_writing_a_session_with_a_plan_key_of_its_own_leaves_other_sessions_bare(
    make_record: RecordFactory,
) -> None:
    plan = Plan(forward_speed_kmh=3.5)
    marked = make_record(plan=plan).to_json()
    marked["plan"]["colour"] = "blue"
    assert round_trip(marked)["plan"]["colour"] == "blue"
    assert "colour" not in make_record(plan=plan).to_json()["plan"]
