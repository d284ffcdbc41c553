"""The first-start checklist on a small screen: it fits, says there is more, Enter is in reach."""

from __future__ import annotations

from pathlib import Path

import pytest
from xdesktop import Desktop, first_start, need_tools, read_until, wait_until, xvfb

SCREEN_W, SCREEN_H = 1024, 600


def _geometry(desktop: Desktop, window: str) -> tuple[int, int, int, int]:
    """x, y, width and height of *window*, as xdotool reports them."""
    values = dict(
        line.split("=", 1)
        for line in desktop.run("xdotool", "getwindowgeometry", "--shell", window).splitlines()
    )
    return int(values["X"]), int(values["Y"]), int(values["WIDTH"]), int(values["HEIGHT"])


@pytest.mark.slow
def test_on_a_small_screen_the_checklist_fits_says_more_below_and_enter_confirms(
    tmp_path: Path,
) -> None:
    need_tools(("tesseract",), "apt install tesseract-ocr")
    data = tmp_path / "data"
    with xvfb(f"{SCREEN_W}x{SCREEN_H}") as display:
        desktop = Desktop(display)
        with first_start(desktop, data):
            checklist = desktop.window("Safety checklist")
            read_until(desktop, tmp_path / "checklist-small.png", "More below")
            x, y, width, height = _geometry(desktop, checklist)
            assert x >= 0
            assert y >= 0
            assert x + width <= SCREEN_W
            assert y + height <= SCREEN_H, "the checklist runs off the screen"
            desktop.tick_checklist(checklist)
            # The confirm button is in reach once it can be used: every item ticked.
            read_until(desktop, tmp_path / "checklist-small-ticked.png", "All checked")
            desktop.press(checklist, "Return")
            desktop.window("^RetroCoach$")
            settings = data / "settings.json"
            wait_until(
                lambda: (
                    '"checklist_confirmed": true'
                    in (settings.read_text(encoding="utf-8") if settings.exists() else "")
                ),
                "Enter confirming the checklist",
            )
