"""The real window on small screens (1024x600, 1366x768): default tesseract on a quarter-size
screenshot reads the direction word, the segment time and the speed to set, state by state.

One Xvfb per screen size and one window per case, each state reached by a key and read from
that one window: before, get-ready, forward, the turn-around, backward, paused, the Esc and the
Ctrl+Q banners and the summary, at scale 1 and 2, light and dark, in the window as the app
sizes it and in walk mode (F11). Segments last minutes, so no read races the walk's clock;
a state is waited for (in the journal) and read again until it shows, never slept on.
The slow-down's own seconds are read on the 4K screen by test_legibility_matrix.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from quarter_ocr import SMALL_SCREEN_PLAN, STATES, next_segment, quarter_text, reads
from xdesktop import (
    Desktop,
    need_tools,
    open_window,
    sessions,
    start_walk,
    wait_until,
    xvfb,
)

from retrocoach.core.settings.store import Settings, SettingsStore
from retrocoach.core.storage.paths import DataPaths

SCREENSHOTS = Path(__file__).parent / "screenshots"
ATTEMPTS = 3
"""Reads of one state before it counts as missed: a frame may not be painted yet."""


@dataclass(frozen=True)
class Case:
    scale: str
    theme: str
    walk_mode: bool = False
    """F11 first: the coach alone on the whole screen."""

    @property
    def name(self) -> str:
        return f"{self.theme}{self.scale}{'-walk' if self.walk_mode else ''}"


def _walk_through(desktop: Desktop, data: Path, size: str, case: Case) -> list[str]:
    """Walk the plan in a real window; the states tesseract never read, with what it read."""
    paths = DataPaths.resolve(data)
    paths.ensure()
    SettingsStore(paths, warn=print).save(Settings(checklist_confirmed=True, theme=case.theme))
    app = open_window(desktop, data, SMALL_SCREEN_PLAN, QT_SCALE_FACTOR=case.scale)
    name = f"small-{size}-{case.name}"
    missed: list[str] = []

    def see(state: str) -> None:
        word, low, high, speed = STATES[state]
        texts = []
        for _attempt in range(ATTEMPTS):
            text = quarter_text(desktop, window, SCREENSHOTS / f"{name}-{state}.png")
            # After a walk the summary has the time's place: its word is what must be read.
            timed = reads(text, word, low, high) if high else word in text.replace(" ", "")
            if timed and speed in text.replace(" ", ""):
                return
            texts.append(text)
        missed.append(f"{name} {state}: wanted {word}, {low}-{high} s, {speed!r}: {texts!r}")

    try:
        window = desktop.window("^RetroCoach$", pid=app.pid)
        if case.walk_mode:
            desktop.press(window, "F11")
        see("ready")
        start_walk(desktop, app, data)
        see("get-ready")
        next_segment(desktop, window, data, "forward")
        see("forward")
        next_segment(desktop, window, data, "turn")
        see("turn")
        next_segment(desktop, window, data, "backward")
        see("backward")
        desktop.press(window, "space")
        see("paused")
        desktop.press(window, "space")
        desktop.press(window, "Escape")
        see("esc-banner")
        desktop.press(window, "ctrl+q")
        see("ctrl-q-banner")
        desktop.press(window, "Escape", "Escape")
        wait_until(lambda: sessions(data / "history.json"), "the stopped walk in the history")
        desktop.dismiss("How did it go", app.pid)
        see("summary")
    finally:
        app.kill()
    return missed


CASES = (Case("1", "light"), Case("2", "dark"), Case("1", "dark", walk_mode=True))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("size", "allowed"),
    # The states tesseract may miss of the 27 read on each screen (3 cases of 9 states): a
    # ratchet, to lower as the layout improves. Measured on one commit, run after run, the
    # count moves by two or three (a state caught a frame before or after a banner is painted,
    # and default tesseract finds no text block at all in some crops where each word alone
    # reads; with no sound the band's blocks flash dark at a switch or an Esc, and a shot that
    # catches the flash reads less). Seven runs: 8-10 on 1024x600 and 3-7 on 1366x768 since a
    # short coach gives its lesser lines' room to the speed during a walk, against 13-14 and
    # 7-10 before it, and 20 and 12 before the big buttons gave way on a short window. The
    # allowance keeps that spread above today's worst, so the test fails a regression, not a
    # frame's luck.
    [("1024x600", 13), ("1366x768", 10)],
)
def test_tesseract_reads_word_time_and_speed_at_a_quarter_on_small_screens(
    tmp_path: Path, size: str, allowed: int
) -> None:
    need_tools(("tesseract", "convert"), "apt install tesseract-ocr imagemagick")
    missed: list[str] = []
    with xvfb(size) as display:
        desktop = Desktop(display)
        for number, case in enumerate(CASES):
            missed += _walk_through(desktop, tmp_path / f"data{number}", size, case)
    print(f"{size}: {len(missed)} of {len(CASES) * 9} states unread", *missed, sep="\n")
    assert len(missed) <= allowed, "\n".join(missed)
