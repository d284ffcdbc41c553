"""The built-in plans as shipped data: plans.json, its schema, and the checks made on loading."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from retrocoach.core.plan.presets import (
    PRESETS,
    PresetDataError,
    load_presets,
    presets_from_data,
)
from retrocoach.core.storage.shipped import ShippedDataError, asset_path

REPO = Path(__file__).resolve().parents[3]
DATA = REPO / "assets" / "data" / "plans.json"
SCHEMA = REPO / "assets" / "data" / "plans.schema.json"

# Every preset as it is: name, the plan's lengths (get-ready, warm-up, forward, backward,
# rounds, cool-down, turn, in seconds), speeds and the references cited. The trial doses
# (knee-10, study-30) left the list; every plan gained a 30 s turn-around and a backward belt.
# A change to a preset changes this table on purpose; a plan added to plans.json needs none.
BEFORE_THE_MOVE: dict[str, tuple[tuple[int, ...], tuple[float | None, ...], tuple[str, ...]]] = {
    "first-steps": (
        (10, 0, 300, 60, 3, 120, 30),
        (None, 1.0),
        ("article-retro-walking-treadmill", "retrocoach-own"),
    ),
    "gentle-start": (
        (10, 120, 60, 60, 5, 120, 30),
        (None, 1.0),
        ("article-walking-backward-fitness", "article-retro-walking-treadmill", "retrocoach-own"),
    ),
    "daily-ten": (
        (10, 180, 60, 120, 5, 120, 30),
        (None, 1.5),
        ("article-walking-backwards-daily", "article-retro-walking-treadmill", "retrocoach-own"),
    ),
}


def document(*plans: dict[str, Any], version: int = 1) -> dict[str, Any]:
    return {"schema_version": version, "plans": list(plans)}


def plan(name: str = "my-plan", **changes: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "name": name,
        "plan": "warmup=1m forward=2m backward=1m rounds=2 cooldown=1m",
        "description": "A plan made up for a test, short enough for one line.",
        "details": "Made up for a test; it rests on an article and on a choice of our own.",
        "references": ["an-article"],
    }
    item.update(changes)
    return item


def test_every_preset_is_kept_exactly_as_it_was_before_it_became_data() -> None:
    found = {
        key: (
            (
                p.plan.getready_s,
                p.plan.warmup_s,
                p.plan.forward_s,
                p.plan.backward_s,
                p.plan.rounds,
                p.plan.cooldown_s,
                p.plan.turn_s,
            ),
            (p.plan.forward_speed_kmh, p.plan.backward_speed_kmh),
            p.references,
        )
        for key, p in PRESETS.items()
    }
    kept = {key: value for key, value in found.items() if key in BEFORE_THE_MOVE}
    assert list(kept.items()) == list(BEFORE_THE_MOVE.items()), "a pinned preset changed"


def test_the_shipped_plans_validate_against_their_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json.loads(SCHEMA.read_text()))
    jsonschema.validate(json.loads(DATA.read_text()), json.loads(SCHEMA.read_text()))
    assert asset_path("data", "plans.json").read_bytes() == DATA.read_bytes()


def test_the_schema_and_the_loader_both_refuse_a_plan_citing_only_retrocoach() -> None:
    only_ours = document(plan(references=["retrocoach-own"]))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(only_ours, json.loads(SCHEMA.read_text()))
    with pytest.raises(PresetDataError, match="a source besides 'retrocoach-own'"):
        presets_from_data(only_ours)
    assert "my-plan" in presets_from_data(document(plan(references=["x", "retrocoach-own"])))


@pytest.mark.parametrize(
    ("data", "named"),
    [
        (document(plan(), plan()), "'my-plan' is used twice"),
        (document(plan(plan="forward=5")), "plans[0] ('my-plan').plan"),
        (document(plan(plan="forward=5h")), "forward is from 1s to 2h"),
        (document(plan(colour="red")), "unknown key(s): colour"),
        (document({"name": "x", "plan": "forward=1m"}), "has no description, details, references"),
        (document(plan(name="My Plan")), "lowercase"),
        (document(plan(description="Short.")), "description is 6 characters; 20 to 100 fit"),
        (document(plan(references=["a", "a"])), "twice"),
        (document(plan(), version=2), "schema_version is 2"),
        (document(), "'plans' must be a non-empty list"),
    ],
)
def test_a_bad_plans_document_is_refused_naming_the_fault(data: object, named: str) -> None:
    with pytest.raises(PresetDataError) as caught:
        presets_from_data(data)
    assert named in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_plans_file_that_is_no_json_is_named_with_the_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "plans.json"
    path.write_text('{"schema_version": 1,\n  "plans": [,]}\n', encoding="utf-8")
    with pytest.raises(ShippedDataError) as caught:
        load_presets(path)
    assert str(caught.value).startswith(f"the built-in plans file {path} is not valid JSON")
    assert "at line 2, column 13" in str(caught.value)
    path.write_text(json.dumps(document(plan(references=["retrocoach-own"]))), encoding="utf-8")
    with pytest.raises(PresetDataError, match=rf"^the built-in plans file {path}: plans\[0\]"):
        load_presets(path)


def test_a_preset_added_to_a_copy_of_the_file_is_listed_after_the_others(tmp_path: Path) -> None:
    data = json.loads(DATA.read_text())
    data["plans"].append(plan("my-plan", references=["alghadir-2019"]))
    path = tmp_path / "plans.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    loaded = load_presets(path)
    assert list(loaded) == [*PRESETS, "my-plan"]
    assert loaded["my-plan"].plan.rounds == 2
