"""What default-mode tesseract reads in a window's screenshot shrunk to a quarter.

Plain `tesseract shot.png -` (no --psm), as anyone checking a screenshot would run it.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from xdesktop import WAIT_S, Desktop

__all__ = ["TIME", "quarter_text", "reads"]

TIME = re.compile(r"\b(\d{1,2}):([0-5]\d)\b")


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
