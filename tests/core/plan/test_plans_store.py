"""Saved plans: plans.json round trips, names unique in any case, the history's file rules."""

from __future__ import annotations

import json
import stat
from datetime import datetime
from pathlib import Path

import pytest

from retrocoach.core.plan.model import Plan, PlanError
from retrocoach.core.plan.store import PlanNameTakenError, PlanStore, UnknownPlanError
from retrocoach.core.storage.document import FileState, NewerSchemaError

EASY = Plan(forward_s=240, backward_s=30, rounds=4, warmup_s=60, cooldown_s=60, name="Easy")
HARD = Plan(forward_s=120, backward_s=120, rounds=6, name="Hard one")


def new_store(folder: Path, told: list[str] | None = None) -> PlanStore:
    sink = told if told is not None else []
    return PlanStore(folder, warn=sink.append, wall_clock=lambda: datetime(2026, 11, 21, 7, 0))


def test_saved_plans_round_trip_every_field(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    store.save(EASY)
    store.save(HARD)
    assert new_store(tmp_path).plans() == (EASY, HARD)
    data = json.loads((tmp_path / "plans.json").read_text())
    assert data == {"schema_version": 1, "plans": [EASY.to_dict(), HARD.to_dict()]}
    assert stat.S_IMODE((tmp_path / "plans.json").stat().st_mode) == 0o600


def test_saving_a_plan_of_the_same_name_replaces_it(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    store.save(EASY)
    longer = Plan(forward_s=600, name="EASY")
    store.save(longer)
    assert store.plans() == (longer,)
    assert store.get("easy") == longer
    assert store.get("nothing") is None


def test_a_plan_can_be_renamed_but_not_onto_another_name(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    store.save(EASY)
    store.save(HARD)
    renamed = store.rename("easy", "Morning")
    assert renamed == EASY.renamed("Morning")
    assert [p.name for p in store.plans()] == ["Morning", "Hard one"]
    with pytest.raises(PlanNameTakenError):
        store.rename("Morning", "hard ONE")
    store.rename("Morning", "MORNING")  # a change of letter case is allowed
    with pytest.raises(UnknownPlanError):
        store.rename("Easy", "x")
    with pytest.raises(PlanError):
        store.rename("MORNING", "")
    assert [p.name for p in store.plans()] == ["MORNING", "Hard one"]


def test_a_plan_can_be_deleted(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    store.save(EASY)
    store.delete("Easy")
    assert store.plans() == ()
    with pytest.raises(UnknownPlanError):
        store.delete("Easy")


def test_an_invalid_plan_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(PlanError):
        new_store(tmp_path).save(Plan(rounds=0, name="zero"))
    assert not (tmp_path / "plans.json").exists()


def test_an_unreadable_plans_file_is_copied_aside_and_the_good_plans_kept(tmp_path: Path) -> None:
    raw = json.dumps(
        {"schema_version": 1, "plans": [EASY.to_dict(), {"name": "broken"}, EASY.to_dict()]}
    ).encode()
    (tmp_path / "plans.json").write_bytes(raw)
    told: list[str] = []
    store = new_store(tmp_path, told)
    loaded = store.load()
    assert loaded.items == (EASY,)
    assert loaded.state is FileState.DAMAGED
    assert (tmp_path / "plans.corrupt-20261121T070000.json").read_bytes() == raw
    assert "2 of its 3 plans are unreadable" in told[0]
    store.save(HARD)
    assert store.plans() == (EASY, HARD)


def test_a_plans_file_from_a_newer_version_is_never_written(tmp_path: Path) -> None:
    raw = json.dumps({"schema_version": 5, "plans": [HARD.to_dict()]}).encode()
    (tmp_path / "plans.json").write_bytes(raw)
    store = new_store(tmp_path)
    assert store.plans() == (HARD,)
    with pytest.raises(NewerSchemaError):
        store.save(EASY)
    assert (tmp_path / "plans.json").read_bytes() == raw
