"""A decimal comma (3,5 km/h, 70,5kg, 1,3) is refused with a line that says to write a point."""

from __future__ import annotations

import pytest

from retrocoach.core.plan.checks import check_speed
from retrocoach.core.plan.model import PlanError, parse_spec
from retrocoach.core.settings.store import Settings, SettingsError
from retrocoach.core.settings.words import apply_words


@pytest.mark.parametrize(
    ("spec", "point"),
    [
        ("backward-speed=3,5 km/h", "3.5"),
        ("forward-speed=3,5KM/H", "3.5"),
        ("forward-speed=2,25mph", "2.25"),
    ],
)
def test_a_speed_with_a_decimal_comma_is_refused_with_the_point_form(spec: str, point: str) -> None:
    with pytest.raises(PlanError) as raised:
        parse_spec(spec)
    message = str(raised.value)
    assert "\n" not in message
    assert "point" in message
    assert point in message


@pytest.mark.parametrize(
    ("word", "point"),
    [
        ("body-mass=70,5kg", "70.5kg"),
        ("body-mass=154,2 lb", "154.2 lb"),
        ("backward-factor=1,3", "1.3"),
    ],
)
def test_a_setting_with_a_decimal_comma_is_refused_with_the_point_form(
    word: str, point: str
) -> None:
    with pytest.raises(SettingsError) as raised:
        apply_words(Settings(), [word])
    message = str(raised.value)
    assert "\n" not in message
    assert "point" in message
    assert point in message


@pytest.mark.parametrize("word", ["body-mass=0", "body-mass=5", "body-mass=9999"])
def test_a_body_mass_without_unit_that_no_unit_would_allow_names_the_range(word: str) -> None:
    # "write 0kg or 0lb" would only lead to a second refusal.
    with pytest.raises(SettingsError) as raised:
        apply_words(Settings(), [word])
    message = str(raised.value)
    assert "20 to 350 kg" in message
    assert "0kg or" not in message


def test_a_body_mass_out_of_range_in_pounds_gives_the_range_in_pounds_too() -> None:
    with pytest.raises(SettingsError) as raised:
        apply_words(Settings(), ["body-mass=30lb"])
    assert "44 to 771 lb" in str(raised.value)


@pytest.mark.parametrize(("word", "kg"), [("body-mass=44lb", 20.0), ("body-mass=771lb", 349.7)])
def test_the_pounds_the_range_names_are_accepted(word: str, kg: float) -> None:
    assert apply_words(Settings(), [word]).body_mass_kg == kg


def test_a_speed_in_other_digits_is_not_offered_back_with_a_unit() -> None:
    problem = check_speed("forward-speed", "\uff13")  # a full-width 3
    assert isinstance(problem, str)
    assert "write \uff13 km/h" not in problem


def test_the_plan_editor_says_to_write_a_decimal_point() -> None:
    assert check_speed("backward-speed", "1,5 km/h") == (
        "Backward speed takes a decimal point, not a comma: write 1.5 km/h"
    )
