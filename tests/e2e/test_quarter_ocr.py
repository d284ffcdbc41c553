"""Tesseract's default layout reads the coach from a screenshot shrunk to a quarter, in any state.

Plain `tesseract shot.png -` (no --psm), as anyone checking a screenshot would run it: the
direction word and the big time must come out in the normal view and in walk mode (F11), in
the light and dark themes, at QT_SCALE_FACTOR 1 and 2, before, during and after a walk.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from quarter_ocr import next_segment, quarter_text
from quarter_ocr import reads as _reads
from xdesktop import (
    Desktop,
    need_tools,
    open_window,
    sessions,
    start_walk,
    wait_until,
)

from retrocoach.core.settings.store import Settings, SettingsStore
from retrocoach.core.storage.paths import DataPaths

SCREENSHOTS = Path(__file__).parent / "screenshots"
# A cool-down after the last backward stretch: the time left in all is never the segment's.
# Minutes-long segments: a state lasts far longer than reading it takes on a busy machine.
PLAN = "getready=30s warmup=0s forward=2m backward=2m turn=30s rounds=1 cooldown=5m"


def _quarter_text(desktop: Desktop, window: str, name: str) -> str:
    """What default-mode tesseract reads in a 25% shot of the whole screen and of *window*."""
    return "\n".join(
        quarter_text(desktop, target, SCREENSHOTS / f"quarter-{name}-{kind}.png")
        for kind, target in (("screen", "root"), ("window", window))
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("theme", "scale", "strap"), [("light", "1", False), ("dark", "2", False), ("light", "1", True)]
)
def test_default_tesseract_reads_word_and_time_at_a_quarter_in_every_state(
    display: str, tmp_path: Path, theme: str, scale: str, strap: bool
) -> None:
    """Each state is reached by a key and waited for (in the journal, or read again until it
    shows); the segments are minutes long, so reading never races the walk's clock. With the
    demo heart-rate strap and a ceiling, its line and banner must not crowd the word or time."""
    need_tools(("tesseract",), "apt install tesseract-ocr")
    desktop = Desktop(display)
    data = tmp_path / "data"
    paths = DataPaths.resolve(data)
    paths.ensure()
    ceiling = 90 if strap else None  # the demo's heart is above 90 within a minute
    SettingsStore(paths, warn=print).save(
        Settings(checklist_confirmed=True, theme=theme, hr_ceiling=ceiling)
    )
    extra = ("--hr", "demo") if strap else ()
    app = open_window(desktop, data, PLAN, "none", *extra, QT_SCALE_FACTOR=scale)
    missed: list[str] = []

    def check(name: str, word: str, low: int, high: int) -> None:
        """Read the state; a read that misses is tried again (the frame may not be painted
        yet), up to three times: only a state never read counts as missed."""
        texts = []
        for attempt in range(3):
            text = _quarter_text(desktop, window, f"{theme}{scale}{strap:d}-{name}")
            if _reads(text, word, low, high):
                return
            texts.append(f"{attempt}: {text!r}")
        missed.append(f"{name}: wanted {word} and {low}-{high} s, read {texts}")

    try:
        window = desktop.window("^RetroCoach$", pid=app.pid)
        check("ready", "READY", 300, 900)
        start_walk(desktop, app, data)
        check("get-ready", "GETREADY", 1, 30)
        next_segment(desktop, window, data, "forward")
        check("forward", "FORWARD", 60, 120)
        desktop.press(window, "F11")  # walk mode: the same window, laid out larger
        check("walk-forward", "FORWARD", 60, 120)
        next_segment(desktop, window, data, "turn")
        check("walk-turn", "TURNROUND", 1, 30)
        next_segment(desktop, window, data, "backward")
        check("walk-backward", "BACKWARD", 60, 120)
        desktop.press(window, "space")
        check("walk-paused", "PAUSED", 60, 120)
        desktop.press(window, "F11")
        check("paused", "PAUSED", 60, 120)
        desktop.press(window, "space")
        check("backward", "BACKWARD", 60, 120)
        desktop.press(window, "Escape", "Escape")
        wait_until(lambda: sessions(data / "history.json"), "the stopped walk in the history")
        desktop.dismiss("How did it go", app.pid)
        texts = []
        for _ in range(3):
            texts.append(_quarter_text(desktop, window, f"{theme}{scale}{strap:d}-summary"))
            if "stopped early" in texts[-1].lower():
                break
        else:
            missed.append(f"summary: wanted 'stopped early', read {texts!r}")
    finally:
        app.kill()
    # Tesseract's page layout is a heuristic: one state in ten may go unread, never more.
    assert len(missed) <= 1, "\n".join(missed)
