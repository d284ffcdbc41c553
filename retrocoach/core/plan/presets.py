"""Built-in plans, each citing the references it rests on from the shipped references list."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from retrocoach.core.plan.model import Plan

__all__ = ["PRESETS", "Preset", "find_preset"]


@dataclass(frozen=True, slots=True)
class Preset:
    """A ready-made plan with a one-line description, what it rests on, and its references."""

    key: str
    """The short name typed on the command line; also the plan's name."""
    plan: Plan
    description: str
    details: str
    """Where the plan comes from and who it suits, in a few sentences for the plan list."""
    references: tuple[str, ...]
    """Ids from the shipped references list; 'retrocoach-own' marks a choice of our own."""


def _preset(
    key: str,
    description: str,
    details: str,
    references: tuple[str, ...],
    *,
    forward_s: int,
    backward_s: int,
    rounds: int,
    warmup_s: int,
    cooldown_s: int,
    getready_s: int = 10,
    backward_speed_kmh: float | None = None,
) -> Preset:
    # Validating here makes a bad built-in fail at import, long before a walker meets it.
    plan = Plan(
        forward_s=forward_s,
        backward_s=backward_s,
        rounds=rounds,
        warmup_s=warmup_s,
        cooldown_s=cooldown_s,
        getready_s=getready_s,
        name=key,
        backward_speed_kmh=backward_speed_kmh,
    ).validate()
    return Preset(key, plan, description, details, references)


# Ten seconds of get-ready gives time to stand on the side rails and start the belt.
# Order matters: it is the order `retrocoach plans` and the window list them in.
_ALL: Final = (
    _preset(
        "first-steps",
        "Beginner intervals: five minutes facing forward, then one minute backward, three times.",
        "The interval comes from a popular article on treadmill retro walking, not from a "
        "study. The article starts backward walking with the belt at 1.0 to 2.0 km/h, "
        "holding the rails; the plan sets the slow end, 1.0 km/h, for the backward minutes and "
        "leaves the forward speed to you.",
        ("article-retro-walking-treadmill",),
        backward_speed_kmh=1.0,  # the slow end of the article's 1.0-2.0 km/h
        warmup_s=0,  # the first five-minute forward stretch already warms the walker up
        forward_s=5 * 60,
        backward_s=60,
        rounds=3,
        cooldown_s=2 * 60,
    ),
    _preset(
        "gentle-start",
        "Five minutes of backward walking in all, one minute at a time, for the first weeks.",
        "A popular fitness article suggests about five minutes, several times a week, built up "
        "gradually. Splitting them into one-minute stretches is RetroCoach's own choice.",
        ("article-walking-backward-fitness", "retrocoach-own"),
        warmup_s=2 * 60,
        forward_s=60,
        backward_s=60,
        rounds=5,
        cooldown_s=2 * 60,
    ),
    _preset(
        "daily-ten",
        "A daily ten: ten backward minutes in two-minute stretches with forward breaks between.",
        "Ten minutes a day comes from a popular article; no study is given for it. The "
        "two-minute stretches are RetroCoach's own split. Build up to it from a shorter plan.",
        ("article-walking-backwards-daily", "retrocoach-own"),
        warmup_s=3 * 60,
        forward_s=60,
        backward_s=2 * 60,
        rounds=5,
        cooldown_s=2 * 60,
    ),
    _preset(
        "knee-10",
        "One unbroken ten-minute backward stretch, the session of a knee osteoarthritis trial.",
        "In the trial, people diagnosed with knee osteoarthritis walked backwards for 10 "
        "minutes, 3 days a week for 6 weeks, supervised, on top of their usual physiotherapy. "
        "Agree a plan like this with a clinician or physiotherapist before you use it.",
        ("alghadir-2019",),
        warmup_s=0,  # the forward segment before the backward one is the warm-up
        forward_s=3 * 60,
        backward_s=10 * 60,
        rounds=1,
        cooldown_s=2 * 60,
    ),
    _preset(
        "study-30",
        "Thirty backward minutes, the session length of two stroke trials; build up to it first.",
        "In the trials, people with stroke walked backwards on a treadmill for 30 minutes, "
        "supervised: 3 times a week for 4 weeks (8 people, on top of physiotherapy), and in a "
        "trial protocol 3 days a week for 6 weeks. The six 5-minute blocks with forward "
        "breaks are RetroCoach's own split, not the trials'. Agree a plan like this with a "
        "clinician or physiotherapist before you use it.",
        ("chang-2021", "michaelsen-2014", "retrocoach-own"),
        warmup_s=3 * 60,
        forward_s=60,
        backward_s=5 * 60,
        rounds=6,
        cooldown_s=3 * 60,
    ),
)

PRESETS: Final[Mapping[str, Preset]] = MappingProxyType({preset.key: preset for preset in _ALL})
"""Every built-in preset by key, in the order they are listed to the user."""


def find_preset(name: str) -> Preset | None:
    """The preset called *name* (any letter case, spaces around ignored), or None."""
    return PRESETS.get(name.strip().lower())
