"""The terminal coach's keys: single presses read without Enter, and what each one asks."""

from __future__ import annotations

import contextlib
import sys
import termios
import tty
from collections.abc import Iterator
from typing import TextIO

from retrocoach.core.session.machine import Command, State

__all__ = ["cbreak", "key_command", "speed_steps", "stdin_keys"]


def key_command(keys: str, state: State) -> Command | None:
    """The command *keys* (one read, in lower case) ask for in *state*; None for none."""
    if " " in keys:
        return {State.PAUSED: Command.RESUME, State.WAITING: Command.GO}.get(state, Command.PAUSE)
    if "n" in keys:
        return Command.SKIP
    if "q" in keys:
        return Command.STOP
    return None


def speed_steps(keys: str) -> int:
    """How many steps faster (+) or slower (-) *keys* ask for the belt."""
    # Every press counts: a held key arrives as several in one read.
    return keys.count("+") - keys.count("-")


@contextlib.contextmanager
def cbreak(keys: TextIO | None) -> Iterator[None]:
    """Read single key presses from *keys* without Enter while the session runs, then restore."""
    if keys is None:
        yield
        return
    descriptor = keys.fileno()
    saved = termios.tcgetattr(descriptor)
    try:
        tty.setcbreak(descriptor)
        yield
    finally:
        # A terminal closed mid-walk (its window, an ssh link) cannot be restored, nor needs it.
        with contextlib.suppress(termios.error, OSError):
            termios.tcsetattr(descriptor, termios.TCSADRAIN, saved)


def stdin_keys() -> TextIO | None:
    """Standard input when it is a terminal we can read key presses from, else None."""
    stream = sys.stdin
    try:
        return stream if stream is not None and stream.isatty() else None
    except ValueError:  # closed
        return None
