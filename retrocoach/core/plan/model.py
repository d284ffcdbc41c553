"""Session plans: the segments of a session, their limits, and the inline ``key=value`` spec."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from retrocoach.core.durations import format_duration, quoted, rejoin_split_durations
from retrocoach.core.plan.limits import (
    LIMITS,
    MAX_NAME_LENGTH,
    MAX_SESSION_S,
    OPTIONAL_FIELDS,
    SPEC_KEYS,
    SPEED_KEYS,
    TURN_WAIT_WORD,
    PlanError,
    human_seconds,
)
from retrocoach.core.plan.spec_words import key_list, speed_word, value_word
from retrocoach.core.segments import Direction, Kind, Segment
from retrocoach.core.speeds import backward_speed_warning, join_units, spec_speed

__all__ = [
    "DEFAULT_PLAN",
    "LIMITS",
    "MAX_SESSION_S",
    "SPEC_KEYS",
    "SPEED_KEYS",
    "TURN_WAIT_WORD",
    "Direction",
    "Kind",
    "Plan",
    "PlanError",
    "Segment",
    "parse_spec",
]


@dataclass(frozen=True, slots=True)
class Plan:
    """A session: get-ready, warm-up (forward), rounds of forward then backward, cool-down.

    With ``turn_s`` a turn-around phase comes before every change of direction; with
    ``turn_wait`` (``turn=wait``) each turn-around instead lasts until the walker says go, and
    ``turn_s`` is 0. Belt speeds are in km/h, None when the plan does not say.
    """

    forward_s: int = 300
    backward_s: int = 60
    rounds: int = 3
    warmup_s: int = 120
    cooldown_s: int = 120
    getready_s: int = 5
    name: str = "custom"
    turn_s: int = 0
    forward_speed_kmh: float | None = None
    backward_speed_kmh: float | None = None
    turn_wait: bool = False

    def validate(self) -> Plan:
        """Return the plan itself if every value is within its limits, else raise PlanError."""
        for key, field in SPEC_KEYS.items():
            value = getattr(self, field)
            limit = LIMITS[key]
            if isinstance(value, bool) or not isinstance(value, int):
                raise PlanError(f"{key} must be {limit.describe()}")
            if not limit.low <= value <= limit.high:
                shown = human_seconds(value) if limit.is_duration and value >= 0 else str(value)
                raise PlanError(f"{key}={shown} is out of range: {key} is {limit.describe()}")
        for key, (field, speed_limit) in SPEED_KEYS.items():
            speed = getattr(self, field)
            if speed is None:
                continue
            if isinstance(speed, bool) or not isinstance(speed, int | float):
                raise PlanError(f"{key} must be a speed {speed_limit.describe()}, or none")
            if not speed_limit.allows(speed):  # NaN fails this too
                raise PlanError(f"{key} is out of range: it is {speed_limit.describe()}")
        if not isinstance(self.turn_wait, bool):
            raise PlanError(f"turn_wait must be true or false; turn is {LIMITS['turn'].describe()}")
        if self.turn_wait and self.turn_s:
            raise PlanError("turn=wait has no length of its own: a turn-around waits or is timed")
        if self.total_s > MAX_SESSION_S:
            raise PlanError(
                f"the whole session would last {human_seconds(self.total_s)}: "
                f"a session is at most {human_seconds(MAX_SESSION_S)}"
            )
        if not self.name.strip() or len(self.name) > MAX_NAME_LENGTH:
            raise PlanError(f"a plan name is 1 to {MAX_NAME_LENGTH} characters")
        return self

    def warnings(self) -> tuple[str, ...]:
        """Allowed but worth a word before walking: a backward belt past the beginners' range."""
        warning = backward_speed_warning(self.backward_speed_kmh)
        return () if warning is None else (warning,)

    def segments(self) -> tuple[Segment, ...]:
        """Every segment in order; parts of zero length are left out.

        A turn-around (of the round that follows it; 0 before the cool-down) comes before each
        change of direction when ``turn_s`` or ``turn_wait`` is set.
        """
        walking: list[Segment] = []
        if self.warmup_s:
            walking.append(Segment(Kind.WARMUP, self.warmup_s))
        for number in range(1, self.rounds + 1):
            walking.append(Segment(Kind.FORWARD, self.forward_s, number))
            walking.append(Segment(Kind.BACKWARD, self.backward_s, number))
        if self.cooldown_s:
            walking.append(Segment(Kind.COOLDOWN, self.cooldown_s))
        parts: list[Segment] = []
        if self.getready_s:
            parts.append(Segment(Kind.GETREADY, self.getready_s))
        for segment in walking:
            previous = parts[-1].kind.direction if parts else None
            turning = previous is not None and previous is not segment.kind.direction
            if turning and self.turn_wait:
                parts.append(Segment(Kind.TURN, 0, segment.round, waits=True))
            elif turning and self.turn_s:
                parts.append(Segment(Kind.TURN, self.turn_s, segment.round))
            parts.append(segment)
        return tuple(parts)

    @property
    def turns(self) -> int:
        """How many changes of direction the session has (each gets a turn-around phase)."""
        return 2 * self.rounds - 1 + (1 if self.cooldown_s else 0)

    @property
    def total_s(self) -> int:
        """The whole session, get-ready countdown and turn-arounds included (a waiting one as 0)."""
        return self.getready_s + self.walking_s + self.turns * self.turn_s

    @property
    def walking_s(self) -> int:
        """Planned walking time: everything but the get-ready countdown and the turn-arounds."""
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
        """The inline spec that parses back to this plan (turn and speeds only when set)."""
        words = []
        for key, field in SPEC_KEYS.items():
            value = getattr(self, field)
            if key == "turn" and self.turn_wait:
                words.append("turn=wait")
                continue
            if key == "turn" and not value:
                continue
            words.append(f"{key}={value if key == 'rounds' else human_seconds(value)}")
        for key, (field, _) in SPEED_KEYS.items():
            speed = getattr(self, field)
            if speed is not None:
                words.append(f"{key}={spec_speed(speed)}")
        return " ".join(words)

    def describe(self) -> str:
        """A short human summary, e.g. '3 x (5:00 forward, 1:00 backward), 10:00 walking'."""
        text = (
            f"{self.rounds} x ({format_duration(self.forward_s)} forward, "
            f"{format_duration(self.backward_s)} backward), "
            f"{format_duration(self.walking_s)} walking"
        )
        if self.turn_wait:
            text += ", turning round when ready"
        elif self.turn_s:
            text += f", {format_duration(self.turn_s)} to turn round"
        return text

    def to_dict(self) -> dict[str, str | int | float | bool | None]:
        """The plan as stored in history and plans files: its name, lengths and speeds.

        ``turn_wait`` is written only when set, so a plan without it is stored as before.
        """
        fields = ("name", *SPEC_KEYS.values(), *(field for field, _ in SPEED_KEYS.values()))
        stored: dict[str, str | int | float | bool | None] = {f: getattr(self, f) for f in fields}
        if self.turn_wait:
            stored["turn_wait"] = True
        return stored

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Plan:
        """Read a plan written by to_dict(); raise PlanError naming a missing or bad field.

        A plan written before turns and speeds existed has none: no turn, speeds unknown.
        """
        values: dict[str, object] = {}
        for field in ("name", *SPEC_KEYS.values(), *OPTIONAL_FIELDS):
            if field in data:
                values[field] = data[field]
            elif field in OPTIONAL_FIELDS:
                values[field] = OPTIONAL_FIELDS[field]
            else:
                raise PlanError(f"the plan has no '{field}'")
        if not isinstance(values["name"], str):
            raise PlanError("the plan's name must be text")
        plan = cls(**values)  # type: ignore[arg-type]  # each field is checked by validate()
        return plan.validate()

    def renamed(self, name: str) -> Plan:
        """The same plan under another name."""
        return dataclasses.replace(self, name=name)


