"""No text a user can see names a file of the repository: the data, the help and the outputs."""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from visible_text import repository_names

from retrocoach.cli.history import run_plans
from retrocoach.cli.parser import build_parser
from retrocoach.core.figures.effort import EFFORT_HINT, EFFORT_WORDS
from retrocoach.core.plan.presets import PRESETS
from retrocoach.core.plan.store import PlanStore
from retrocoach.core.programme.model import ProgrammeBook
from retrocoach.core.safety.checklist import Checklist, checklist_lines
from retrocoach.core.safety.reminders import ReminderBook
from retrocoach.core.storage.shipped import asset_path


def _data_texts() -> Iterator[str]:
    book = ReminderBook.default()
    for reminder in book.all():
        yield reminder.text
        yield reminder.citation
        if reminder.detail:
            yield reminder.detail
    for reference in book.references.all():
        yield reference.full()
        yield reference.short()
    for figure in book.references.figures():
        yield figure.text
    for preset in PRESETS.values():
        yield preset.description
        yield preset.details
        yield book.references.cite(preset.references)
    yield from checklist_lines(Checklist.from_book(book))
    yield EFFORT_HINT
    yield from EFFORT_WORDS.values()
    for programme in ProgrammeBook.load(asset_path("data", "programmes.json")).all():
        yield from (programme.title, programme.audience, programme.about, programme.build_up)
        yield programme.citation
        yield from programme.sources
        yield programme.caution or ""


def _help_texts() -> Iterator[str]:
    parser = build_parser()
    yield parser.format_help()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield sub.format_help()


def test_the_check_finds_the_names_it_is_meant_to_find() -> None:
    """The pattern can fail: each way a repository file used to be named is caught."""
    caught = [
        "Source: DOMAIN.md: consumer-safety organisation",
        "seeds/001-retro-walking-treadmill.md",
        "seed 003: The Surprising Health Benefits",
        "see 000_2246e49ff7c77135.txt",
        "assets/data/reminders.json",
        "../shared/DESIGN.md",
    ]
    assert len(repository_names(caught)) == len(caught)
    fine = ["Consumer Reports 2019", "history.json comes from a newer RetroCoach", "0.6 m"]
    assert repository_names(fine) == []


def test_no_shipped_text_names_a_repository_file() -> None:
    assert repository_names(_data_texts()) == []


def test_no_help_text_names_a_repository_file() -> None:
    assert repository_names(_help_texts()) == []


def test_the_plans_listing_names_no_repository_file(tmp_path: Path) -> None:
    out = io.StringIO()
    assert run_plans(PlanStore(tmp_path, warn=pytest.fail), out, io.StringIO()) == 0
    assert repository_names(out.getvalue().splitlines()) == []


def test_a_whole_first_run_in_the_terminal_names_no_repository_file(tmp_path: Path) -> None:
    spec = "forward=2s backward=1s rounds=1 warmup=0s cooldown=0s getready=0s"
    command = (sys.executable, "-m", "retrocoach", "--data-dir", str(tmp_path), "run")
    result = subprocess.run(
        [*command, "--audio", "none", "--plan", spec],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "SAFETY CHECKLIST" in result.stdout
    assert repository_names(result.stdout.splitlines() + result.stderr.splitlines()) == []
