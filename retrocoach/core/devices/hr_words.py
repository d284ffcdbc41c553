"""What the coach says about the walker's heart: the live reading and each notice, in words."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from retrocoach.core.devices.hr_watch import (
    FAR_MARGIN_BPM,
    OVER_FOR_S,
    SILENCE_S,
    BackUnder,
    EaseOff,
    FarAbove,
    HrNotice,
    SignalBack,
    SignalLost,
    Zone,
    zone,
)

__all__ = ["HeartShown", "Urgency", "heart_text", "notice_words"]

_ZONE_WORDS = {
    Zone.UNDER: "under",
    Zone.NEAR: "near",
    Zone.OVER: "above",
    Zone.FAR_OVER: "far above",
}


class Urgency(StrEnum):
    """How a notice is given: a line, or the coach's largest message with its own sound."""

    QUIET = "quiet"
    """A line of text, no sound of its own (back under, signal back)."""
    EASE_OFF = "ease off"
    """The ease-off sound and the coach's largest message."""
    STOP = "stop"
    """The ease-off sound and the largest message, suggesting the walker stop."""


@dataclass(frozen=True, slots=True)
class HeartShown:
    """The live reading as the coach shows it: its text and its zone (None: no ceiling)."""

    text: str
    zone: Zone | None


def heart_text(bpm: int | None, ceiling: int | None) -> HeartShown:
    """The live reading: 'Heart 112', 'Heart 112 · near 120', or 'Heart --' without a value."""
    if bpm is None:
        return HeartShown("Heart --", None)
    if ceiling is None:
        return HeartShown(f"Heart {bpm}", None)
    where = zone(bpm, ceiling)
    return HeartShown(f"Heart {bpm} · {_ZONE_WORDS[where]} {ceiling}", where)


def notice_words(notice: HrNotice, ceiling: int | None) -> tuple[str, Urgency]:
    """What the walker is told for *notice*, and how loudly."""
    limit = "your ceiling" if ceiling is None else f"your ceiling of {ceiling}"
    if isinstance(notice, EaseOff):
        return (
            f"Ease off: your heart rate has been above {limit} for {OVER_FOR_S:g} seconds "
            f"({notice.bpm} now). Walk more slowly until it comes down.",
            Urgency.EASE_OFF,
        )
    if isinstance(notice, FarAbove):
        return (
            f"Your heart rate is {notice.bpm}, {FAR_MARGIN_BPM} or more above {limit}. "
            "Slow down, hold the handrails, and stop the walk if it stays this high "
            "or you feel unwell.",
            Urgency.STOP,
        )
    if isinstance(notice, SignalLost):
        return (
            f"No heart rate from the strap for {SILENCE_S:g} seconds while you walk backward. "
            "Hold the handrails; if you feel strained, stop the walk and check the strap.",
            Urgency.STOP,
        )
    if isinstance(notice, BackUnder):
        return f"Heart rate back under {limit}: {notice.bpm}.", Urgency.QUIET
    assert isinstance(notice, SignalBack)
    return f"Heart rate heard again: {notice.bpm}.", Urgency.QUIET
