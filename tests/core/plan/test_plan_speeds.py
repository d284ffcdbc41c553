"""Plan keys for the treadmill: belt speeds per direction, their units and limits, the turn."""

from __future__ import annotations

import pytest

from retrocoach.core.plan.model import Kind, Plan, PlanError, parse_spec
from retrocoach.core.speeds import (
    BACKWARD_SPEED,
    FORWARD_SPEED,
    KMH_PER_MPH,
    Units,
    format_speed,
    step_speed,
)


@pytest.mark.parametrize(
    ("written", "kmh"),
    [
        ("3.5km/h", 3.5),
        ("3.5 km/h", 3.5),
        ("3.5kmh", 3.5),
        ("3.5 KMH", 3.5),
        ("2mph", round(2 * KMH_PER_MPH, 3)),
        ("2.2 mph", round(2.2 * KMH_PER_MPH, 3)),
        ("4 km/h", 4.0),
    ],
)
def test_forward_speed_takes_kmh_or_mph_with_or_without_a_space(written: str, kmh: float) -> None:
    plan = parse_spec(f"forward=5m forward-speed={written} rounds=2")
    assert plan.forward_speed_kmh == pytest.approx(kmh)
    assert plan.rounds == 2  # the word after a spaced unit is still read as its own key


def test_speeds_are_unknown_and_turn_is_off_unless_given() -> None:
    plan = parse_spec("forward=5m")
    assert (plan.forward_speed_kmh, plan.backward_speed_kmh, plan.turn_s) == (None, None, 0)
    assert Kind.TURN not in {segment.kind for segment in plan.segments()}


@pytest.mark.parametrize(
    ("spec", "names"),
    [
        ("forward-speed=3.5", ["forward-speed=3.5", "unit", "3.5km/h", "3.5mph"]),
        ("forward-speed=9km/h", ["forward-speed=9km/h", "0.5 to 8 km/h"]),
        ("forward-speed=0.4km/h", ["forward-speed=0.4km/h", "0.5 to 8 km/h"]),
        ("backward-speed=6.1km/h", ["backward-speed=6.1km/h", "0.5 to 6 km/h"]),
        ("backward-speed=4mph", ["backward-speed=4mph", "0.5 to 6 km/h", "mph"]),
        ("backward-speed=1.5m/s", ["backward-speed=1.5m/s", "km/h", "mph"]),
        ("backward-speed=fast", ["backward-speed=fast", "km/h"]),
        ("backward-speed=", ["backward-speed=", "km/h"]),
        ("backward-speed=-1km/h", ["backward-speed=-1km/h", "km/h"]),
        ("forward-speed=1km/h forward-speed=2km/h", ["forward-speed", "twice"]),
        ("turn=61s", ["turn=61s", "0s to 1m"]),
        ("turn=10", ["turn=10", "10s"]),
        ("turn=-5s", ["turn=-5s"]),
        ("speed=3km/h", ["speed", "forward-speed", "backward-speed", "turn"]),
    ],
)
def test_bad_speed_and_turn_values_are_refused_in_one_line(spec: str, names: list[str]) -> None:
    with pytest.raises(PlanError) as caught:
        parse_spec(spec)
    message = str(caught.value)
    assert "\n" not in message
    for name in names:
        assert name in message


def test_the_limits_themselves_are_allowed() -> None:
    plan = parse_spec("forward-speed=0.5km/h backward-speed=6km/h turn=60s")
    assert (plan.forward_speed_kmh, plan.backward_speed_kmh, plan.turn_s) == (0.5, 6.0, 60)
    assert parse_spec("forward-speed=8km/h turn=0s").forward_speed_kmh == 8.0


def test_a_backward_speed_above_three_kmh_is_allowed_with_a_warning_citing_beginners() -> None:
    assert parse_spec("backward-speed=3km/h").warnings() == ()
    warnings = parse_spec("backward-speed=3.1km/h").warnings()
    assert len(warnings) == 1
    assert "1.0-2.0 km/h" in warnings[0]
    assert "Retro Walking" in warnings[0]


