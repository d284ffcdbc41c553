"""Plan fields checked one by one: each problem in plain words, on the field at fault."""

from __future__ import annotations

import pytest

from retrocoach.core.plan.checks import SESSION_KEY, check_fields, plain_length
from retrocoach.core.plan.model import DEFAULT_PLAN, LIMITS, MAX_SESSION_S, SPEC_KEYS

GOOD = {"getready": "5s", "warmup": "2m", "forward": "5m", "backward": "1m", "rounds": "3"}


@pytest.mark.parametrize(
    ("key", "text", "message"),
    [
        ("forward", "0s", "Forward must be at least 1 second"),
        ("backward", "3h", "Backward must be at most 2 hours"),
        ("warmup", "2h", "Warm-up must be at most 1 hour"),
        ("getready", "2m", "Get ready must be at most 1 minute"),
        ("rounds", "1000", "Rounds must be at most 100"),
        ("rounds", "0", "Rounds must be at least 1"),
        ("rounds", "three", "Rounds must be a whole number from 1 to 100"),
        ("rounds", "9" * 40, "Rounds must be at most 100"),
        ("cooldown", "", "Cool-down is empty"),
    ],
)
def test_a_bad_field_is_named_in_plain_words(key: str, text: str, message: str) -> None:
    check = check_fields({**GOOD, key: text}, "mine", DEFAULT_PLAN)
    assert check.plan is None
    assert check.problems[key].startswith(message)
    assert list(check.problems) == [key]
    assert "=" not in check.problems[key]
    assert "out of range" not in check.problems[key]


def test_a_unit_missing_is_said_with_the_fields_name_and_a_hint() -> None:
    check = check_fields({**GOOD, "forward": "5"}, "mine", DEFAULT_PLAN)
    assert check.problems["forward"].startswith("Forward: '5' has no unit")
    assert "5m for minutes" in check.problems["forward"]


def test_every_bad_field_is_reported_at_once() -> None:
    check = check_fields({"forward": "0s", "backward": "x", "rounds": "200"}, "m", DEFAULT_PLAN)
    assert set(check.problems) == {"forward", "backward", "rounds"}
    assert check.first_problem().startswith("Forward")


def test_a_session_too_long_is_a_problem_of_the_whole_plan() -> None:
    check = check_fields({**GOOD, "forward": "2h", "rounds": "100"}, "m", DEFAULT_PLAN)
    assert check.plan is None
    assert set(check.problems) == {SESSION_KEY}
    assert check.problems[SESSION_KEY].endswith(f"at most {plain_length(MAX_SESSION_S)}")


def test_natural_spellings_make_the_plan() -> None:
    texts = {**GOOD, "forward": "5 min", "backward": "90 sec", "warmup": "1.5m"}
    check = check_fields(texts, "mine", DEFAULT_PLAN)
    assert check.problems == {}
    assert check.plan is not None
    assert (check.plan.forward_s, check.plan.backward_s, check.plan.warmup_s) == (300, 90, 90)
    assert check.plan.name == "mine"


def test_limits_at_their_edges_are_accepted_and_one_past_refused() -> None:
    for key, limit in LIMITS.items():
        if key not in SPEC_KEYS:
            continue
        unit = "s" if limit.is_duration else ""
        assert key not in check_fields({key: f"{limit.high}{unit}"}, "m", DEFAULT_PLAN).problems
        assert key in check_fields({key: f"{limit.high + 1}{unit}"}, "m", DEFAULT_PLAN).problems


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(0, "0 seconds"), (1, "1 second"), (90, "1 minute 30 seconds"), (7200, "2 hours")],
)
def test_plain_length_reads_as_english(seconds: int, words: str) -> None:
    assert plain_length(seconds) == words


@pytest.mark.parametrize(
    ("key", "text", "message"),
    [
        ("forward-speed", "3", "Forward speed needs a unit: write 3 km/h or 3 mph"),
        ("backward-speed", "9 km/h", "Backward speed must be from 0.5 to 6 km/h"),
        ("forward-speed", "fast", "Forward speed is a speed with its unit"),
        ("turn", "2m", "Turn-around must be at most 1 minute"),
    ],
)
def test_speeds_and_turns_are_named_in_plain_words(key: str, text: str, message: str) -> None:
    check = check_fields({key: text}, "mine", DEFAULT_PLAN)
    assert check.problems[key].startswith(message)


def test_a_speed_left_empty_means_no_speed() -> None:
    check = check_fields({"forward-speed": " ", "backward-speed": "2 mph"}, "m", DEFAULT_PLAN)
    assert check.plan is not None
    assert check.plan.forward_speed_kmh is None
    assert check.plan.backward_speed_kmh == pytest.approx(3.219, abs=0.001)
