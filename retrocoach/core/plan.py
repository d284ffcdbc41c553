"""Session plans: the segments of a session, their limits, and the inline ``key=value`` spec."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from retrocoach.core.durations import (
    MAX_DIGITS,
    DurationError,
    format_duration,
    parse_duration,
    quoted,
)

__all__ = [
    "DEFAULT_PLAN",
    "LIMITS",
    "SPEC_KEYS",
    "Direction",
    "Kind",
    "Limit",
    "Plan",
    "PlanError",
    "Segment",
    "parse_spec",
]


class PlanError(ValueError):
    """A plan or plan spec that cannot be used; the message names the bad word and the rule."""


class Direction(StrEnum):
    """Which way the walker faces."""

    FORWARD = "forward"
    BACKWARD = "backward"


class Kind(StrEnum):
    """The part of the session a segment belongs to."""

    GETREADY = "getready"
    WARMUP = "warmup"
    FORWARD = "forward"
    BACKWARD = "backward"
    COOLDOWN = "cooldown"

    @property
    def direction(self) -> Direction | None:
        """The walking direction, or None for the get-ready countdown (nobody walks yet)."""
        if self is Kind.GETREADY:
            return None
        return Direction.BACKWARD if self is Kind.BACKWARD else Direction.FORWARD


@dataclass(frozen=True, slots=True)
class Segment:
    """One stretch of the session: what to do and for how many seconds."""

    kind: Kind
    seconds: int
    round: int = 0
    """1-based round for forward and backward segments; 0 for the parts outside the rounds."""


@dataclass(frozen=True, slots=True)
class Limit:
    """The allowed range of one spec key (seconds, or a count for rounds)."""

    low: int
    high: int
    is_duration: bool = True

    def describe(self) -> str:
        if self.is_duration:
            return f"from {_human(self.low)} to {_human(self.high)}"
        return f"a whole number from {self.low} to {self.high}"


def _human(seconds: int) -> str:
    """Seconds in the unit form users type: 90s -> 1m30s, 3600 -> 1h, 0 -> 0s."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    text = "".join(
        f"{value}{unit}" for value, unit in ((hours, "h"), (minutes, "m"), (secs, "s")) if value
    )
    return text or "0s"


# The spec key for each Plan field, in the order a spec is written.
SPEC_KEYS: Final[Mapping[str, str]] = {
    "getready": "getready_s",
    "warmup": "warmup_s",
    "forward": "forward_s",
    "backward": "backward_s",
    "rounds": "rounds",
    "cooldown": "cooldown_s",
}
LIMITS: Final[Mapping[str, Limit]] = {
    "getready": Limit(0, 60),
    "warmup": Limit(0, 3600),
    "forward": Limit(1, 2 * 3600),
    "backward": Limit(1, 2 * 3600),
    "rounds": Limit(1, 100, is_duration=False),
    "cooldown": Limit(0, 3600),
}
MAX_SESSION_S: Final = 8 * 3600
MAX_NAME_LENGTH: Final = 60


