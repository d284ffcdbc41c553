"""The programmes data: the shipped file, its schema, and the ways a programmes file is wrong."""

from __future__ import annotations

import copy
import itertools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from retrocoach.core.programme.model import (
    MIN_TURN_S,
    PROGRAMMES_FILE_ENV,
    Position,
    ProgrammeBook,
    ProgrammeDataError,
    ProgrammeMark,
    programmes_file,
)
from retrocoach.core.speeds import BEGINNER_BACKWARD_KMH

REPO = Path(__file__).resolve().parents[3]
DATA = REPO / "assets" / "data" / "programmes.json"
SCHEMA = REPO / "assets" / "data" / "programmes.schema.json"


@pytest.fixture(scope="module")
def shipped() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    return data


def test_shipped_programmes_fit_their_schema(shipped: dict[str, Any]) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(shipped)


def test_shipped_book_offers_a_beginners_and_a_knee_programme_and_no_stroke_one() -> None:
    book = ProgrammeBook.default(environ={})
    assert book.names() == ("beginners", "knee-oa")
    text = json.dumps([vars_of(p) for p in book.all()]).lower()
    assert "stroke" not in text


def vars_of(programme: object) -> dict[str, str]:
    return {key: str(getattr(programme, key)) for key in ("title", "audience", "about")}


def test_beginners_start_near_five_backward_minutes_and_grow_over_six_weeks() -> None:
    beginners = ProgrammeBook.default(environ={}).get("beginners")
    assert beginners is not None
    assert len(beginners.weeks) == 6
    assert all(len(week) >= 3 for week in beginners.weeks)
    first = beginners.plan_at(Position(1, 1)).backward_total_s
    assert 4 * 60 <= first <= 6 * 60
    per_week = [week[0].backward_total_s for week in beginners.weeks]
    assert per_week == sorted(per_week)
    assert per_week[-1] > per_week[0]
    for plan in (plan for week in beginners.weeks for plan in week):
        assert plan.warmup_s > 0
        assert plan.cooldown_s > 0
        assert plan.forward_s > 0
    assert "rule of thumb" in beginners.build_up


def test_knee_programme_has_the_trial_dose_and_says_to_ask_a_clinician_first() -> None:
    knee = ProgrammeBook.default(environ={}).get("knee-oa")
    assert knee is not None
    assert len(knee.weeks) == 6
    assert all(len(week) == 3 for week in knee.weeks)
    assert {plan.backward_total_s for week in knee.weeks for plan in week} == {10 * 60}
    assert knee.caution is not None
    assert "clinician or physiotherapist" in knee.caution
    assert "supervis" in knee.caution
    assert "Alghadir" in knee.citation
    assert "2019" in knee.citation


def test_programme_sessions_are_named_after_their_place() -> None:
    knee = ProgrammeBook.default(environ={}).get("KNEE-OA ")
    assert knee is not None
    assert knee.plan_at(Position(2, 3)).name == "knee-oa week 2 session 3"
    assert knee.describe() == "6 weeks, 3 sessions a week"
    with pytest.raises(IndexError):
        knee.plan_at(Position(7, 1))
    assert not knee.has(Position(1, 4))


def test_the_environment_knob_names_another_programmes_file(tmp_path: Path) -> None:
    other = tmp_path / "short.json"
    other.write_text(json.dumps(_one_programme("tiny")), encoding="utf-8")
    assert programmes_file({PROGRAMMES_FILE_ENV: str(other)}) == other
    assert programmes_file({PROGRAMMES_FILE_ENV: "  "}) is None
    book = ProgrammeBook.default(environ={PROGRAMMES_FILE_ENV: str(other)})
    assert book.names() == ("tiny",)


def _one_programme(name: str) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "programmes": [
            {
                "name": name,
                "title": "Tiny",
                "audience": "tests",
                "about": "two short sessions",
                "build_up": "none",
                "references": ["retrocoach-own"],
                "weeks": [{"sessions": ["getready=0s warmup=0s forward=1s backward=1s rounds=1"]}],
            }
        ],
    }


_CHANGES: dict[str, Callable[[dict[str, Any], dict[str, Any]], None]] = {
    "version": lambda data, _: data.update(schema_version=2),
    "top-key": lambda data, _: data.update(extra=1),
    "no-list": lambda data, _: data.update(programmes=[]),
    "name": lambda _, item: item.update(name="Tiny Programme"),
    "missing": lambda _, item: item.pop("references"),
    "unknown": lambda _, item: item.update(colour="red"),
    "blank": lambda _, item: item.update(audience="  "),
    "no-weeks": lambda _, item: item.update(weeks=[]),
    "week-shape": lambda _, item: item.update(weeks=[["forward=1m"]]),
    "too-many": lambda _, item: item.update(weeks=[{"sessions": ["forward=1m"] * 8}]),
    "bad-plan": lambda _, item: item.update(weeks=[{"sessions": ["forward=5"]}]),
    "plan-type": lambda _, item: item.update(weeks=[{"sessions": [5]}]),
    "unknown-ref": lambda _, item: item.update(references=["not-a-source"]),
    "no-refs": lambda _, item: item.update(references=[]),
    "twice": lambda data, item: data["programmes"].append(copy.deepcopy(item)),
}


