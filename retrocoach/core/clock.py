"""Clocks: the one place the core learns the time, injected so tests can drive it."""

from __future__ import annotations

import time
from datetime import UTC, datetime, tzinfo
from typing import Protocol

__all__ = [
    "Clock",
    "MonotonicClock",
    "in_zone",
    "local_now",
    "shown_time",
]


class Clock(Protocol):
    """Seconds on a clock that never jumps back and ignores changes to the wall time."""

    def now(self) -> float:
        """The current reading in seconds; only differences between readings mean anything."""
        ...


class MonotonicClock:
    """The system's steady clock.

    On Linux this is CLOCK_BOOTTIME, which keeps counting while the machine is suspended, so a
    suspended laptop shows up as a gap between ticks and the session pauses where the walker
    stopped. Elsewhere it is time.monotonic(). Neither moves when the wall clock is set.
    """

    def __init__(self) -> None:
        clock_id = getattr(time, "CLOCK_BOOTTIME", None)
        self._clock_id: int | None = None
        if clock_id is not None:
            try:
                time.clock_gettime(clock_id)
                self._clock_id = clock_id
            except OSError:  # pragma: no cover - kernels without BOOTTIME
                self._clock_id = None

    def now(self) -> float:
        """Seconds since an arbitrary fixed point."""
        if self._clock_id is not None:
            return time.clock_gettime(self._clock_id)
        return time.monotonic()


def local_now() -> datetime:
    """The wall time now, in the user's time zone, with its UTC offset."""
    return datetime.now().astimezone()


def moment_text(moment: datetime) -> str:
    """*moment* as every file RetroCoach writes holds it: ISO 8601 with a ``+HH:MM`` offset.

    A time zone whose offset has seconds (``TZ='ABC-0:17:30'``, or a zone's local mean time
    before 1900) has no ``+HH:MM`` form; such a moment is written in UTC, the same instant,
    so that every file still reads as its shipped schema says.
    """
    offset = moment.utcoffset()
    if offset is not None and (offset.seconds % 60 or offset.microseconds):
        moment = moment.astimezone(UTC)
    return moment.isoformat()


def in_zone(moment: datetime, tz: tzinfo | None = None) -> datetime:
    """*moment* in *tz* (the local time zone if None), or as it is if that cannot be shown.

    A time near the ends of the calendar (year 1 or 9999) can leave Python's range once the
    zone's offset is applied; it is then shown with its own UTC offset rather than crashing
    a listing, an export or the window.
    """
    try:
        return moment.astimezone(tz)
    except (OverflowError, ValueError, OSError):
        return moment


def shown_time(moment: datetime, tz: tzinfo | None = None) -> str:
    """*moment* as the listings and the window show it, ``YYYY-MM-DD HH:MM``, in *tz*.

    The year has its four digits even before 1000 (strftime's ``%Y`` drops them on glibc).
    """
    local = in_zone(moment, tz)
    return f"{local.year:04d}-{local:%m-%d %H:%M}"
