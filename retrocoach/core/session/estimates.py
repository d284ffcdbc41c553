"""Belt distance and energy of a walk: estimates from the speeds and times, clearly labelled.

Energy is MET x body mass (kg) x hours (one MET is about 1 kcal per kg per hour, resting energy
included). The forward MET is the 2024 Adult Compendium of Physical Activities' figure for level
treadmill walking at that speed (Herrmann et al. 2024, Journal of Sport and Health Science), as
a transcription of its table gives it (docs/sources.md); the Compendium covers adults 19-59.
We found no study of walking backwards at a beginner's 1-2 km/h, so the backward MET is the
forward one times a factor (default 1.3; in two studies of young adults at 4-5.6 km/h backward
walking cost 17-48% more: Hooper 2004, JOSPT 34:65; Kim & Choi 2001, J Korean Acad Rehabil Med
25:474).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from retrocoach.core.segments import Direction
from retrocoach.core.session.events import SegmentRecord
from retrocoach.core.speeds import KMH_PER_MPH

__all__ = [
    "BACKWARD_FACTOR_RANGE",
    "DEFAULT_BACKWARD_FACTOR",
    "ESTIMATE_NOTE",
    "NO_BODY_MASS",
    "TABLE_TOP_MPH",
    "Estimate",
    "EstimateBasis",
    "estimate",
    "forward_met",
]

DEFAULT_BACKWARD_FACTOR: Final = 1.3
BACKWARD_FACTOR_RANGE: Final = (1.0, 1.6)
# (lowest mph of the band, MET), level treadmill walking: 2024 Adult Compendium, below 1.0 mph,
# at 1.0 mph (taken on to the next band, 1.2), then its bands up to 3.5-3.9 mph.
_FORWARD_METS: Final = (
    (0.0, 2.1),
    (1.0, 2.3),
    (1.2, 2.8),
    (2.0, 3.0),
    (2.5, 3.5),
    (3.0, 3.8),
    (3.5, 4.8),
)
TABLE_TOP_MPH: Final = 3.9
"""The fastest speed the table covers: above it the 3.5-3.9 mph figure is used, and said."""
ESTIMATE_NOTE: Final = (
    "Estimates: distance is belt speed x time. Energy is MET x body mass x hours, resting "
    "energy included, with the 2024 Adult Compendium's MET for level treadmill walking at that "
    "speed (2.1 below 1.0 mph, 2.3 at 1.0 mph; above its fastest band, 3.9 mph, that band's 4.8 "
    "is used, which understates faster walking), and backward walking at that MET x the "
    "backward factor. The Compendium covers adults aged 19 to 59; holding the rails lowers the "
    "cost; and we found no study of backward walking at beginners' speeds (1-2 km/h): treat the "
    "energy as a rough guide."
)


@dataclass(frozen=True, slots=True)
class EstimateBasis:
    """What the energy estimate needs besides the walk: the walker's mass and backward factor."""

    body_mass_kg: float | None = None
    backward_factor: float = DEFAULT_BACKWARD_FACTOR


@dataclass(frozen=True, slots=True)
class Estimate:
    """Belt distance per direction (m) and energy (kcal); None where a figure is unknown."""

    forward_m: float | None
    backward_m: float | None
    energy_kcal: float | None


NO_BODY_MASS: Final = EstimateBasis()
"""No body mass set: distances only."""


def forward_met(kmh: float) -> float:
    """The Compendium's MET for level treadmill walking at *kmh* (see the module's notes)."""
    mph = round(kmh / KMH_PER_MPH, 2)  # the bands' edges are in tenths of a mph
    return next(met for low, met in reversed(_FORWARD_METS) if mph >= low)


def estimate(segments: Iterable[SegmentRecord], basis: EstimateBasis) -> Estimate:
    """The estimates of a walk from its segments.

    A direction's distance is None when any of its walked segments has no speed; the energy is
    None without a body mass or when a distance is unknown. Turn-arounds count in neither.
    """
    metres = {Direction.FORWARD: 0.0, Direction.BACKWARD: 0.0}
    known = {Direction.FORWARD: True, Direction.BACKWARD: True}
    kcal = 0.0
    for segment in segments:
        direction = segment.kind.direction
        if direction is None or segment.actual_s <= 0:
            continue
        if segment.speed_kmh is None:
            known[direction] = False
            continue
        hours = segment.actual_s / 3600
        metres[direction] += segment.speed_kmh * 1000 * hours
        factor = basis.backward_factor if direction is Direction.BACKWARD else 1.0
        kcal += forward_met(segment.speed_kmh) * factor * (basis.body_mass_kg or 0.0) * hours
    forward = round(metres[Direction.FORWARD], 1) if known[Direction.FORWARD] else None
    backward = round(metres[Direction.BACKWARD], 1) if known[Direction.BACKWARD] else None
    energy = None
    if basis.body_mass_kg is not None and forward is not None and backward is not None:
        energy = round(kcal, 1)
    return Estimate(forward, backward, energy)
