"""The rules every built-in plan and programme keeps, each with its sources, for the Safety page
and `retrocoach plans` (docs/sources.md and docs/programmes.md give them at more length)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

__all__ = ["RULES", "Rule"]


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule in plain words, with the ids of the references it rests on."""

    text: str
    references: tuple[str, ...]


RULES: Final = (
    Rule(
        "A beginner's backward belt: 1.0 to 2.0 km/h, holding the rails. Every built-in plan "
        "sets its backward speed in that range, and no programme goes above 2 km/h backward.",
        ("article-retro-walking-treadmill",),
    ),
    Rule(
        "Older adults who had fallen walked backward more slowly, all of them below 0.6 m/s "
        "(about 2.2 km/h): another reason for a slow belt.",
        ("fritz-2013",),
    ),
    Rule(
        "A turn-around at every change of direction: at least 30 seconds in every built-in plan "
        "and programme (or one that waits for you), time to slow the belt, step onto the side "
        "rails, turn and step back on.",
        ("retrocoach-own",),
    ),
    Rule(
        "Trial doses are not plain plans: the knee osteoarthritis trial's dose is the knee-oa "
        "programme, which both coaches start only once you say you agreed it with your "
        "clinician; the stroke trials' 30-minute sessions are offered to no one.",
        ("alghadir-2019", "chang-2021", "michaelsen-2014", "retrocoach-own"),
    ),
    Rule(
        "Before a programme's first session, both coaches say how it builds up and which parts "
        "of that are RetroCoach's own choice.",
        ("retrocoach-own",),
    ),
    Rule(
        "Ask a clinician first with heart, kidney or metabolic disease (diabetes included) or "
        "their warning signs; and, as the checklist lists, with balance problems, falls, "
        "joint or bone problems and the rest.",
        ("riebe-2015", "retrocoach-own"),
    ),
    Rule(
        "The checklist's balance check (standing on one leg for 10 seconds unaided): when it is "
        "not met, every programme session starts with the belt stopped and the rails held.",
        ("retrocoach-own",),
    ),
    Rule(
        "Feeling unsteady: take the rails at once; if that does not steady you, stop the belt. "
        "Signs of a stroke: stop and call emergency services.",
        ("article-retro-walking-treadmill", "mayo-act-fast", "retrocoach-own"),
    ),
)
"""In the order they are shown."""
