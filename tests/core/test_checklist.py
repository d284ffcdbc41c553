"""The first-start checklist: one list for both coaches, its order, notice, sources and due rule."""

from __future__ import annotations

import dataclasses

import pytest

from retrocoach.core.checklist import (
    NOT_MEDICAL_ADVICE,
    Checklist,
    checklist_due,
    checklist_lines,
)
from retrocoach.core.reminders import ReminderBook
from retrocoach.core.settings import DEFAULTS


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
