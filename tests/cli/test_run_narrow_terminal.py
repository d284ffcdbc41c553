"""`retrocoach run` in a narrow terminal: the live line fits, so redrawing it never scrolls."""

from __future__ import annotations

import fcntl
import os
import struct
import sys
import termios
from pathlib import Path

import pytest
from pty_process import PtyProcess

pytestmark = pytest.mark.slow

PLAN = "getready=0s warmup=0s forward=1s backward=3s rounds=1 cooldown=0s backward-speed=1.5km/h"
COLUMNS = 30


def test_the_live_line_is_cut_to_a_narrow_terminal_so_each_redraw_stays_on_one_row(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_text('{"checklist_confirmed": true}', encoding="utf-8")
    walk = PtyProcess(
        [sys.executable, "-m", "retrocoach", "run", "--audio", "none", "--plan", PLAN],
        {**os.environ, "RETROCOACH_DATA_DIR": str(data)},
    )
    # A phone's terminal or a split pane: 30 columns (set before the walk's first redraw).
    fcntl.ioctl(walk.controller, termios.TIOCSWINSZ, struct.pack("HHHH", 24, COLUMNS, 0, 0))
    walk.read_until(b"Session completed")
    assert walk.finish() == 0
    # A live line is redrawn in place (\r, erase the row, the text); lines that stay end in \n.
    redraws = [
        chunk.split(b"\r")[0].decode()
        for chunk in walk.seen.split(b"\r\x1b[2K")[1:]
        if b"\n" not in chunk
    ]
    backward = [line for line in redraws if line.startswith("BACKWARD")]
    assert backward, redraws
    too_wide = [line for line in redraws if len(line) >= COLUMNS]
    assert too_wide == [], f"a wrapped live line scrolls at every redraw: {too_wide}"


def test_a_dumb_terminal_gets_no_escapes_and_each_redraw_covers_the_last(tmp_path: Path) -> None:
    """Emacs' shell and serial consoles say TERM=dumb and print an escape as text."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_text('{"checklist_confirmed": true}', encoding="utf-8")
    walk = PtyProcess(
        [sys.executable, "-m", "retrocoach", "run", "--audio", "none", "--plan", PLAN],
        {**os.environ, "RETROCOACH_DATA_DIR": str(data), "TERM": "dumb"},
    )
    walk.read_until(b"Session completed")
    assert walk.finish() == 0
    assert b"\x1b" not in walk.seen
    # Each redraw starts at the row's start and is never shorter than what it replaces, or
    # what it erased is written over with spaces first.
    shown = ""
    for chunk in walk.seen.decode().split("\n"):  # the pty ends each line with \r\n
        for part in chunk.removesuffix("\r").split("\r")[1:]:
            if part.strip() == "":
                assert len(part) >= len(shown) or shown == "", (part, shown)
                shown = ""
            elif part.startswith(("BACKWARD", "FORWARD")):
                assert len(part) >= len(shown) or not shown, (part, shown)
                shown = part
    assert "BACKWARD" in walk.seen.decode()
