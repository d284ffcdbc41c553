"""The first-start safety checklist both coaches show: its words and order live here, once."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Final

from retrocoach.core.safety.checklist_core import CORE_ITEMS, CORE_REFERENCES
from retrocoach.core.safety.references import Reference
from retrocoach.core.safety.reminders import Reminder, ReminderBook
from retrocoach.core.safety.rules import Moment
from retrocoach.core.settings.store import Settings

__all__ = [
    "CONFIRM_AGAIN",
    "CONFIRM_PROMPT",
    "CONFIRM_WORD",
    "MORE_PROMPT",
    "NOT_MEDICAL_ADVICE",
    "Checklist",
    "ChecklistSection",
    "checklist_blocks",
    "checklist_due",
    "checklist_lines",
    "checklist_pages",
    "core_checklist",
]

NOT_MEDICAL_ADVICE: Final = (
    "RetroCoach is not medical advice. It times your walk and reminds you of safe habits; "
    "it cannot judge what is safe for you."
)
INTRO: Final = "Before your first backward walk, go through each item and tick it off."
CONFIRM_PROMPT: Final = "Checked them all? Type yes, then Enter (Ctrl+C stops): "
CONFIRM_AGAIN: Final = "Only the word yes confirms. Type yes, or Ctrl+C to stop: "
MORE_PROMPT: Final = "Press Enter for the next items ({page} of {pages}): "
CONFIRM_WORD: Final = "yes"

_HEADINGS: Final = (
    (Moment.CHECKLIST_FIRST, "Before you start"),
    (Moment.CHECKLIST_SETUP, "On the treadmill"),
    (Moment.CHECKLIST_STOP, "Signs to stop at once"),
)


@dataclass(frozen=True, slots=True)
class ChecklistSection:
    """A heading and the items under it."""

    heading: str
    items: tuple[Reminder, ...]


@dataclass(frozen=True, slots=True)
class Checklist:
    """What the walker confirms once per data folder: the notice, then the sections."""

    notice: str
    intro: str
    sections: tuple[ChecklistSection, ...]
    references: tuple[Reference, ...] = ()
    """Every reference the items cite, each once, for the full citations under the list."""

    @property
    def items(self) -> tuple[Reminder, ...]:
        """Every item, in the order shown, each one a tick box in the window."""
        return tuple(item for section in self.sections for item in section.items)

    @classmethod
    def from_book(cls, book: ReminderBook) -> Checklist:
        """The checklist made of the book's checklist reminders, under their headings.

        A book without checklist items (the shipped reminders could not be read) gives the
        core of the checklist instead: a walker is never asked to confirm an empty list.
        """
        if not book.checklist():
            return core_checklist()
        sections = []
        shown: list[Reminder] = []
        for moment, heading in _HEADINGS:
            items = tuple(item for item in book.for_moment(moment) if item not in shown)
            shown.extend(items)
            if items:
                sections.append(ChecklistSection(heading, items))
        cited: list[Reference] = []
        for item in shown:
            cited.extend(ref for ref in book.cited(item) if ref not in cited)
        return cls(NOT_MEDICAL_ADVICE, INTRO, tuple(sections), tuple(cited))


def core_checklist() -> Checklist:
    """The not-medical-advice item, who should ask first and the signs to stop, from the code."""
    sections = []
    for moment, heading in _HEADINGS:
        items = tuple(
            Reminder(
                item_id,
                text,
                (ref.id,) if ref else (),
                (moment,),
                citation=f"Source: {ref.short()}" if ref else "",
            )
            for at, item_id, text, ref in CORE_ITEMS
            if at is moment
        )
        if items:
            sections.append(ChecklistSection(heading, items))
    return Checklist(NOT_MEDICAL_ADVICE, INTRO, tuple(sections), CORE_REFERENCES)


def checklist_due(settings: Settings) -> bool:
    """Whether a coach must show the checklist before this walk: once, or every time if asked."""
    return not settings.checklist_confirmed or settings.checklist_every_start


def checklist_lines(checklist: Checklist, width: int = 88) -> list[str]:
    """The checklist as plain text lines for the terminal, with a box and a source per item."""
    return [line for block in checklist_blocks(checklist, width) for line in block]


def checklist_blocks(checklist: Checklist, width: int = 88) -> list[list[str]]:
    """The checklist's lines in blocks a page must not split: the heading and notice, each
    section heading with its first item, each further item with its source, the sources."""
    # The heading comes first, not a blank line: 'retrocoach run | head -1' shows what it is.
    opening = ["SAFETY CHECKLIST", ""]
    opening += textwrap.wrap(checklist.notice, width)
    opening += ["", *textwrap.wrap(checklist.intro, width)]
    blocks = [opening]
    number = 0
    for section in checklist.sections:
        heading = ["", f"{section.heading}:"]
        for item in section.items:
            number += 1
            head = f"  [ ] {number:>2}. "
            body = textwrap.wrap(item.text, width - len(head), break_on_hyphens=False)
            lines = [*heading, head + body[0]]
            heading = []
            lines += [" " * len(head) + line for line in body[1:]]
            if item.citation:
                lines += textwrap.wrap(
                    item.citation,
                    width,
                    initial_indent=" " * len(head),
                    subsequent_indent=" " * (len(head) + 2),
                    break_on_hyphens=False,
                )
            blocks.append(lines)
    if checklist.references:
        blocks.append(["", "Sources in full:"])
        for ref in checklist.references:
            blocks.append(
                textwrap.wrap(
                    ref.full(),
                    width,
                    initial_indent="  - ",
                    subsequent_indent=" " * 4,
                    break_on_hyphens=False,
                    break_long_words=False,
                )
            )
    blocks.append([""])
    return blocks


def checklist_pages(
    checklist: Checklist, width: int, height: int, columns: int | None = None
) -> list[list[str]]:
    """The checklist in pages that take at most *height* rows of a terminal *columns* wide
    (a block taller than a page is cut): nothing scrolls away before the walker reads it.

    A line wider than the terminal (a long web address) takes the rows it wraps onto.
    """
    height = max(height, 1)
    across = columns or width + 1

    def rows(line: str) -> int:
        return max(1, -(-len(line) // across))

    pages: list[list[str]] = [[]]
    used = 0
    for block in checklist_blocks(checklist, width):
        if used and used + sum(rows(line) for line in block) > height:
            pages.append([])  # a block is read whole: it starts a page rather than split
            used = 0
        for line in block:
            if used and used + rows(line) > height:
                pages.append([])
                used = 0
            pages[-1].append(line)
            used += rows(line)
    return [page for page in pages if page]
