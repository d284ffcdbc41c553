"""Reading one word of an inline plan spec: a length, a count or a belt speed, within limits."""

from __future__ import annotations

from retrocoach.core.durations import MAX_DIGITS, DurationError, parse_duration, quoted
from retrocoach.core.plan.limits import LIMITS, SPEC_KEYS, SPEED_KEYS, Limit, PlanError
from retrocoach.core.speeds import SpeedError, parse_speed

__all__ = ["key_list", "speed_word", "value_word"]


def speed_word(word: str, key: str, raw: str) -> float | None:
    """The belt speed *raw* of speed key *key* in *word*; None for "none" or "off"."""
    if raw.lower() in ("none", "off"):
        return None  # a saved plan with a speed can be walked without one
    try:
        return parse_speed(raw, SPEED_KEYS[key][1])
    except SpeedError as error:
        raise PlanError(f"{quoted(word)}: {error}") from None


def value_word(word: str, key: str, raw: str) -> int:
    """The seconds (or count, for rounds) *raw* of *key* in *word*, within the key's limits."""
    limit: Limit = LIMITS[key]
    if limit.is_duration:
        try:
            value = parse_duration(raw)
        except DurationError as error:
            also = f"; or {key}={limit.word}" if limit.word else ""
            raise PlanError(f"{quoted(word)}: {error}{also}") from None
    elif raw.isascii() and raw.isdigit():
        # A few digits at most: int() itself refuses numbers of thousands of digits.
        value = int(raw) if len(raw) <= MAX_DIGITS else limit.high + 1
    else:
        raise PlanError(f"{quoted(word)}: {key} is {limit.describe()}")
    if not limit.low <= value <= limit.high:
        raise PlanError(f"{quoted(word)} is out of range: {key} is {limit.describe()}")
    return value


def key_list() -> str:
    """Every key a spec takes, for a message that lists what is allowed."""
    return ", ".join((*SPEC_KEYS, *SPEED_KEYS))
