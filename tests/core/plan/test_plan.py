"""Plans: the segments they produce, their limits, and the inline spec of the contract."""

from __future__ import annotations

import pytest
from fuzzing import valid_plans
from hypothesis import given

from retrocoach.core.plan.model import DEFAULT_PLAN, Kind, Plan, PlanError, parse_spec


def test_the_contract_example_spec_parses_to_its_lengths() -> None:
    plan = parse_spec("warmup=2m forward=5m backward=1m rounds=3 cooldown=2m getready=5s")
    assert (plan.warmup_s, plan.forward_s, plan.backward_s) == (120, 300, 60)
    assert (plan.rounds, plan.cooldown_s, plan.getready_s) == (3, 120, 5)


def test_keys_left_out_take_the_defaults() -> None:
    plan = parse_spec("rounds=5")
    assert plan.rounds == 5
    assert plan.forward_s == DEFAULT_PLAN.forward_s
    assert plan.cooldown_s == DEFAULT_PLAN.cooldown_s


def test_segments_follow_the_session_shape_and_leave_out_zero_parts() -> None:
    plan = parse_spec("getready=5s warmup=1m forward=2m backward=30s rounds=2 cooldown=0s")
    kinds = [(s.kind, s.seconds, s.round) for s in plan.segments()]
    assert kinds == [
        (Kind.GETREADY, 5, 0),
        (Kind.WARMUP, 60, 0),
        (Kind.FORWARD, 120, 1),
        (Kind.BACKWARD, 30, 1),
        (Kind.FORWARD, 120, 2),
        (Kind.BACKWARD, 30, 2),
    ]
    assert plan.walking_s == 60 + 2 * 150
    assert plan.total_s == 5 + plan.walking_s


@pytest.mark.parametrize(
    ("spec", "names"),
    [
        ("forward=-5m", ["forward=-5m", "negative"]),
        ("forward=0s", ["forward=0s", "1s to 2h"]),
        ("forward=5", ["forward=5", "5m", "5s"]),
        ("backward=abc", ["backward=abc", "90s"]),
        ("rounds=0", ["rounds=0", "1 to 100"]),
        ("rounds=2.5", ["rounds=2.5", "whole number"]),
        ("warmup=99h", ["warmup=99h", "0s to 1h"]),
        ("sideways=5m", ["sideways", "forward"]),
        ("forward=1:75", ["forward=1:75", "00-59"]),
        ("forward=5m forward=6m", ["forward", "twice"]),
        ("=5m", ["=5m", "no key"]),
        ("forward=", ["forward=", "no value"]),
        ("getready=2m", ["getready=2m", "0s to 1m"]),
        ("rounds=101", ["rounds=101", "1 to 100"]),
        ("", ["empty"]),
    ],
)
def test_bad_specs_are_refused_naming_the_word_and_the_rule(spec: str, names: list[str]) -> None:
    with pytest.raises(PlanError) as caught:
        parse_spec(spec)
    message = str(caught.value)
    assert "\n" not in message
    for name in names:
        assert name in message


def test_a_session_longer_than_eight_hours_is_refused() -> None:
    with pytest.raises(PlanError, match="at most 8h"):
        parse_spec("forward=2h backward=2h rounds=3")


def test_validate_refuses_out_of_range_values_built_in_code() -> None:
    with pytest.raises(PlanError, match="backward"):
        Plan(backward_s=0).validate()
    with pytest.raises(PlanError, match="rounds"):
        Plan(rounds=True).validate()


plans = valid_plans


@given(plans)
def test_every_valid_plan_round_trips_through_its_spec(plan: Plan) -> None:
    assert parse_spec(plan.spec()) == plan


@given(plans)
def test_every_valid_plan_round_trips_through_its_dict(plan: Plan) -> None:
    assert Plan.from_dict(plan.to_dict()) == plan


def test_from_dict_names_a_missing_field() -> None:
    data = DEFAULT_PLAN.to_dict()
    del data["rounds"]
    with pytest.raises(PlanError, match="rounds"):
        Plan.from_dict(data)


def test_a_spec_accepts_a_duration_written_with_a_space_before_its_unit() -> None:
    plan = parse_spec("forward=5 min backward=90 sec warmup=1.5m cooldown=1 h 0 min rounds=2")
    assert (plan.forward_s, plan.backward_s, plan.warmup_s) == (300, 90, 90)
    assert plan.cooldown_s == 3600


def test_a_spec_word_after_a_value_that_is_no_unit_is_still_refused() -> None:
    with pytest.raises(PlanError, match="'bogus' is not key=value"):
        parse_spec("forward=5m bogus")
    with pytest.raises(PlanError, match="forward=5'"):
        parse_spec("forward=5")
