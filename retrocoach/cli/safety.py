"""The first-start safety checklist in the terminal: printed, then confirmed with Enter or --yes."""

from __future__ import annotations

from enum import Enum
from typing import TextIO

from retrocoach.core.safety.checklist import CONFIRM_PROMPT, Checklist, checklist_lines

__all__ = ["Confirmation", "confirm_checklist"]


class Confirmation(Enum):
    """How the checklist ended."""

    CONFIRMED = "confirmed"
    """Enter on a terminal, or --yes: kept in the settings."""
    UNANSWERED = "unanswered"
    """No terminal to answer on: printed, walked on, and asked again next time."""
    DECLINED = "declined"
    """The input ended before Enter: nothing is walked."""


def confirm_checklist(
    checklist: Checklist, out: TextIO, keys: TextIO | None, *, assume_yes: bool
) -> Confirmation:
    """Print *checklist*; on a terminal (*keys*) wait for Enter unless *assume_yes*."""
    out.write("\n".join(checklist_lines(checklist)) + "\n")
    if assume_yes:
        out.write("Confirmed with --yes.\n\n")
        out.flush()
        return Confirmation.CONFIRMED
    if keys is None:
        out.write(
            "No terminal to confirm on: walking on. The checklist comes back until it is "
            "confirmed (press Enter on a terminal, or run with --yes).\n\n"
        )
        out.flush()
        return Confirmation.UNANSWERED
    out.write(CONFIRM_PROMPT)
    out.flush()
    answer = keys.readline()
    if not answer:
        out.write("\n")
        return Confirmation.DECLINED
    out.write("Checklist confirmed.\n\n")
    out.flush()
    return Confirmation.CONFIRMED
