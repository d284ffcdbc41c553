"""The plain window start is read without argparse, to the very namespace the full parser gives."""

from __future__ import annotations

import pytest

from retrocoach.cli.parser import build_parser
from retrocoach.cli.quick_args import quick_window_args


@pytest.mark.parametrize(
    "words",
    [
        [],
        ["--audio", "none"],
        ["--audio=pulse"],
        ["--data-dir", "/srv/walks"],
        ["--data-dir=relative/folder", "--audio", "qt"],
        ["--data-dir", "a", "--data-dir", "b"],
        ["--data-dir="],
    ],
)
def test_the_plain_window_start_reads_as_the_full_parser_reads_it(words: list[str]) -> None:
    assert quick_window_args(words) == build_parser().parse_args(words)


@pytest.mark.parametrize(
    "words",
    [
        ["run"],
        ["history", "--format", "json"],
        ["--plan", "first-steps"],
        ["--treadmill", "demo"],
        ["--hr", "none"],
        ["--audio", "loud"],
        ["--audio"],
        ["--data-dir", "--audio", "none"],
        ["--data", "x"],
        ["--help"],
        ["--version"],
        ["--", "x"],
    ],
)
def test_anything_else_is_left_to_the_full_parser(words: list[str]) -> None:
    assert quick_window_args(words) is None
