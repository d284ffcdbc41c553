"""The terminal's check-in after a programme walk, and ``retrocoach history --rate N`` later.

The same 0 to 10 words as the window's check-in, and the same "I stopped because I felt
unwell" beside them. A programme moves on only after a rated walk, so both coaches ask.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Final, TextIO

from retrocoach.cli.errors import EXIT_FAILED, EXIT_USAGE
from retrocoach.core.errors import StorageError
from retrocoach.core.figures.effort import EFFORT_WORDS, effort_words
from retrocoach.core.history.records import MAX_EFFORT, SessionRecord
from retrocoach.core.history.store import HistoryStore, UnknownSessionError
from retrocoach.core.safety.reminders import ReminderBook
from retrocoach.core.safety.unwell import UNWELL_CHOICE, unwell_lines

__all__ = ["UNWELL_KEY", "Answer", "ask_checkin", "rate_last", "read_answer", "save_checkin"]

UNWELL_KEY: Final = "u"
_TRIES: Final = 3
_SAVE_ERRORS: Final = (StorageError, UnknownSessionError)


@dataclasses.dataclass(frozen=True, slots=True)
class Answer:
    """What the walker said: an effort from 0 to 10, that they felt unwell, or nothing."""

    effort: int | None = None
    unwell: bool = False


def read_answer(text: str) -> Answer | str:
    """The answer typed, or one line saying what is allowed."""
    word = text.strip().lower()
    if not word:
        return Answer()
    if word == UNWELL_KEY:
        return Answer(unwell=True)
    if word.isascii() and word.isdigit() and len(word) <= 2 and int(word) <= MAX_EFFORT:
        return Answer(effort=int(word))
    shown = text.strip()[:20]
    return f"'{shown}' is not an answer: type 0 to {MAX_EFFORT}, or {UNWELL_KEY}, or just Enter"


def ask_checkin(keys: TextIO, out: TextIO) -> Answer:
    """Ask how hard the walk felt on a terminal: a 0 to 10 answer, 'u', or Enter to skip."""
    out.write("\nHow hard did it feel?\n")
    out.writelines(f"  {value:>2}  {words}\n" for value, words in EFFORT_WORDS.items())
    out.write(f"  {UNWELL_KEY:>2}  {UNWELL_CHOICE}\n")
    for _ in range(_TRIES):
        out.write(f"Type 0 to {MAX_EFFORT} (or {UNWELL_KEY}), then Enter; Enter alone skips: ")
        out.flush()
        line = keys.readline()
        if not line:  # the terminal closed
            out.write("\n")
            return Answer()
        answer = read_answer(line)
        if isinstance(answer, Answer):
            return answer
        out.write(f"{answer}.\n")
    return Answer()


def save_checkin(
    history: HistoryStore,
    record: SessionRecord,
    answer: Answer,
    out: TextIO,
    *,
    tell: Callable[[str], None],
    book: ReminderBook | None,
) -> SessionRecord:
    """Keep *answer* with *record*; after 'unwell', show the stop signs and the advice."""
    if answer.effort is None and not answer.unwell:
        out.write(
            "Not rated: the programme repeats this session until a walk is rated "
            f"(rate it later with 'retrocoach history --rate N', 0 to {MAX_EFFORT}).\n"
        )
        return record
    checked = record.with_checkin(record.notes, answer.effort)
    if answer.unwell:
        checked = dataclasses.replace(checked, stopped_unwell=True)
    try:
        history.update(checked)
    except _SAVE_ERRORS as error:
        tell(f"your check-in could not be saved ({error}); the walk is kept as it was")
        return record
    if answer.unwell:
        out.writelines(f"{line}\n" for line in unwell_lines(book))
        out.write("Resume it with: retrocoach programme resume\n")
    else:
        out.write(f"Kept: {effort_words(checked.effort or 0)}.\n")
    return checked


def rate_last(history: HistoryStore, effort: int, out: TextIO, err: TextIO) -> int:
    """``retrocoach history --rate N``: how hard the last walk recorded felt, said later."""
    try:
        records = history.sessions()
    except StorageError as error:
        err.write(f"retrocoach: the history could not be read: {error}\n")
        return EXIT_FAILED
    if not records:
        err.write("retrocoach: there is no walk to rate yet: walk one first\n")
        return EXIT_USAGE
    last = records[-1]  # the last recorded, whatever the clock said when it was walked
    try:
        history.update(last.with_checkin(last.notes, effort))
    except _SAVE_ERRORS as error:
        err.write(f"retrocoach: the rating could not be saved: {error}\n")
        return EXIT_FAILED
    when = f"{last.started_at:%Y-%m-%d %H:%M}"
    out.write(f"Rated the walk of {when} ({last.plan.name}): {effort_words(effort)}.\n")
    return 0