@dataclass(frozen=True, slots=True)
class Plan:
    """A session: get-ready, warm-up (forward), rounds of forward then backward, cool-down."""

    forward_s: int = 300
    backward_s: int = 60
    rounds: int = 3
    warmup_s: int = 120
    cooldown_s: int = 120
    getready_s: int = 5
    name: str = "custom"

    def validate(self) -> Plan:
        """Return the plan itself if every length is within its limits, else raise PlanError."""
        for key, field in SPEC_KEYS.items():
            value = getattr(self, field)
            limit = LIMITS[key]
            if isinstance(value, bool) or not isinstance(value, int):
                raise PlanError(f"{key} must be {limit.describe()}")
            if not limit.low <= value <= limit.high:
                shown = _human(value) if limit.is_duration and value >= 0 else str(value)
                raise PlanError(f"{key}={shown} is out of range: {key} is {limit.describe()}")
        if self.total_s > MAX_SESSION_S:
            raise PlanError(
                f"the whole session would last {_human(self.total_s)}: "
                f"a session is at most {_human(MAX_SESSION_S)}"
            )
        if not self.name.strip() or len(self.name) > MAX_NAME_LENGTH:
            raise PlanError(f"a plan name is 1 to {MAX_NAME_LENGTH} characters")
        return self

    def segments(self) -> tuple[Segment, ...]:
        """Every segment in order; parts of zero length are left out."""
        parts: list[Segment] = []
        if self.getready_s:
            parts.append(Segment(Kind.GETREADY, self.getready_s))
        if self.warmup_s:
            parts.append(Segment(Kind.WARMUP, self.warmup_s))
        for number in range(1, self.rounds + 1):
            parts.append(Segment(Kind.FORWARD, self.forward_s, number))
            parts.append(Segment(Kind.BACKWARD, self.backward_s, number))
        if self.cooldown_s:
            parts.append(Segment(Kind.COOLDOWN, self.cooldown_s))
        return tuple(parts)

    @property
    def total_s(self) -> int:
        """The whole session, get-ready countdown included."""
        return self.getready_s + self.walking_s

    @property
    def walking_s(self) -> int:
        """Planned walking time: everything but the get-ready countdown."""
        return self.forward_total_s + self.backward_total_s

    @property
    def forward_total_s(self) -> int:
        """Planned forward walking, warm-up and cool-down included."""
        return self.warmup_s + self.rounds * self.forward_s + self.cooldown_s

    @property
    def backward_total_s(self) -> int:
        """Planned backward walking."""
        return self.rounds * self.backward_s

    def spec(self) -> str:
        """The inline spec that parses back to this plan's lengths."""
        words = []
        for key, field in SPEC_KEYS.items():
            value = getattr(self, field)
            words.append(f"{key}={value if key == 'rounds' else _human(value)}")
        return " ".join(words)

    def describe(self) -> str:
        """A short human summary, e.g. '3 x (5:00 forward, 1:00 backward), 10:00 in all'."""
        return (
            f"{self.rounds} x ({format_duration(self.forward_s)} forward, "
            f"{format_duration(self.backward_s)} backward), "
            f"{format_duration(self.walking_s)} walking"
        )

    def to_dict(self) -> dict[str, str | int]:
        """The plan as stored in history and plans files: its name and lengths in seconds."""
        return {"name": self.name, **{field: getattr(self, field) for field in SPEC_KEYS.values()}}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Plan:
        """Read a plan written by to_dict(); raise PlanError naming a missing or bad field."""
        values: dict[str, object] = {}
        for field in ("name", *SPEC_KEYS.values()):
            if field not in data:
                raise PlanError(f"the plan has no '{field}'")
            values[field] = data[field]
        if not isinstance(values["name"], str):
            raise PlanError("the plan's name must be text")
        plan = cls(**values)  # type: ignore[arg-type]  # each field is checked by validate()
        return plan.validate()

    def renamed(self, name: str) -> Plan:
        """The same lengths under another name."""
        return dataclasses.replace(self, name=name)


DEFAULT_PLAN: Final = Plan()


def parse_spec(text: str, name: str = "custom", base: Plan = DEFAULT_PLAN) -> Plan:
    """Read an inline spec such as ``forward=5m backward=1m rounds=3``.

    Keys left out take their values from *base*. Unknown, repeated or empty keys and bad values
    raise PlanError with a message that names the word at fault and what is allowed.
    """
    words = text.split()
    if not words:
        raise PlanError(f"the plan is empty: write key=value words with keys {_key_list()}")
    values: dict[str, int] = {}
    for word in words:
        key, sep, raw = word.partition("=")
        key = key.lower()
        if not sep:
            raise PlanError(
                f"{quoted(word)} is not key=value: write e.g. forward=5m ({_key_list()})"
            )
        if not key:
            raise PlanError(f"{quoted(word)} has no key before '=': the keys are {_key_list()}")
        if key not in SPEC_KEYS:
            raise PlanError(f"{quoted(word)}: unknown key '{key}'; the keys are {_key_list()}")
        if key in values:
            raise PlanError(f"{quoted(word)}: {key} is given twice; give each key once")
        if not raw:
            raise PlanError(f"{quoted(word)} has no value: {key} is {LIMITS[key].describe()}")
        values[key] = _parse_value(word, key, raw)
    fields = {SPEC_KEYS[key]: value for key, value in values.items()}
    plan = dataclasses.replace(base, name=name, **fields)
    return plan.validate()


def _parse_value(word: str, key: str, raw: str) -> int:
    limit = LIMITS[key]
    if limit.is_duration:
        try:
            value = parse_duration(raw)
        except DurationError as error:
            raise PlanError(f"{quoted(word)}: {error}") from None
    elif raw.isascii() and raw.isdigit():
        # A few digits at most: int() itself refuses numbers of thousands of digits.
        value = int(raw) if len(raw) <= MAX_DIGITS else limit.high + 1
    else:
        raise PlanError(f"{quoted(word)}: {key} is {limit.describe()}")
    if not limit.low <= value <= limit.high:
        raise PlanError(f"{quoted(word)} is out of range: {key} is {limit.describe()}")
    return value


def _key_list() -> str:
    return ", ".join(SPEC_KEYS)
