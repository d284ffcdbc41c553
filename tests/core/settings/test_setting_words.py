"""Settings as the command line writes them: units, body mass in kg or lb, the backward factor."""

from __future__ import annotations

import pytest

from retrocoach.core.settings.store import Settings, SettingsError
from retrocoach.core.settings.table import BY_WORD
from retrocoach.core.settings.words import apply_words, describe_settings

DEFAULTS = Settings()


@pytest.mark.parametrize(
    ("word", "field", "value"),
    [
        ("body-mass=70kg", "body_mass_kg", 70.0),
        ("body-mass=70.5 kg", "body_mass_kg", 70.5),
        ("body-mass=154lb", "body_mass_kg", 69.9),  # 154 x 0.45359237 = 69.85
        ("body-mass=200 LBS", "body_mass_kg", 90.7),
        ("body-mass=", "body_mass_kg", None),
        ("units=mph", "units", "mph"),
        ("units=kmh", "units", "km/h"),
        ("backward-factor=1.0", "backward_factor", 1.0),
        ("backward-factor=1.6", "backward_factor", 1.6),
        ("pips=off", "pips", 0),
        ("pips=5", "pips", 5),
        ("audio=none", "audio_engine", "none"),
        ("voice=on", "voice", True),
        ("volume=35%", "volume", 0.35),
        ("reminder-rotation=1m", "reminder_rotation_s", 60),
        ("checklist-every-start=yes", "checklist_every_start", True),
    ],
)
def test_each_setting_is_read_from_its_word(word: str, field: str, value: object) -> None:
    assert getattr(apply_words(DEFAULTS, [word]), field) == value


@pytest.mark.parametrize(
    ("word", "names"),
    [
        ("body-mass=70", ["body-mass=70", "70kg", "70lb"]),
        ("body-mass=19kg", ["body-mass", "20 to 350 kg"]),
        ("body-mass=heavy", ["body-mass", "kg", "lb"]),
        ("body-mass=-70kg", ["body-mass"]),
        ("units=m/s", ["units=m/s", "km/h", "mph"]),
        ("backward-factor=1.7", ["backward-factor", "1.0 to 1.6"]),
        ("backward-factor=0.9", ["backward-factor", "1.0 to 1.6"]),
        ("backward-factor=nan", ["backward-factor", "1.0 to 1.6"]),
        ("pips=4", ["pips", "off, 3, 5"]),
        ("voice=maybe", ["voice", "on or off"]),
        ("volume=101", ["volume", "0 to 100"]),
        ("weight=70kg", ["weight=70kg", "body-mass"]),
        ("units", ["units", "key=value"]),
    ],
)
def test_a_bad_word_is_refused_in_one_line_naming_it_and_the_rule(
    word: str, names: list[str]
) -> None:
    with pytest.raises(SettingsError) as caught:
        apply_words(DEFAULTS, [word])
    message = str(caught.value)
    assert "\n" not in message
    for name in names:
        assert name in message


def test_nothing_is_applied_when_one_word_is_bad_and_a_key_given_twice_is_refused() -> None:
    with pytest.raises(SettingsError):
        apply_words(DEFAULTS, ["units=mph", "pips=9"])
    with pytest.raises(SettingsError, match="twice"):
        apply_words(DEFAULTS, ["units=mph", "units=km/h"])


def test_the_listing_shows_every_setting_in_the_form_it_is_typed_back() -> None:
    settings = apply_words(DEFAULTS, ["body-mass=72kg", "units=mph", "backward-factor=1.5"])
    lines = describe_settings(settings)
    assert len(lines) == len(BY_WORD)
    pairs = [line.split()[0] for line in lines]
    assert "body-mass=72kg" in pairs
    assert "units=mph" in pairs
    assert "backward-factor=1.5" in pairs
    assert apply_words(DEFAULTS, pairs) == settings  # every listed pair reads back the same


def test_the_energy_basis_takes_the_body_mass_and_factor() -> None:
    settings = apply_words(DEFAULTS, ["body-mass=80kg", "backward-factor=1.2"])
    assert settings.estimate_basis.body_mass_kg == 80.0
    assert settings.estimate_basis.backward_factor == 1.2


def test_the_theme_is_set_from_the_command_line() -> None:
    assert apply_words(DEFAULTS, ["theme=dark"]).theme == "dark"
