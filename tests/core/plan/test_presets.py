"""The built-in presets: valid plans, named for the command line, each citing its references."""

from __future__ import annotations

import dataclasses
import re

import pytest

from retrocoach.core.plan.lookup import resolve_plan
from retrocoach.core.plan.model import Plan, PlanError, parse_spec
from retrocoach.core.plan.presets import PRESETS, Preset, find_preset
from retrocoach.core.safety.references import OWN_RULE, ReferenceList

ALL = list(PRESETS.values())


@pytest.fixture(scope="module")
def references() -> ReferenceList:
    return ReferenceList.default()


def _ids(preset: Preset) -> str:
    return preset.key


def test_the_required_presets_exist_in_the_order_they_are_listed() -> None:
    """File order is the order `retrocoach plans` shows; beginners' plans come first.

    A plan added to plans.json after these needs no change here.
    """
    assert list(PRESETS)[:3] == ["first-steps", "gentle-start", "daily-ten"]


@pytest.mark.parametrize("preset", ALL, ids=_ids)
def test_every_preset_is_a_valid_plan_named_by_its_key(preset: Preset) -> None:
    """A preset loads like any plan: it passes validate() and carries its key as its name."""
    assert preset.plan.validate() is preset.plan
    assert preset.plan.name == preset.key


@pytest.mark.parametrize("preset", ALL, ids=_ids)
def test_every_preset_key_is_a_short_lowercase_command_line_word(preset: Preset) -> None:
    """`retrocoach run --plan KEY` needs no quoting and is never mistaken for a spec."""
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", preset.key)
    assert len(preset.key) <= 20


@pytest.mark.parametrize("preset", ALL, ids=_ids)
def test_every_description_is_one_short_sentence(preset: Preset) -> None:
    """Descriptions fit on one line of `retrocoach plans` and in the window's list."""
    assert "\n" not in preset.description
    assert 20 <= len(preset.description) <= 100
    assert preset.description[0].isupper()
    assert preset.description.endswith(".")


@pytest.mark.parametrize("preset", ALL, ids=_ids)
def test_every_preset_cites_references_that_resolve(
    preset: Preset, references: ReferenceList
) -> None:
    """Each preset names at least one source a person can look up, from the shipped list."""
    cited = references.resolve(preset.references, preset.key)
    assert any(ref.id != OWN_RULE for ref in cited), "a preset needs a source besides our own"


@pytest.mark.parametrize("preset", ALL, ids=_ids)
def test_every_preset_says_where_it_comes_from_in_a_few_sentences(preset: Preset) -> None:
    assert "\n" not in preset.details
    assert 40 <= len(preset.details) <= 500
    assert preset.details.endswith(".")


@pytest.mark.parametrize("preset", ALL, ids=_ids)
def test_a_preset_split_of_our_own_is_labelled_and_cites_our_rule(preset: Preset) -> None:
    """Wherever the details call a choice RetroCoach's own, the references say so too."""
    assert ("RetroCoach's own" in preset.details) == (OWN_RULE in preset.references)


@pytest.mark.parametrize("preset", ALL, ids=_ids)
def test_every_preset_has_a_turn_around_and_a_beginners_backward_belt_speed(
    preset: Preset,
) -> None:
    """Found: no built-in plan had a turn-around, and most left the backward belt unset."""
    plan = preset.plan
    assert plan.turn_wait or plan.turn_s >= 30
    assert plan.backward_speed_kmh is not None
    assert 1.0 <= plan.backward_speed_kmh <= 2.0  # a treadmill article's range for beginners


@pytest.mark.parametrize("key", ["knee-10", "study-30"])
def test_the_trial_doses_are_no_plain_plans_and_say_where_they_went(key: str) -> None:
    """A stroke trial's dose is offered to no one; the knee dose is the gated programme."""
    assert key not in PRESETS
    with pytest.raises(PlanError) as raised:
        resolve_plan(key)
    said = str(raised.value)
    assert key in said
    assert "clinician" in said
    if key == "knee-10":
        assert "retrocoach programme start knee-oa" in said


def test_a_saved_plan_of_a_retired_name_is_still_the_walkers() -> None:
    mine = Plan(forward_s=60, backward_s=60, rounds=1, name="knee-10").validate()
    assert resolve_plan("knee-10", [mine]) == mine


@pytest.mark.parametrize("preset", ALL, ids=_ids)
def test_every_preset_plan_survives_its_own_spec(preset: Preset) -> None:
    """Writing a preset as an inline spec and reading it back gives the same plan."""
    assert parse_spec(preset.plan.spec(), name=preset.key) == preset.plan


def test_first_steps_alternates_five_minutes_forward_with_one_backward() -> None:
    """The treadmill article's beginner interval (seed 001)."""
    plan = PRESETS["first-steps"].plan
    assert (plan.forward_s, plan.backward_s) == (300, 60)
    assert plan.rounds >= 2


def test_daily_ten_walks_ten_minutes_backward() -> None:
    """Seed 000's ten minutes a day, counted as backward walking."""
    assert PRESETS["daily-ten"].plan.backward_total_s == 600


def test_gentle_start_walks_five_minutes_backward_in_short_stretches() -> None:
    """Seed 003's five minutes to begin with, never more than a minute backward at a time."""
    plan = PRESETS["gentle-start"].plan
    assert plan.backward_total_s == 300
    assert plan.backward_s <= 60


@pytest.mark.parametrize("name", ["first-steps", "FIRST-STEPS", " First-Steps ", "Daily-Ten"])
def test_find_preset_ignores_letter_case_and_surrounding_spaces(name: str) -> None:
    """Typed names match whatever their case."""
    found = find_preset(name)
    assert found is not None
    assert found.key == name.strip().lower()


@pytest.mark.parametrize("name", ["", "first steps", "firststeps", "custom", "forward=5m"])
def test_find_preset_returns_none_for_a_name_that_is_no_preset(name: str) -> None:
    """Anything else is left for saved plans or the inline spec to handle."""
    assert find_preset(name) is None


def test_presets_cannot_be_changed_at_run_time() -> None:
    """The built-ins are shared by every caller, so neither the table nor an entry can change."""
    with pytest.raises(TypeError):
        PRESETS["mine"] = ALL[0]  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        ALL[0].key = "other"  # type: ignore[misc]
    assert isinstance(ALL[0].plan, Plan)
