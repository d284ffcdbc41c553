"""The first-start checklist: one list for both coaches, its order, notice, sources and due rule."""

from __future__ import annotations

import dataclasses

import pytest

from retrocoach.core.safety.checklist import (
    NOT_MEDICAL_ADVICE,
    Checklist,
    checklist_blocks,
    checklist_due,
    checklist_lines,
    checklist_pages,
    core_checklist,
)
from retrocoach.core.safety.references import ReferenceList
from retrocoach.core.safety.reminders import ReminderBook
from retrocoach.core.safety.rules import Moment
from retrocoach.core.settings.store import DEFAULTS


@pytest.fixture(scope="module")
def checklist() -> Checklist:
    return Checklist.from_book(ReminderBook.default())


def test_the_checklist_is_the_books_checklist_under_three_headings(
    checklist: Checklist,
) -> None:
    """Who asks a clinician first, then the treadmill set-up, then the signs to stop."""
    assert checklist.items == ReminderBook.default().checklist()
    assert [s.heading for s in checklist.sections] == [
        "Before you start",
        "On the treadmill",
        "Signs to stop at once",
    ]
    first = " ".join(item.text for item in checklist.sections[0].items)
    assert "not medical advice" in first
    assert "Ask a doctor or physiotherapist before you start" in first


def test_it_says_plainly_that_retrocoach_is_not_medical_advice(checklist: Checklist) -> None:
    assert checklist.notice == NOT_MEDICAL_ADVICE
    assert "not medical advice" in NOT_MEDICAL_ADVICE


def test_the_terminal_text_holds_every_item_its_source_and_the_full_references(
    checklist: Checklist,
) -> None:
    text = " ".join(" ".join(checklist_lines(checklist, width=72)).split())
    assert "not medical advice" in text
    for number, item in enumerate(checklist.items, start=1):
        assert f"[ ] {number:>2}. " in "\n".join(checklist_lines(checklist, width=72))
        assert " ".join(item.text.split()) in text
        assert item.citation in text
    for reference in checklist.references:
        assert reference.full() in text
    assert any(ref.id == "consumer-reports-treadmill" for ref in checklist.references)


def test_the_terminal_lines_keep_to_the_width_but_never_break_an_address(
    checklist: Checklist,
) -> None:
    for line in checklist_lines(checklist, width=72):
        assert len(line) <= 72 or "https://" in line, line
    addresses = [ref.link for ref in checklist.references if ref.link]
    assert addresses
    joined = "\n".join(checklist_lines(checklist, width=40))
    for address in addresses:
        assert address in joined


@pytest.mark.parametrize(
    ("confirmed", "every_start", "due"),
    [(False, False, True), (True, False, False), (True, True, True), (False, True, True)],
)
def test_the_checklist_is_due_until_confirmed_or_at_every_start_if_asked(
    confirmed: bool, every_start: bool, due: bool
) -> None:
    settings = dataclasses.replace(
        DEFAULTS, checklist_confirmed=confirmed, checklist_every_start=every_start
    )
    assert checklist_due(settings) is due


def test_the_terminal_text_starts_with_its_heading_not_a_blank_line(checklist: Checklist) -> None:
    assert checklist_lines(checklist)[0] == "SAFETY CHECKLIST"


def test_the_core_checklist_in_the_code_says_what_the_shipped_items_say() -> None:
    """The fallback for unreadable reminders: same words and same source as the shipped list."""
    book = ReminderBook.default()
    core = core_checklist()
    assert core.notice == NOT_MEDICAL_ADVICE
    assert [s.heading for s in core.sections] == ["Before you start", "Signs to stop at once"]
    for item in core.items:
        shipped = book.get(item.id)
        assert shipped is not None, item.id
        assert shipped.text == item.text
        assert set(item.references) <= set(shipped.references)
        if item.references:
            assert item.citation == f"Source: {book.references.cite(item.references)}"
    shipped_refs = {ref.id: ref for ref in book.references.all()}
    for ref in core.references:
        assert shipped_refs[ref.id] == ref
    stop = {item.id for item in book.for_moment(Moment.CHECKLIST_STOP)}
    assert stop <= {item.id for item in core.items}


def test_a_book_without_a_checklist_gives_the_core_checklist_not_an_empty_one() -> None:
    empty = ReminderBook((), ReferenceList(()))
    made = Checklist.from_book(empty)
    assert made == core_checklist()
    text = " ".join(" ".join(checklist_lines(made)).split())
    assert "not medical advice" in text
    assert "chest pain" in text
    assert "dizzy" in text


@pytest.mark.parametrize(
    "sign",
    [
        "chest pain",
        "pain spreading to the arm, neck or jaw",
        "palpitations",
        "breathlessness",
        "dizzy",
        "faint",
        "nausea",
        "sharp pain",
        "unsteady",
    ],
)
def test_every_sign_to_stop_is_named_in_plain_words_a_reader_can_search_for(
    checklist: Checklist, sign: str
) -> None:
    stop = next(s for s in checklist.sections if s.heading == "Signs to stop at once")
    assert sign in " ".join(item.text for item in stop.items)
    assert sign in " ".join(item.text for item in core_checklist().items)


@pytest.mark.parametrize(("width", "height"), [(79, 21), (59, 11), (40, 6)])
def test_pages_fit_the_rows_given_and_keep_every_line_in_order(
    checklist: Checklist, width: int, height: int
) -> None:
    pages = checklist_pages(checklist, width, height, width + 1)
    assert [line for page in pages for line in page] == checklist_lines(checklist, width)
    for page in pages:
        rows = sum(max(1, -(-len(line) // (width + 1))) for line in page)
        # A single line wider than the whole page (a long address) is the only excuse.
        assert rows <= height or len(page) == 1, page


def test_an_item_is_never_split_across_pages_when_it_fits_one(checklist: Checklist) -> None:
    pages = checklist_pages(checklist, 79, 21, 80)
    for block in checklist_blocks(checklist, 79):
        if len(block) <= 21:
            assert any(
                page[i : i + len(block)] == block
                for page in pages
                for i in range(len(page) - len(block) + 1)
            ), block
