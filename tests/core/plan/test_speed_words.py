"""Odd ways of writing a belt speed in a plan: each is refused in one line naming what was typed."""

from __future__ import annotations

import pytest

from retrocoach.core.plan.model import PlanError, parse_spec


def refusal(spec: str) -> str:
    with pytest.raises(PlanError) as raised:
        parse_spec(spec)
    message = str(raised.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize("unit", ["m/s", "knots", "km/hr"])
def test_a_unit_retrocoach_does_not_read_is_named_with_the_units_it_does(unit: str) -> None:
    message = refusal(f"backward-speed=1.5 {unit}")
    assert f"'{unit}'" in message
    assert "km/h" in message
    assert "mph" in message
    assert "needs a unit" not in message  # it has one: just not one we read


@pytest.mark.parametrize("typed", ["nan km/h", "inf km/h", "1e3 km/h", "-1 km/h"])
def test_a_speed_that_is_not_a_plain_number_is_quoted_whole(typed: str) -> None:
    message = refusal(f"forward-speed={typed} rounds=2")
    assert f"forward-speed={typed}" in message


@pytest.mark.parametrize(
    ("spec", "kmh"),
    [
        ("forward-speed=3.5KM/H", 3.5),
        ("forward-speed=0.5kmh", 0.5),
        ("forward-speed=2 mph", 3.219),
        ("forward-speed=8 km/h", 8.0),
        ("forward-speed=4.97mph", 7.998),
    ],
)
def test_odd_but_clear_spellings_of_a_speed_are_read(spec: str, kmh: float) -> None:
    assert parse_spec(spec).forward_speed_kmh == kmh


@pytest.mark.parametrize(
    "typed", ["6.01km/h", "3.74 mph", "0.49km/h", "99999999999999999999km/h", "\uff13km/h"]
)
def test_a_backward_speed_out_of_range_or_in_other_digits_is_refused(typed: str) -> None:
    message = refusal(f"backward-speed={typed}")
    assert "0.5 to 6 km/h" in message
