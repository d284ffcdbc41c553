"""The help says what the app does: optional commands, the terminal's keys, the real defaults."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from retrocoach.cli.parser import build_parser

REPO = Path(__file__).resolve().parents[2]


def help_of(*command: str) -> str:
    parser = build_parser()
    for word in command:
        parser = next(
            action.choices[word]
            for action in parser._actions  # argparse keeps its sub-parsers nowhere else
            if isinstance(action.choices, dict) and word in action.choices
        )
    return " ".join(parser.format_help().split())  # one line, however argparse wraps it


def test_the_usage_shows_the_command_as_optional_and_says_no_command_opens_the_window() -> None:
    text = help_of()
    assert re.search(r"^usage: retrocoach .*\[COMMAND \.\.\.\]", text)
    assert "COMMAND ... " not in text.replace("[COMMAND ...]", "")
    assert "With no COMMAND, RetroCoach opens its window" in text


def test_the_programme_usage_shows_its_action_as_optional() -> None:
    text = help_of("programme")
    assert re.search(r"^usage: retrocoach programme .*\[ACTION \.\.\.\]", text)
    assert "With no action, list them" in text


def test_run_help_lists_every_key_the_readme_lists() -> None:
    text = help_of("run")
    for key in ("Space pauses and resumes", "N skips", "Q or Ctrl+C stops", "+ and -"):
        assert key in text
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    assert "**+** / **-** correct the belt speed" in readme


def test_the_pips_help_names_the_setting_that_changes_its_default() -> None:
    text = help_of("run")
    pips = text[text.index("--pips") :]
    assert "retrocoach settings pips=" in pips
    assert "unless changed in the window" not in text


@pytest.mark.parametrize("command", [(), ("run",), ("history",), ("settings",), ("programme",)])
def test_the_data_dir_help_names_the_programme_too(command: tuple[str, ...]) -> None:
    text = help_of(*command)
    data_dir = text[text.index("--data-dir DIR ") :]
    assert data_dir.startswith(
        "--data-dir DIR keep the history, plans, settings and the programme you follow in DIR"
    )


def test_the_quick_start_begins_with_getting_the_source() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme[readme.index("## Quick start") : readme.index("### Putting")]
    assert "git clone" in start
    assert start.index("git clone") < start.index("pip install")


def test_the_readme_gives_the_quick_lane_no_time_it_was_not_measured_to_take() -> None:
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    quick = readme[readme.index("`scripts/check --quick`") :][:300]
    assert "minute" not in quick
    assert "tests/README.md" in quick
