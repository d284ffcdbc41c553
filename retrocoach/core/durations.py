"""Durations as people type them ("90s", "5 min", "1.5m", "1h5m", "1:30") to and from seconds."""

from __future__ import annotations

import math
import re
from typing import Final

__all__ = [
    "DurationError",
    "continues_duration",
    "format_duration",
    "format_spent",
    "format_total",
    "format_walked",
    "parse_duration",
    "quoted",
    "rejoin_split_durations",
    "whole_seconds",
]

ALLOWED_FORMS: Final = "a number with a unit (90s, 5m, 5 min, 1.5m, 1m30s, 1h) or m:ss (1:30)"

# The words a unit may be written as, each naming its length in seconds.
_UNIT_WORDS: Final = {
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), 3600),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), 60),
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), 1),
}
# One part: a number (a decimal point or comma allowed) and a unit word, spaces allowed
# between them (no-break spaces too, as some keyboards type before a unit). [0-9] and
# re.ASCII keep out the non-ASCII digits that \d and int() would otherwise accept (fullwidth
# or Arabic-Indic digits).
_PART = re.compile(
    "[ \t\u00a0\u202f]*([0-9]+(?:[.,][0-9]+)?)[ \t\u00a0\u202f]*([a-z]+)[ \t\u00a0\u202f]*",
    re.ASCII,
)
_CLOCK = re.compile(r"(?:([0-9]+):([0-9]{2}):|([0-9]+):)([0-9]{2})", re.ASCII)


MAX_DIGITS: Final = 6
"""More digits than any allowed length needs; int() itself refuses past 4,300 digits."""


def quoted(text: str, limit: int = 40) -> str:
    """*text* in quotes for a one-line message: control characters escaped, long text cut."""
    shown = "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)
    if len(shown) > limit:
        shown = shown[: limit - 3] + "..."
    return f"'{shown}'"


class DurationError(ValueError):
    """A duration that cannot be read; the message names the text and the allowed forms."""


def parse_duration(text: str) -> int:
    """Return the whole seconds written in *text*, or raise DurationError saying why not."""
    word = text.strip().lower()
    if not word:
        raise DurationError(f"empty duration: use {ALLOWED_FORMS}")
    if any(len(run) > MAX_DIGITS for run in re.findall(r"[0-9]+", word, re.ASCII)):
        raise DurationError(f"{quoted(text)} has a number far too long: use {ALLOWED_FORMS}")
    if word.isascii() and word.isdigit():
        raise DurationError(
            f"{quoted(text)} has no unit: write {word}m for minutes or {word}s for seconds"
        )
    if word.startswith("-"):
        raise DurationError(f"{quoted(text)} is negative: durations are {ALLOWED_FORMS}")
    parts = _unit_parts(word)
    if parts is not None:
        return _sum_parts(text, parts)
    match = _CLOCK.fullmatch(word)
    if match:
        h_part, m_of_hms, m_part, s_part = match.groups()
        seconds = int(s_part)
        if seconds >= 60:
            raise DurationError(
                f"{quoted(text)} has {seconds} seconds: the seconds after ':' run 00-59"
            )
        if h_part is not None:
            minutes = int(m_of_hms)
            if minutes >= 60:
                raise DurationError(
                    f"{quoted(text)} has {minutes} minutes: in h:mm:ss the minutes run 00-59"
                )
            return int(h_part) * 3600 + minutes * 60 + seconds
        return int(m_part) * 60 + seconds
    raise DurationError(f"{quoted(text)} is not a duration: use {ALLOWED_FORMS}")


def continues_duration(word: str) -> bool:
    """Whether *word* reads as the rest of a duration split at a space ("min" of "5 min")."""
    lowered = word.lower()
    return lowered in _UNIT_WORDS or bool(
        (parts := _unit_parts(lowered)) and all(unit in _UNIT_WORDS for _, unit in parts)
    )


