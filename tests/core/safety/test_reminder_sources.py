"""Each reminder cites what says it: the right source, our own rule, or the checklist's rule."""

from __future__ import annotations

from retrocoach.core.safety.reminders import ReminderBook


def test_children_and_taking_the_key_out_cite_the_source_that_says_so() -> None:
    """Consumer Reports' web article gives space, key, straddling, stepping off and looking
    ahead; only its television segment says to keep children away and take the key out."""
    book = ReminderBook.default()
    for reminder in book.all():
        words = f"{reminder.text} {reminder.detail or ''}".lower()
        if "children" in words or "take the safety key out" in words:
            assert "consumer-reports-treadmill-tv" in reminder.references, reminder.id
    segment = book.references.get("consumer-reports-treadmill-tv")
    assert segment is not None
    assert segment.url is not None
    assert "KGUN" in segment.short()


def test_advice_whose_words_call_it_retrocoachs_own_cites_the_own_rule() -> None:
    """A reminder that says part of it is RetroCoach's own rule must be cited as such too, so
    the citation line never presents our rule as a source's."""
    book = ReminderBook.default()
    wrong = [
        reminder.id
        for reminder in book.all()
        if "retrocoach's own" in f"{reminder.text} {reminder.detail or ''}".lower()
        or "rule of thumb" in f"{reminder.text} {reminder.detail or ''}".lower()
        if not reminder.own_rule
    ]
    assert wrong == []


def test_every_reminder_that_says_turn_round_says_where_the_checklist_allows_it() -> None:
    """Turning on a moving belt, even holding the handrails, is what the checklist rules out."""
    for reminder in ReminderBook.default().all():
        text = reminder.text.lower()
        if "turn round" in text or "turning round" in text:
            assert "side rails" in text or "belt stopped" in text, reminder.id