def test_a_turn_phase_comes_before_every_change_of_direction_only() -> None:
    plan = parse_spec("getready=5s warmup=1m forward=2m backward=30s rounds=2 cooldown=1m turn=8s")
    kinds = [(s.kind, s.seconds, s.round) for s in plan.segments()]
    assert kinds == [
        (Kind.GETREADY, 5, 0),
        (Kind.WARMUP, 60, 0),
        (Kind.FORWARD, 120, 1),
        (Kind.TURN, 8, 1),
        (Kind.BACKWARD, 30, 1),
        (Kind.TURN, 8, 2),
        (Kind.FORWARD, 120, 2),
        (Kind.TURN, 8, 2),
        (Kind.BACKWARD, 30, 2),
        (Kind.TURN, 8, 0),
        (Kind.COOLDOWN, 60, 0),
    ]
    assert Kind.TURN.direction is None
    assert plan.walking_s == 60 + 2 * 150 + 60  # turning counts as neither direction
    assert plan.total_s == 5 + plan.walking_s + 4 * 8
    assert plan.total_s == sum(segment.seconds for segment in plan.segments())


def test_no_turn_after_the_last_backward_stretch_when_there_is_no_cooldown() -> None:
    plan = parse_spec("warmup=0s rounds=1 cooldown=0s turn=10s")
    assert [s.kind for s in plan.segments()] == [
        Kind.GETREADY,
        Kind.FORWARD,
        Kind.TURN,
        Kind.BACKWARD,
    ]
    assert plan.total_s == sum(segment.seconds for segment in plan.segments())


def test_a_plan_with_speeds_and_a_turn_round_trips_through_spec_and_dict() -> None:
    plan = parse_spec("forward-speed=2.2mph backward-speed=1.5 km/h turn=15s", name="belt")
    assert parse_spec(plan.spec(), name="belt") == plan
    assert Plan.from_dict(plan.to_dict()) == plan
    assert plan.to_dict()["backward_speed_kmh"] == 1.5


def test_a_plan_stored_before_speeds_existed_reads_with_none_and_no_turn() -> None:
    old = {k: v for k, v in Plan().to_dict().items() if not k.endswith("kmh") and k != "turn_s"}
    plan = Plan.from_dict(old)
    assert (plan.forward_speed_kmh, plan.backward_speed_kmh, plan.turn_s) == (None, None, 0)


@pytest.mark.parametrize("bad", [True, "3", float("nan"), 9.0, -1.0])
def test_a_stored_plan_with_a_bad_speed_is_refused(bad: object) -> None:
    data = {**Plan().to_dict(), "forward_speed_kmh": bad}
    with pytest.raises(PlanError, match="forward-speed"):
        Plan.from_dict(data)


def test_speeds_are_shown_in_the_chosen_unit_to_a_tenth() -> None:
    assert format_speed(3.5) == "3.5 km/h"
    assert format_speed(3.5, Units.MPH) == "2.2 mph"
    assert format_speed(None) == ""


def test_a_correction_step_is_a_tenth_of_the_shown_unit_within_the_limits() -> None:
    assert step_speed(1.5, 1, Units.KMH, BACKWARD_SPEED) == 1.6
    assert step_speed(1.5, -2, Units.KMH, BACKWARD_SPEED) == 1.3
    # 1.5 km/h shows as 0.9 mph; one press up is 1.0 mph exactly.
    assert step_speed(1.5, 1, Units.MPH, BACKWARD_SPEED) == pytest.approx(KMH_PER_MPH, abs=1e-3)
    assert step_speed(0.5, -1, Units.KMH, BACKWARD_SPEED) == 0.5
    assert step_speed(8.0, 3, Units.KMH, FORWARD_SPEED) == 8.0
