"""Finding the plan a user named: a preset, a saved plan, or an inline key=value spec."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from retrocoach.core.durations import quoted
from retrocoach.core.plan.model import Plan, PlanError, parse_spec
from retrocoach.core.plan.presets import PRESETS, find_preset

__all__ = ["resolve_plan"]


RETIRED: Final = {
    "knee-10": "'knee-10' is no longer a plain plan: the knee osteoarthritis trial's dose is the "
    "knee-oa programme, which starts once agreed with your clinician "
    "(retrocoach programme start knee-oa)",
    "study-30": "'study-30' is no longer offered: it was the dose of supervised stroke trials; "
    "agree any plan after a stroke with your clinician and write it as key=value words",
}
"""Built-in plans taken out of the list, with the one line that says where their dose went."""


def resolve_plan(text: str, saved: Sequence[Plan] = ()) -> Plan:
    """The plan *text* names; raise PlanError saying what was wrong and what is allowed.

    Text with an '=' is an inline spec. Otherwise it is a preset key or a saved plan's name,
    compared without regard to case; a preset wins over a saved plan of the same name.
    """
    text = text.strip()
    if "=" in text:
        return parse_spec(text)
    if not text:
        raise PlanError(f"no plan given: name a preset ({', '.join(PRESETS)}) or write key=value")
    preset = find_preset(text)
    if preset is not None:
        return preset.plan
    folded = text.casefold()
    for plan in saved:
        if plan.name.casefold() == folded:
            return plan
    retired = RETIRED.get(folded)
    if retired is not None:
        raise PlanError(retired)
    names = [*PRESETS, *(plan.name for plan in saved)]
    raise PlanError(
        f"{quoted(text)} is not a plan: use one of {', '.join(names)}, "
        "or key=value words such as forward=5m backward=1m rounds=3"
    )


def remembered_word(plan: Plan) -> str:
    """How the window remembers *plan* for the next start: its name, or its spec if custom."""
    name = plan.name.strip()
    if name and name != "custom" and "=" not in name:
        return name
    return plan.spec()