def rejoin_split_durations(words: list[str]) -> list[str]:
    """``key=value`` words with a value split at spaces joined back ('forward=5', 'min').

    A number is joined only together with the unit after it: '5' alone stays its own word.
    """
    joined: list[str] = []
    pending = list(words)
    while pending:
        word = pending.pop(0)
        if joined and "=" in joined[-1] and "=" not in word:
            pair = f"{word} {pending[0]}" if pending and "=" not in pending[0] else word
            for tail in (word, pair):
                if continues_duration(tail):
                    joined[-1] = f"{joined[-1]} {tail}"
                    del pending[: tail.count(" ")]
                    break
            else:
                joined.append(word)
            continue
        joined.append(word)
    return joined


def _unit_parts(word: str) -> list[tuple[str, str]] | None:
    """The (number, unit word) pairs that make up *word*, or None if it is not made of them."""
    parts: list[tuple[str, str]] = []
    position = 0
    while position < len(word):
        match = _PART.match(word, position)
        if not match:
            return None
        parts.append((match.group(1), match.group(2)))
        position = match.end()
    return parts or None


def _sum_parts(text: str, parts: list[tuple[str, str]]) -> int:
    """Whole seconds of the parts, largest unit first, each unit once; fractions round."""
    total = 0.0
    last_size = 3600 * 2
    for number, unit in parts:
        size = _UNIT_WORDS.get(unit)
        if size is None:
            raise DurationError(f"{quoted(text)} has an unknown unit '{unit}': use {ALLOWED_FORMS}")
        if size >= last_size:
            raise DurationError(
                f"{quoted(text)} is not a duration: give hours, minutes, seconds in that order, "
                "each once"
            )
        last_size = size
        total += float(number.replace(",", ".")) * size
    # Half a second rounds up: "0.5s" is a second, not nothing.
    return math.floor(total + 0.5)


def format_duration(seconds: float) -> str:
    """Format *seconds* as m:ss, or h:mm:ss from one hour on; fractions round up.

    Rounding up means a countdown shows 0:01 until the very end and 0:00 only when it is over,
    which is what a walker watching the display expects.
    """
    # Rounding to the millisecond first keeps float noise (5.000000001) from showing a second.
    whole = max(0, math.ceil(round(seconds, 3)))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def whole_seconds(seconds: float) -> int:
    """The one rule for time walked: the nearest whole second (half a second up).

    Every walked time the walker reads (the window's summary, `run`'s last line, `history`,
    the History page) goes through it, so one walk reads the same everywhere. Countdowns are
    the exception: they round up (format_duration), so 0:00 shows only when time is up.
    """
    return max(0, int(round(seconds, 3) + 0.5))


def format_spent(seconds: float) -> str:
    """Time walked (or not), rounded as whole_seconds rounds it: m:ss or h:mm:ss."""
    return format_duration(whole_seconds(seconds))


def format_walked(forward_s: float, backward_s: float) -> tuple[str, str, str]:
    """The time walked in all, forward and backward, as m:ss texts that add up.

    Each part is rounded to the nearest second and the whole is their sum: rounded up one by
    one (as a countdown is), 2.4 s and 1.5 s read '0:03' and '0:02' beside a whole of '0:04'.
    """
    forward, backward = whole_seconds(forward_s), whole_seconds(backward_s)
    return (
        format_duration(forward + backward),
        format_duration(forward),
        format_duration(backward),
    )


LONG_TOTAL_S: Final = 100 * 3600
"""From a hundred hours on, a total reads better in words than as h:mm:ss."""


def format_total(seconds: float) -> str:
    """A total of walking: m:ss or h:mm:ss like every other time, and from a hundred hours on
    '3,085 h 49 min' (whole minutes, rounded down, with thousands separated)."""
    if seconds < LONG_TOTAL_S:
        return format_spent(seconds)
    minutes = int(max(0.0, seconds) // 60)
    hours, rest = divmod(minutes, 60)
    return f"{hours:,} h {rest} min"
