"""The command line's parts: a parser that says bad input in one line, and its option types."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import Any, Final, NoReturn

from retrocoach.cli.errors import UsageError
from retrocoach.core.settings.kinds import SettingsError
from retrocoach.core.settings.table import SETTINGS

__all__ = ["Parser", "date_word", "device_word", "effort_word"]


class _Formatter(argparse.HelpFormatter):
    """argparse's help, with a command that may be left out shown as optional.

    argparse writes a sub-command as ``COMMAND ...`` whether or not it is required; here one
    that is not reads ``[COMMAND ...]``, as it should (no command opens the window).
    """

    def _format_args(self, action: argparse.Action, default_metavar: str) -> str:
        text = super()._format_args(action, default_metavar)
        if action.nargs == argparse.PARSER and not action.required:
            return f"[{text}]"
        return text


class Parser(argparse.ArgumentParser):
    """argparse that reports bad input in one line, exit status 2, never a usage dump."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # noqa: ANN401  (argparse's own)
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{_one_line(message)} (see {self.prog} --help)")


_LONGEST_WORD: Final = 40


def _one_line(message: str) -> str:
    """argparse's *message*, which repeats what was typed, as one short line.

    A pasted word of thousands of characters is cut, and control characters (a line break,
    a terminal's escape sequence) are shown escaped rather than acted on.
    """
    shown = "".join(char if char.isprintable() else repr(char)[1:-1] for char in message)
    return " ".join(
        word if len(word) <= _LONGEST_WORD else f"{word[: _LONGEST_WORD - 3]}..."
        for word in shown.split(" ")
    )


def date_word(text: str) -> date:
    """A day as YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date: write it as YYYY-MM-DD, e.g. 2026-11-21"
        ) from None


def effort_word(text: str) -> int:
    """How hard a walk felt: a whole number from 0 to 10."""
    if text.isascii() and text.isdigit() and len(text) <= 2 and int(text) <= 10:
        return int(text)
    raise argparse.ArgumentTypeError(
        f"'{text[:20]}' is not a rating: how hard the walk felt is a whole number from 0 to 10"
    )


def device_word(key: str, flag: str) -> Callable[[str], str]:
    """The reader of a device flag's word: demo, none, or a Bluetooth address (in capitals)."""

    def read(text: str) -> str:
        word = text.strip()
        if word.lower() in ("demo", "none"):
            return word.lower()
        try:
            return str(SETTINGS[key].kind.read(flag, word))
        except SettingsError as error:
            raise argparse.ArgumentTypeError(f"{error}; or demo for a simulated one") from None

    return read
