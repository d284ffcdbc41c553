"""Which plan a set of lengths came from, and whether a name is free to save a plan under."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from retrocoach.core.plan.limits import MAX_NAME_LENGTH
from retrocoach.core.plan.model import Plan
from retrocoach.core.plan.presets import find_preset

__all__ = ["Source", "find_source", "name_problem", "same_lengths"]


@dataclass(frozen=True, slots=True)
class Source:
    """A built-in plan (by its key) or a saved plan that has a plan's very lengths."""

    name: str
    plan: Plan
    preset: bool


def same_lengths(a: Plan, b: Plan) -> bool:
    """Whether *a* and *b* differ in nothing but their names."""
    return a.renamed(b.name) == b


def find_source(plan: Plan, saved: Iterable[Plan]) -> Source | None:
    """The preset or saved plan of *plan*'s name whose lengths *plan* still has, if any."""
    preset = find_preset(plan.name)
    if preset is not None and same_lengths(plan, preset.plan):
        return Source(preset.key, preset.plan, preset=True)
    wanted = plan.name.strip().casefold()
    for one in saved:
        if one.name.casefold() == wanted and same_lengths(plan, one):
            return Source(one.name, one, preset=False)
    return None


def name_problem(name: str, saved: Callable[[str], Plan | None], *, allowed: str | None) -> str:
    """Why *name* cannot be saved under ("" when it can): empty, not one line, too long, a
    preset's, or taken.

    *saved* looks a saved plan up by name; *allowed* is the name the plan already has, which it
    may keep.
    """
    if not name:
        return "A plan needs a name."
    if any(unicodedata.category(char) == "Cc" for char in name):
        # A paste keeps what the eye does not see: a line break, a tab, a NUL.
        return "A plan name is one line of text: no line breaks, tabs or control characters."
    if len(name) > MAX_NAME_LENGTH:
        return f"This name is {len(name):,} characters: a plan name is at most {MAX_NAME_LENGTH}."
    if find_preset(name) is not None:
        return f"'{name}' is the name of a built-in plan: choose another name."
    same = allowed is not None and allowed.casefold() == name.casefold()
    if not same and saved(name) is not None:
        return f"A saved plan is already called '{name}': choose another name."
    return ""
