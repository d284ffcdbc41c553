"""A plan's fields checked one by one, each problem in plain words for the field it belongs to."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

from retrocoach.core.durations import MAX_DIGITS, DurationError, parse_duration
from retrocoach.core.plan.limits import SPEED_KEYS, TURN_WAIT_WORD
from retrocoach.core.plan.model import LIMITS, MAX_SESSION_S, SPEC_KEYS, Plan, PlanError
from retrocoach.core.speeds import SpeedError, parse_speed, point_for_comma

__all__ = [
    "FIELD_LABELS",
    "SESSION_KEY",
    "PlanCheck",
    "check_field",
    "check_fields",
    "check_speed",
    "is_turn_wait",
    "plain_length",
    "whole_plan_problem",
]
_PLAIN_NUMBER: Final = re.compile(r"[0-9]{1,3}(\.[0-9]{1,3})?")

FIELD_LABELS: Final[Mapping[str, str]] = {
    "getready": "Get ready",
    "warmup": "Warm-up",
    "forward": "Forward",
    "backward": "Backward",
    "rounds": "Rounds",
    "cooldown": "Cool-down",
    "turn": "Turn-around",
    "forward-speed": "Forward speed",
    "backward-speed": "Backward speed",
}
SESSION_KEY: Final = "session"
"""The key of a problem that belongs to the whole plan (its total length), not one field."""


def plain_length(seconds: int) -> str:
    """Seconds in words: '1 second', '2 hours', '1 hour 30 minutes', '0 seconds'."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    words = [
        f"{value} {unit}{'' if value == 1 else 's'}"
        for value, unit in ((hours, "hour"), (minutes, "minute"), (secs, "second"))
        if value
    ]
    return " ".join(words) or "0 seconds"


def label_of(key: str) -> str:
    """The field's name as the window shows it."""
    return FIELD_LABELS.get(key) or key.replace("-", " ").replace("_", " ").capitalize()


@dataclass(frozen=True, slots=True)
class PlanCheck:
    """The plan the fields make, or None, and each problem by field key (or SESSION_KEY)."""

    plan: Plan | None
    problems: Mapping[str, str] = field(default_factory=dict)

    def first_problem(self) -> str:
        """The first problem in the fields' order, or '' when the plan is fine."""
        return next(iter(self.problems.values()), "")


def is_turn_wait(key: str, text: str) -> bool:
    """Whether *text* for *key* is ``turn=wait``: the turn-arounds wait for the walker."""
    return key == "turn" and text.strip().lower() == TURN_WAIT_WORD


def check_field(key: str, text: str) -> int | str:
    """The value typed for *key* (seconds or a count), or the problem with it in plain words.

    The turn-around's word ``wait`` is no number: callers ask ``is_turn_wait`` first.
    """
    problem = _check_field(key, text)
    if key == "turn" and isinstance(problem, str):
        return f"{problem}, or write wait to turn at your own pace"
    return problem


def _check_field(key: str, text: str) -> int | str:
    label = label_of(key)
    limit = LIMITS[key]
    word = text.strip()
    if not word:
        example = "a length such as 5m or 1:30" if limit.is_duration else "a whole number"
        return f"{label} is empty: type {example}"
    if limit.is_duration:
        try:
            value = parse_duration(word)
        except DurationError as error:
            return f"{label}: {error}"
    elif word.isascii() and word.isdigit():
        value = int(word) if len(word) <= MAX_DIGITS else limit.high + 1
    else:
        return f"{label} must be a whole number from {limit.low} to {limit.high}"
    return _range_problem(label, value, limit.low, limit.high, limit.is_duration) or value


def check_speed(key: str, text: str) -> float | str | None:
    """The speed typed for *key* in km/h (None when left empty), or the problem in words."""
    label = label_of(key)
    word = text.strip()
    if not word or word.lower() in ("none", "off"):
        return None
    limit = SPEED_KEYS[key][1]
    try:
        return parse_speed(word, limit)
    except SpeedError:
        pass
    fixed = point_for_comma(word)
    if fixed is not None:
        return f"{label} takes a decimal point, not a comma: write {fixed}"
    if _PLAIN_NUMBER.fullmatch(word):  # ASCII digits: no unit makes other digits a speed
        return f"{label} needs a unit: write {word} km/h or {word} mph"
    try:
        parse_speed(word, dataclasses.replace(limit, low_kmh=0.0, high_kmh=1e9))
    except SpeedError:
        return f"{label} is a speed with its unit, such as 3.5 km/h or 2.2 mph"
    return f"{label} must be {limit.describe()}"


def _range_problem(label: str, value: int, low: int, high: int, is_duration: bool) -> str:
    shown = plain_length if is_duration else str
    if value < low:
        return f"{label} must be at least {shown(low)}"
    if value > high:
        return f"{label} must be at most {shown(high)}"
    return ""


def check_fields(texts: Mapping[str, str], name: str, base: Plan) -> PlanCheck:
    """Check the typed *texts* (by spec key); keys left out take their values from *base*."""
    problems: dict[str, str] = {}
    values: dict[str, object] = {}
    for key in SPEED_KEYS:
        if key in texts:
            speed = check_speed(key, texts[key])
            if isinstance(speed, str):
                problems[key] = speed
            else:
                values[SPEED_KEYS[key][0]] = speed
    for key in SPEC_KEYS:
        if key not in texts:
            continue
        if is_turn_wait(key, texts[key]):
            values.update(turn_s=0, turn_wait=True)
            continue
        if key == "turn":
            values["turn_wait"] = False
        checked = check_field(key, texts[key])
        if isinstance(checked, str):
            problems[key] = checked
        else:
            values[SPEC_KEYS[key]] = checked
    if problems:
        return PlanCheck(None, problems)
    plan = dataclasses.replace(base, name=name, **values)  # type: ignore[arg-type]
    problem = whole_plan_problem(plan)
    return PlanCheck(None, {SESSION_KEY: problem}) if problem else PlanCheck(plan)


def whole_plan_problem(plan: Plan) -> str:
    """What is wrong with the plan as a whole (its total length), in plain words; '' if fine."""
    if plan.total_s > MAX_SESSION_S:
        return (
            f"The whole session would last {plain_length(plan.total_s)}: "
            f"a session is at most {plain_length(MAX_SESSION_S)}"
        )
    try:
        plan.validate()
    except PlanError as error:
        # A rule this module does not know of yet (a new key): still said, on the whole plan.
        return f"{str(error)[:1].upper()}{str(error)[1:]}"
    return ""
