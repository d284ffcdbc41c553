"""The banner for a walk that could not be written says each thing once."""

from __future__ import annotations

from pathlib import Path

from retrocoach.ui.window.messages import save_problem_text

JOURNAL = Path("/run/user/1000/retrocoach/journals/abc/session-1.journal.jsonl")


def test_a_claim_refused_on_a_read_only_folder_says_the_walk_goes_on_once() -> None:
    # The recorder's own words when the data folder cannot take the journal's lock.
    told = (
        "could not lock session.journal.json.lock: /data is read-only or not yours to write; "
        "nothing was changed; the session goes on, journalled"
    )
    text = save_problem_text(told, JOURNAL)
    assert text.lower().count("the session goes on") == 1, text
    assert str(JOURNAL) in text


def test_a_plain_failure_says_the_walk_goes_on_and_where_it_is_kept() -> None:
    text = save_problem_text("could not write the journal: no room left", JOURNAL)
    assert "The session goes on." in text
    assert str(JOURNAL) in text
