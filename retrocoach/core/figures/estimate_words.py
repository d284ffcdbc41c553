"""The estimates in words: belt distance in km or miles and energy in kcal, always as estimates."""

from __future__ import annotations

from typing import Final

from retrocoach.core.durations import format_total
from retrocoach.core.figures.stats import Totals, WeekTotals
from retrocoach.core.history.records import SessionRecord
from retrocoach.core.session.estimates import ESTIMATE_NOTE
from retrocoach.core.speeds import KMH_PER_MPH, Units

__all__ = [
    "ESTIMATE_NOTE",
    "HOW_ESTIMATED",
    "distance_text",
    "energy_text",
    "record_estimate_line",
    "record_estimates",
    "totals_estimate_line",
    "week_tip",
]

_UNKNOWN: Final = "-"
HOW_ESTIMATED: Final = (
    "estimates: speed x time, and METs x body mass, resting energy included; METs for adults "
    "19-59, lower holding the rails; we found no study of backward walking at 1-2 km/h"
)
"""The short form of ESTIMATE_NOTE, for a line that has little room."""


def distance_text(metres: float | None, units: Units = Units.KMH) -> str:
    """'1.23 km' or '0.76 mi' (by the speed unit shown), '-' when unknown."""
    if metres is None:
        return _UNKNOWN
    if units is Units.MPH:
        return f"{metres / 1000 / KMH_PER_MPH:.2f} mi"
    return f"{metres / 1000:.2f} km"


def energy_text(kcal: float | None) -> str:
    """'62 kcal', '-' when unknown."""
    return _UNKNOWN if kcal is None else f"{kcal:.0f} kcal"


def record_estimates(record: SessionRecord, units: Units = Units.KMH) -> tuple[str, str]:
    """A session's estimated belt distance (both directions) and energy, as table cells."""
    forward, backward = record.forward_m, record.backward_m
    distance = None if forward is None or backward is None else forward + backward
    return distance_text(distance, units), energy_text(record.energy_kcal_est)


def record_estimate_line(record: SessionRecord, units: Units = Units.KMH) -> str:
    """One line for a walk's summary, or '' when nothing can be estimated."""
    parts = []
    if record.forward_m is not None and record.backward_m is not None:
        parts.append(
            f"{distance_text(record.forward_m + record.backward_m, units)} on the belt "
            f"({distance_text(record.forward_m, units)} forward, "
            f"{distance_text(record.backward_m, units)} backward)"
        )
    if record.energy_kcal_est is not None:
        parts.append(f"about {energy_text(record.energy_kcal_est)}")
    if not parts:
        return ""
    return f"Estimated: {', '.join(parts)} ({HOW_ESTIMATED})"


def totals_estimate_line(totals: Totals, units: Units = Units.KMH) -> str:
    """Estimated distance and energy over some sessions, saying how many each covers; '' if none."""
    parts = []
    if totals.with_distance:
        parts.append(
            f"{distance_text(totals.distance_m, units)} on the belt "
            f"({_of(totals.with_distance, totals.sessions)})"
        )
    if totals.with_energy:
        parts.append(
            f"about {energy_text(totals.energy_kcal)} ({_of(totals.with_energy, totals.sessions)})"
        )
    return "Estimated: " + ", ".join(parts) if parts else ""


def week_tip(week: WeekTotals, units: Units = Units.KMH) -> str:
    """The weekly chart's tooltip for one bar: the times walked, then the week's estimates."""
    totals = week.totals
    lines = [
        f"Week of {week.monday:%d %b %Y}: {format_total(totals.forward_s)} forward, "
        f"{format_total(totals.backward_s)} backward"
    ]
    estimated = totals_estimate_line(totals, units)
    if estimated:
        lines.append(f"{estimated} ({HOW_ESTIMATED})")
    return "\n".join(lines)


def _of(part: int, whole: int) -> str:
    if whole == 1:
        return "1 session"
    return f"all {whole} sessions" if part == whole else f"{part} of {whole} sessions"
