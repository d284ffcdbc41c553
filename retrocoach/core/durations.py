"""Durations as people type them ("90s", "5m", "1m30s", "1h5m", "1:30") to and from seconds."""

from __future__ import annotations

import math
import re
from typing import Final

__all__ = ["DurationError", "format_duration", "parse_duration", "quoted"]

ALLOWED_FORMS: Final = "a number with a unit (90s, 5m, 1m30s, 1h, 1h5m) or m:ss (1:30)"

# Units must come in order h, m, s, each at most once. [0-9] and re.ASCII keep out the
# non-ASCII digits that \d and int() would otherwise accept (fullwidth or Arabic-Indic digits).
_UNITS = re.compile(r"(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?", re.ASCII)
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
    match = _UNITS.fullmatch(word)
    if match and any(match.groups()):
        hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
        return hours * 3600 + minutes * 60 + seconds
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