def _broken(change: str) -> object:
    data = _one_programme("tiny")
    _CHANGES[change](data, data["programmes"][0])
    return data


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ("version", "schema_version"),
        ("top-key", "extra"),
        ("no-list", "'programmes'"),
        ("name", "name"),
        ("missing", "references"),
        ("unknown-ref", "not-a-source"),
        ("no-refs", "references"),
        ("unknown", "colour"),
        ("blank", "audience"),
        ("no-weeks", "weeks"),
        ("week-shape", "weeks[0]"),
        ("too-many", "1 to 7"),
        ("bad-plan", "sessions[0]"),
        ("plan-type", "plan spec"),
        ("twice", "twice"),
    ],
)
def test_a_wrong_programmes_file_is_refused_with_one_line_naming_the_fault(
    tmp_path: Path, change: str, named: str
) -> None:
    path = tmp_path / "programmes.json"
    path.write_text(json.dumps(_broken(change)), encoding="utf-8")
    with pytest.raises(ProgrammeDataError) as caught:
        ProgrammeBook.load(path)
    message = str(caught.value)
    assert str(path) in message
    assert named in message
    assert "\n" not in message


@pytest.mark.parametrize("content", [b"", b"{", b"\xff\xfe", b"[" * 100_000])
def test_an_unreadable_programmes_file_is_refused_not_crashed_on(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "programmes.json"
    path.write_bytes(content)
    with pytest.raises(ProgrammeDataError, match="programmes file"):
        ProgrammeBook.load(path)


def test_a_missing_programmes_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ProgrammeDataError, match="cannot read"):
        ProgrammeBook.load(tmp_path / "none.json")


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        {"name": "x", "week": 1},
        {"name": "", "week": 1, "session": 1},
        {"name": "x", "week": 0, "session": 1},
        {"name": "x", "week": 1, "session": True},
        {"name": 5, "week": 1, "session": 1},
    ],
)
def test_a_bad_programme_mark_is_refused(data: object) -> None:
    with pytest.raises(ValueError, match="programme"):
        ProgrammeMark.from_json(data)


def test_a_programme_mark_reads_back_what_it_wrote() -> None:
    mark = ProgrammeMark("beginners", 2, 3)
    assert ProgrammeMark.from_json(mark.to_json()) == mark
    assert mark.position == Position(2, 3)


def test_every_shipped_session_names_belt_speeds_within_the_beginners_backward_range() -> None:
    low, high = BEGINNER_BACKWARD_KMH
    for programme in ProgrammeBook.default(environ={}).all():
        speeds = [week[0].backward_speed_kmh for week in programme.weeks]
        for plan in (plan for week in programme.weeks for plan in week):
            assert plan.forward_speed_kmh is not None
            assert plan.backward_speed_kmh is not None
            assert low <= plan.backward_speed_kmh <= high
            assert plan.backward_speed_kmh < plan.forward_speed_kmh
        assert speeds == sorted(speeds)  # type: ignore[type-var]  # none is None (above)


def test_every_shipped_turn_around_waits_for_the_walker_or_lasts_thirty_seconds() -> None:
    book = ProgrammeBook.default(environ={})
    for programme in book.all():
        for plan in (plan for week in programme.weeks for plan in week):
            assert plan.turn_wait or plan.turn_s >= MIN_TURN_S, plan.name
    beginners = book.get("beginners")
    assert beginners is not None
    assert all(plan.turn_wait for week in beginners.weeks for plan in week)


def test_the_beginners_change_one_thing_a_week_never_a_longer_bout_and_a_faster_belt() -> None:
    beginners = ProgrammeBook.default(environ={}).get("beginners")
    assert beginners is not None
    firsts = [week[0] for week in beginners.weeks]
    for week in beginners.weeks:
        assert len({plan.spec() for plan in week}) == 1  # changes come between weeks
    for before, after in itertools.pairwise(firsts):
        faster = [
            (b or 0.0) > (a or 0.0)
            for a, b in (
                (before.backward_speed_kmh, after.backward_speed_kmh),
                (before.forward_speed_kmh, after.forward_speed_kmh),
            )
        ]
        # What makes a week harder: a longer backward stretch, a faster belt, more rounds.
        changes = [after.backward_s > before.backward_s, any(faster), after.rounds > before.rounds]
        assert sum(changes) <= 1, after.name
        assert after.backward_s >= before.backward_s
        assert after.backward_total_s >= before.backward_total_s
