"""What default-mode tesseract reads in a window's screenshot shrunk to a quarter.

Plain `tesseract shot.png -` (no --psm), as anyone checking a screenshot would run it.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from xdesktop import WAIT_S, Desktop, journal_session, wait_until

__all__ = [
    "SMALL_SCREEN_PLAN",
    "STATES",
    "TIME",
    "next_segment",
    "quarter_text",
    "reads",
    "segment_kinds",
]

TIME = re.compile(r"\b(\d{1,2}):([0-5]\d)\b")
# A 30 s turn-around is longer than the slow-down's lead: the speed to set shows at its start.
SMALL_SCREEN_PLAN = (
    "getready=30s warmup=0s forward=2m backward=2m turn=30s rounds=1 cooldown=0s "
    "forward-speed=3.5km/h backward-speed=1.5km/h"
)
STATES: dict[str, tuple[str, int, int, str]] = {
    "ready": ("READY", 240, 300, ""),
    "get-ready": ("GETREADY", 1, 30, "3.5km/h"),
    "forward": ("FORWARD", 60, 120, "3.5km/h"),
    "turn": ("TURNROUND", 1, 30, "1.5km/h"),
    "backward": ("BACKWARD", 60, 120, "1.5km/h"),
    "paused": ("PAUSED", 60, 120, ""),
    "esc-banner": ("BACKWARD", 60, 120, ""),
    "ctrl-q-banner": ("BACKWARD", 60, 120, ""),
    "summary": ("STOPPED", 0, 0, ""),
}
"""What each state of SMALL_SCREEN_PLAN must give at a quarter: its word, the range its big
time is in (seconds; none after the walk, where the summary has the time's place) and the
speed shown."""


def quarter_text(desktop: Desktop, target: str, shot: Path) -> str:
    """Shoot *target* (a window id, or 'root') into *shot*, shrink it to 25%, read it."""
    shot.parent.mkdir(parents=True, exist_ok=True)
    desktop.run("import", "-window", target, str(shot))
    small = shot.with_name(f"{shot.stem}-25.png")
    desktop.run("convert", str(shot), "-resize", "25%", str(small))
    done = subprocess.run(
        ["tesseract", str(small), "-"],
        capture_output=True,
        text=True,
        timeout=WAIT_S,
        check=True,
    )
    return " ".join(done.stdout.split())  # one line: the word and the time are read together


def reads(text: str, word: str, low: int, high: int) -> bool:
    """Whether one line of *text* gives *word* and a time from *low* to *high* seconds.

    The bounds leave out every figure of the small lines in that state (the next segment's
    length, the whole session's time left), so only the big time can match.
    """
    for line in text.splitlines():
        seconds = [int(m) * 60 + int(s) for m, s in TIME.findall(line)]
        if word in line.upper().replace(" ", "") and any(low <= s <= high for s in seconds):
            return True
    return False


def segment_kinds(data: Path) -> list[str]:
    """The kinds of the segments begun so far, from the walk's journal in *data*."""
    journal = journal_session(data)
    return [str(s["kind"]) for s in journal["segments"]] if journal else []


def next_segment(desktop: Desktop, window: str, data: Path, kind: str) -> None:
    """Press N in *window* and wait until the journal in *data* shows a *kind* segment begun."""
    desktop.press(window, "n")
    wait_until(lambda: segment_kinds(data)[-1:] == [kind], f"the {kind} segment")
