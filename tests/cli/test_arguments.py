"""The command line's one-line errors stay one short line, whatever was typed or pasted."""

from __future__ import annotations

import pytest

from retrocoach.cli.errors import UsageError
from retrocoach.cli.parser import build_parser


def test_a_huge_or_odd_word_is_cut_and_escaped_in_the_one_line_error() -> None:
    with pytest.raises(UsageError) as caught:
        build_parser().parse_args(["plans", "save", "x" * 10_000, "\x1b[31mred\nline"])
    message = str(caught.value)
    assert message.startswith("unrecognized arguments: save xxxx")
    assert "..." in message
    assert len(message) < 200, message
    assert message.isprintable(), message  # no escape sequence, no second line
    assert message.endswith("(see retrocoach --help)")


def test_a_short_word_is_said_as_typed() -> None:
    with pytest.raises(UsageError) as caught:
        build_parser().parse_args(["history", "--format", "xml"])
    assert "'xml'" in str(caught.value)
