"""Before a terminal walk: make sure it can be kept; if no disk has room, the walker chooses."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from retrocoach.cli.output import is_terminal
from retrocoach.cli.terminal import stdin_keys
from retrocoach.core.errors import StorageError
from retrocoach.core.history.recorder import SessionRecorder

__all__ = ["room_to_keep", "terminal_keys"]


def room_to_keep(
    recorder: SessionRecorder, planned_s: float, yes: bool, out: TextIO, tell: Callable[[str], None]
) -> bool:
    """Make the walk's journal before its first step; if no disk has room, let the walker choose.

    On a terminal the walker types yes to walk anyway, unkept; elsewhere only --yes walks on.
    """
    try:
        recorder.prepare(planned_s)
    except StorageError as error:
        tell(f"{error}: this walk could not be saved to your history")
    else:
        return True
    keys = terminal_keys(out)
    if yes:
        tell("walking anyway, as --yes asks: this walk will not be saved")
        return True
    if keys is None:
        tell("nothing was walked: free some disk space, or give --yes to walk without saving")
        return False
    out.write("Walk anyway, without saving it? Type yes to walk, anything else to stop: ")
    out.flush()
    if keys.readline().strip().lower() == "yes":
        return True
    out.write("Nothing was walked.\n")
    return False


def terminal_keys(out: TextIO) -> TextIO | None:
    """Standard input to ask the walker on, when both it and *out* are a terminal."""
    return stdin_keys() if is_terminal(out) else None
