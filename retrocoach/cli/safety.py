"""The first-start safety checklist in the terminal: read page by page, confirmed with 'yes'."""

from __future__ import annotations

import shutil
from enum import Enum
from typing import Final, TextIO

from retrocoach.core.safety.balance import BALANCE_PROMPT
from retrocoach.core.safety.checklist import (
    CONFIRM_AGAIN,
    CONFIRM_PROMPT,
    CONFIRM_WORD,
    MORE_PROMPT,
    Checklist,
    checklist_lines,
    checklist_pages,
)

__all__ = ["Confirmation", "ask_balance", "confirm_checklist"]

WIDEST: Final = 88
"""Lines longer than this are hard to follow from one to the next, however wide the terminal."""
ANSWER_ROWS: Final = 1
"""The row the walker's answer moves the page up by, besides the prompt's own rows."""


class Confirmation(Enum):
    """How the checklist ended."""

    CONFIRMED = "confirmed"
    """'yes' on a terminal, or --yes: kept in the settings."""
    UNANSWERED = "unanswered"
    """No terminal to answer on: printed, walked on, and asked again next time."""
    DECLINED = "declined"
    """The input ended before 'yes': nothing is walked."""


def confirm_checklist(
    checklist: Checklist, out: TextIO, keys: TextIO | None, *, assume_yes: bool
) -> Confirmation:
    """Print *checklist*; on a terminal (*keys*) page by page, then wait for the word 'yes'.

    A bare Enter never confirms: it only shows the next page, and at the end it asks again.
    """
    if assume_yes or keys is None:
        out.write("\n".join(checklist_lines(checklist)) + "\n")
        return _without_asking(out, assume_yes=assume_yes)
    columns, rows = shutil.get_terminal_size()
    columns = max(columns, 20)  # a terminal narrower than that cannot show a sentence anyway
    # A prompt wider than the terminal wraps onto more rows: leave room for the widest.
    longest = max(len(text) for text in (CONFIRM_PROMPT, CONFIRM_AGAIN, MORE_PROMPT))
    prompt_rows = -(-(longest + 8) // columns)
    pages = checklist_pages(
        checklist, min(WIDEST, columns - 1), rows - prompt_rows - ANSWER_ROWS, columns
    )
    for number, page in enumerate(pages, start=1):
        out.write("\n".join(page) + "\n")
        if number == len(pages):
            break
        out.write(MORE_PROMPT.format(page=number, pages=len(pages)))
        out.flush()
        if not keys.readline():
            out.write("\n")
            return Confirmation.DECLINED
    prompt = CONFIRM_PROMPT
    while True:
        out.write(prompt)
        out.flush()
        answer = keys.readline()
        if not answer:
            out.write("\n")
            return Confirmation.DECLINED
        if answer.strip().lower() == CONFIRM_WORD:
            out.write("Checklist confirmed.\n\n")
            out.flush()
            return Confirmation.CONFIRMED
        prompt = CONFIRM_AGAIN


def _without_asking(out: TextIO, *, assume_yes: bool) -> Confirmation:
    if assume_yes:
        out.write("Confirmed with --yes.\n\n")
        out.flush()
        return Confirmation.CONFIRMED
    out.write(
        "No terminal to confirm on: walking on. The checklist comes back until it is "
        "confirmed (type yes on a terminal, or run with --yes).\n\n"
    )
    out.flush()
    return Confirmation.UNANSWERED


def ask_balance(out: TextIO, keys: TextIO) -> bool:
    """The checklist's balance check on a terminal: only 'yes' counts as met; anything else,
    or the input ending, leaves programmes starting with the belt stopped and the rails held."""
    out.write(BALANCE_PROMPT)
    out.flush()
    answer = keys.readline()
    met = answer.strip().lower() == CONFIRM_WORD
    out.write(
        ("" if answer else "\n")
        + ("Noted: balance check met.\n\n" if met else "Noted: balance check not met.\n\n")
    )
    out.flush()
    return met
