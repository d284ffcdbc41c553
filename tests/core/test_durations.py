"""Durations: every form the contract allows parses, everything else is refused with a hint."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrocoach.core.durations import DurationError, format_duration, format_total, parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("90s", 90),
        ("5m", 300),
        ("1m30s", 90),
        ("1h", 3600),
        ("1h5m", 3900),
        ("1h0m1s", 3601),
        ("0s", 0),
        ("1:30", 90),
        ("0:05", 5),
        ("12:00", 720),
        ("1:05:00", 3900),
        (" 5M ", 300),
        ("5min", 300),
        ("5 min", 300),
        ("1.5m", 90),
        ("90 sec", 90),
        ("2 minutes", 120),
        ("1 hour", 3600),
        ("1h 30min", 5400),
        ("1 hr 5 mins 3 secs", 3903),
        ("1,5 min", 90),
        ("0.5s", 1),
        ("5 m", 300),
        ("5\u00a0min", 300),
        ("1\u202fh", 3600),
    ],
)
def test_every_contract_form_parses(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["5", " 5 ", "90"])
def test_a_bare_number_is_refused_with_a_hint_for_minutes_and_seconds(text: str) -> None:
    word = text.strip()
    with pytest.raises(DurationError, match=rf"{word}m for minutes or {word}s for seconds"):
        parse_duration(text)


@pytest.mark.parametrize("text", ["1.5", "5,5"])
def test_a_bare_decimal_is_refused_as_not_a_duration(text: str) -> None:
    with pytest.raises(DurationError, match="not a duration"):
        parse_duration(text)


def test_every_refusal_is_one_line() -> None:
    for text in ("5", "5 parsecs", "5m5m", "1:75", "x" * 500, "5\nmin"):
        with pytest.raises(DurationError) as caught:
            parse_duration(text)
        assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("-5m", "negative"),
        ("abc", "not a duration"),
        ("1:75", "75 seconds"),
        ("1:60:00", "60 minutes"),
        ("1:5", "not a duration"),
        ("5s5m", "in that order"),
        ("5m5m", "in that order"),
        ("5 min 5 min", "in that order"),
        ("1.5.5m", "not a duration"),
        (".5m", "not a duration"),
        ("5 parsecs", "unknown unit 'parsecs'"),
        ("5 5m", "not a duration"),
        ("\uff15m", "not a duration"),  # fullwidth five
        ("\u0665m", "not a duration"),  # Arabic-Indic five
        ("min", "not a duration"),
    ],
)
def test_malformed_durations_are_refused_naming_the_text(text: str, reason: str) -> None:
    with pytest.raises(DurationError, match=reason) as caught:
        parse_duration(text)
    assert text.strip() in str(caught.value) or reason == "empty"


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0, "0:00"), (5, "0:05"), (59.2, "1:00"), (60, "1:00"), (3599, "59:59"), (3600, "1:00:00")],
)
def test_format_shows_m_ss_and_h_mm_ss_rounding_up(seconds: float, shown: str) -> None:
    assert format_duration(seconds) == shown


def test_format_ignores_float_noise_just_above_a_whole_second() -> None:
    assert format_duration(5.0000000001) == "0:05"
    assert format_duration(-3) == "0:00"


@given(st.integers(min_value=0, max_value=99 * 3600))
def test_formatted_seconds_parse_back_to_the_same_value(seconds: int) -> None:
    assert parse_duration(format_duration(seconds)) == seconds


@given(st.text(max_size=12))
def test_any_text_either_parses_or_raises_duration_error(text: str) -> None:
    try:
        value = parse_duration(text)
    except DurationError as error:
        message = str(error)
        value = 0
    else:
        message = "parsed"
    assert message
    assert value >= 0


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (59, "0:59"),
        (3600, "1:00:00"),
        (99 * 3600 + 59 * 60 + 59, "99:59:59"),
        (100 * 3600, "100 h 0 min"),
        (3085 * 3600 + 49 * 60 + 59, "3,085 h 49 min"),
    ],
)
def test_a_total_reads_as_m_ss_or_in_hours_and_minutes_when_huge(seconds: int, shown: str) -> None:
    assert format_total(seconds) == shown
