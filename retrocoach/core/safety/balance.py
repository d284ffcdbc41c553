"""The checklist's balance check: standing on one leg for 10 s, and what follows when it is not met.

RetroCoach's own pre-check, as a physiotherapist would ask it before backward walking on a
belt: older adults who had fallen walked backward more slowly (Fritz et al. 2013), and a walker
who cannot stand on one leg unaided starts each programme session with the belt stopped and
both hands on the rails.
"""

from __future__ import annotations

from typing import Final

from retrocoach.core.settings.store import Settings

__all__ = ["BALANCE_HEADING", "BALANCE_LABEL", "BALANCE_PROMPT", "NOT_MET_TEXT", "balance_note"]

BALANCE_HEADING: Final = (
    "Balance check (optional, RetroCoach's own): try it beside a wall or a sturdy chair. "
    "Unticked, programme sessions start with the belt stopped and the rails held."
)
BALANCE_LABEL: Final = "I can stand on one leg for 10 seconds without holding on"
BALANCE_PROMPT: Final = (
    "Balance check: can you stand on one leg for 10 seconds without holding on? "
    "Try it beside a wall or a sturdy chair. Type yes or no: "
)
NOT_MET_TEXT: Final = (
    "Balance check not met: start each programme session with the belt stopped, step on "
    "holding the rails, keep both hands on them throughout, and turn round only with the belt "
    "stopped."
)


def balance_note(settings: Settings) -> str | None:
    """What a programme session starts with when the balance check was not met (or asked)."""
    return None if settings.one_leg_stand else NOT_MET_TEXT