DEFAULT_PLAN: Final = Plan()


def parse_spec(text: str, name: str = "custom", base: Plan = DEFAULT_PLAN) -> Plan:
    """Read an inline spec such as ``forward=5m backward=1m rounds=3 backward-speed=1.5 km/h``.

    Keys left out take their values from *base*. Unknown, repeated or empty keys and bad values
    raise PlanError with a message that names the word at fault and what is allowed.
    """
    words = rejoin_split_durations(join_units(text.split(), SPEED_KEYS))
    if not words:
        raise PlanError(f"the plan is empty: write key=value words with keys {key_list()}")
    values: dict[str, object] = {}
    for word in words:
        key, sep, raw = word.partition("=")
        key = key.lower()
        if not sep:
            raise PlanError(
                f"{quoted(word)} is not key=value: write e.g. forward=5m ({key_list()})"
            )
        if not key:
            raise PlanError(f"{quoted(word)} has no key before '=': the keys are {key_list()}")
        if key not in SPEC_KEYS and key not in SPEED_KEYS:
            raise PlanError(f"{quoted(word)}: unknown key '{key}'; the keys are {key_list()}")
        if key in values:
            raise PlanError(f"{quoted(word)}: {key} is given twice; give each key once")
        if key in SPEED_KEYS:
            values[key] = speed_word(word, key, raw)
            continue
        if key == "turn" and raw.lower() == TURN_WAIT_WORD:
            values[key] = TURN_WAIT_WORD
            continue
        if not raw:
            raise PlanError(f"{quoted(word)} has no value: {key} is {LIMITS[key].describe()}")
        values[key] = value_word(word, key, raw)
    fields = {
        (SPEED_KEYS[key][0] if key in SPEED_KEYS else SPEC_KEYS[key]): value
        for key, value in values.items()
    }
    if "turn" in values:  # a timed turn replaces a waiting one of the base, and the other way
        waits = values["turn"] == TURN_WAIT_WORD
        fields.update(turn_s=0 if waits else values["turn"], turn_wait=waits)
    plan = dataclasses.replace(base, name=name, **fields)  # type: ignore[arg-type]
    return plan.validate()
