"""Built-in plans, each resting on a seed article or a study noted in seeds/."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from retrocoach.core.plan import Plan

__all__ = ["PRESETS", "Preset", "find_preset"]


@dataclass(frozen=True, slots=True)
class Preset:
    """A ready-made plan with a one-line description and the source it rests on."""

    key: str
    """The short name typed on the command line; also the plan's name."""
    plan: Plan
    description: str
    source: str
    """A seed note ("seed 001: <title>") or a paper citation as seeds/README.md gives it."""


def _preset(
    key: str,
    description: str,
    source: str,
    *,
    forward_s: int,
    backward_s: int,
    rounds: int,
    warmup_s: int,
    cooldown_s: int,
    getready_s: int = 10,
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
    ).validate()
    return Preset(key=key, plan=plan, description=description, source=source)


_SEED_000: Final = "seed 000: 7 Surprising Health Benefits of Walking Backwards Daily"
_SEED_001: Final = "seed 001: Retro Walking: The Remarkable Benefits of Walking Backwards"
_SEED_003: Final = "seed 003: The Surprising Health Benefits Of Walking Backward"

# Ten seconds of get-ready gives time to stand on the side rails and start the belt.
# Order matters: it is the order `retrocoach plans` and the window list them in.
_ALL: Final = (
    _preset(
        "first-steps",
        "Beginner intervals: five minutes facing forward, then one minute backward, three times.",
        _SEED_001,
        warmup_s=0,  # the first five-minute forward stretch already warms the walker up
        forward_s=5 * 60,
        backward_s=60,
        rounds=3,
        cooldown_s=2 * 60,
    ),
    _preset(
        "gentle-start",
        "Five minutes of backward walking in all, one minute at a time, for the first weeks.",
        _SEED_003,
        warmup_s=2 * 60,
        forward_s=60,
        backward_s=60,
        rounds=5,
        cooldown_s=2 * 60,
    ),
    _preset(
        "daily-ten",
        "A daily ten: ten backward minutes in two-minute stretches with forward breaks between.",
        _SEED_000,
        warmup_s=3 * 60,
        forward_s=60,
        backward_s=2 * 60,
        rounds=5,
        cooldown_s=2 * 60,
    ),
    _preset(
        "knee-10",
        "One unbroken ten-minute backward stretch, the dose of a knee osteoarthritis trial.",
        "Alghadir 2019, BMC Musculoskelet Disord 20:159",
        warmup_s=0,  # the forward segment before the backward one is the warm-up
        forward_s=3 * 60,
        backward_s=10 * 60,
        rounds=1,
        cooldown_s=2 * 60,
    ),
    _preset(
        "study-30",
        "Thirty backward minutes in five-minute blocks, as in two stroke trials; build up first.",
        "Chang 2021, IJERPH 18:2376; Michaelsen 2014, Int J Stroke 9:529",
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
