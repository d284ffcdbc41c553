"""``retrocoach programme``: list, start and stop programmes; and the plan name ``next``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, TextIO

from retrocoach.cli.commands import HeldLines, open_stores, resolve, teller
from retrocoach.cli.errors import EXIT_FAILED, UsageError
from retrocoach.core.errors import StorageError
from retrocoach.core.history.store import HistoryStore
from retrocoach.core.plan.model import Plan
from retrocoach.core.plan.store import PlanStore
from retrocoach.core.programme.gate import (
    AGREE_PROMPT,
    CONFIRM_WORD,
    build_up_note,
    needs_agreement,
    not_agreed_text,
)
from retrocoach.core.programme.guide import (
    NoProgrammeError,
    ProgrammeGuide,
    UnknownProgrammeError,
    is_next,
)
from retrocoach.core.programme.model import (
    Programme,
    ProgrammeBook,
    ProgrammeDataError,
    ProgrammeMark,
)
from retrocoach.core.programme.progression import Today
from retrocoach.core.programme.state import ProgrammeStateStore
from retrocoach.core.programme.words import (
    PROGRESSION_RULE,
    done_text,
    grid_lines,
    notice_lines,
    today_text,
    week_text,
)
from retrocoach.core.storage.paths import DataPaths

__all__ = ["Chosen", "choose_plan", "open_guide", "run_programme"]

EXIT_OK: Final = 0
HOW_TO_WALK: Final = "Walk it with: retrocoach run --plan next (or retrocoach --plan next)"


@dataclass(frozen=True, slots=True)
class Chosen:
    """The plan a command walks and, for ``next``, where it stands in the programme."""

    plan: Plan
    mark: ProgrammeMark | None = None
    today: Today | None = None

    def say(self, out: TextIO) -> None:
        """For ``next``: which programme session this is, and the rest suggestion if due."""
        if self.today is None:
            return
        out.write(f"{self.today.programme.title}: {today_text(self.today)}\n")
        note = build_up_note(self.today)
        if note is not None:
            out.write(f"{note}\n")
        out.writelines(f"{line}\n" for line in notice_lines(self.today))


def open_guide(
    paths: DataPaths,
    history: HistoryStore,
    tell: Callable[[str], None],
    warn: Callable[[str], None] | None = None,
) -> ProgrammeGuide:
    """The programmes (shipped, or $RETROCOACH_PROGRAMMES_FILE's) with the walker's state.

    A programmes file that cannot be used is told in one line and the command ends (status 1).
    What reading programme.json finds goes to *warn* (by default, *tell*).
    """
    try:
        book = ProgrammeBook.default()
    except ProgrammeDataError as error:
        tell(str(error))
        raise SystemExit(EXIT_FAILED) from None
    return ProgrammeGuide(book, ProgrammeStateStore(paths, warn=warn or tell), history)


def choose_plan(
    text: str, paths: DataPaths, history: HistoryStore, plans: PlanStore, err: TextIO
) -> Chosen:
    """The plan *text* names; ``next`` is today's session of the active programme.

    With no session to walk (no programme, or it is finished) UsageError says why in one line.
    """
    if not is_next(text):
        return Chosen(resolve(text, plans))
    guide = open_guide(paths, history, teller(err))
    try:
        session = guide.next_session()
    except NoProgrammeError as error:
        raise UsageError(str(error)) from None
    return Chosen(session.plan, session.mark, session.today)


def run_programme(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``retrocoach programme [start NAME | stop]``."""
    tell = teller(err)
    paths, history, _ = open_stores(args, err)
    held = HeldLines(tell)
    guide = open_guide(paths, history, tell, held)
    action = getattr(args, "programme_action", None)
    try:
        if action == "start":
            return _start(guide, args, out, held)
        if action == "resume":
            return _resume(guide, out, held)
        if action == "stop":
            stopped = guide.stop()
            held.release()
            if stopped is None:
                out.write("No programme is active: nothing to stop.\n")
            else:
                out.write(
                    f"Stopped {stopped.programme}. The sessions you walked stay in your history.\n"
                )
            return EXIT_OK
    except StorageError as error:
        done = {"start": "started", "resume": "resumed"}.get(action or "", "stopped")
        held.fail(f"the programme could not be {done}: {error}")
        return EXIT_FAILED
    held.release()
    _list(guide, out)
    return EXIT_OK


def _start(guide: ProgrammeGuide, args: argparse.Namespace, out: TextIO, held: HeldLines) -> int:
    try:
        chosen = guide.find(args.name)
    except UnknownProgrammeError as error:
        held.release()
        raise UsageError(str(error)) from None
    asked = needs_agreement(chosen) and not getattr(args, "clinician_agreed", False)
    if asked:
        held.release()
        if not _agreed(chosen, out):
            return EXIT_FAILED
    programme = guide.start(args.name)
    held.release()
    out.write(f"Started {programme.name} ({programme.title}): {programme.describe()}.\n")
    if programme.caution and not asked:  # said just above the question otherwise
        out.write(f"Ask first: {programme.caution}\n")
    today = guide.today()
    if today is not None:
        out.write(f"Today: {today_text(today)}\n")
        note = build_up_note(today)
        if note is not None:
            out.write(f"{note}\n")
    out.write(f"{HOW_TO_WALK}\n")
    return EXIT_OK


def _agreed(programme: Programme, out: TextIO) -> bool:
    """Ask the clinician question on a terminal; without one, UsageError names the flag."""
    keys = sys.stdin
    if keys is None or not keys.isatty() or not out.isatty():
        raise UsageError(not_agreed_text(programme))
    if programme.caution:
        out.write(f"Ask first: {programme.caution}\n")
    out.write(AGREE_PROMPT)
    out.flush()
    answer = keys.readline()
    if answer.strip().lower() == CONFIRM_WORD:
        return True
    out.write(f"{'' if answer else chr(10)}Not started: {not_agreed_text(programme)}.\n")
    return False


def _resume(guide: ProgrammeGuide, out: TextIO, held: HeldLines) -> int:
    was = guide.today()
    today = guide.resume()
    held.release()
    if today is None:
        out.write("No programme is active: nothing to resume.\n")
    elif was is None or not was.paused:
        out.write(f"{today.programme.title} is not paused: nothing to resume.\n")
    else:
        out.write(f"Resumed {today.programme.name}. Today: {today_text(today)}\n")
        out.write(f"Start gently, and stop at once if the signs come back. {HOW_TO_WALK}\n")
    return EXIT_OK


def _list(guide: ProgrammeGuide, out: TextIO) -> None:
    programmes = guide.book.all()
    width = max(len(programme.name) for programme in programmes)
    out.write("Programmes:\n")
    for programme in programmes:
        out.write(f"  {programme.name:<{width}}  {programme.title}: {programme.describe()}\n")
        for line in _about(programme):
            out.write(f"  {'':<{width}}  {line}\n")
    out.write("\n")
    found = guide.active()
    today = guide.today()
    if found is None or today is None:
        lost = guide.state.active()
        if lost is not None:
            out.write(f"The programme you started, '{lost.programme}', is not available here.\n")
        out.write("No programme is active: start one with 'retrocoach programme start NAME'.\n")
        return
    enrolment, programme = found
    out.write(
        f"Active: {programme.name} ({programme.title}), "
        f"started {enrolment.started_at.date().isoformat()}\n"
    )
    out.write(f"  Today: {today_text(today)}\n")
    out.write(f"  {done_text(today)}. {week_text(today)}.\n")
    out.writelines(f"  {line}\n" for line in notice_lines(today))
    out.write(f"  {PROGRESSION_RULE}\n")
    for line in grid_lines(today):
        out.write(f"  {line}\n")
    if today.finished:
        out.write(f"  Start it again with: retrocoach programme start {programme.name}\n")
    else:
        out.write(f"  {HOW_TO_WALK}\n")


def _about(programme: Programme) -> list[str]:
    lines = []
    if programme.caution:
        lines.append(f"Ask first: {programme.caution}")
    lines += [f"For: {programme.audience}", f"Sources: {programme.citation}"]
    return lines
