"""The first-start checklist on a small screen: it fits, says there is more, Enter is in reach."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from xdesktop import Desktop, need_tools, window_env, xvfb

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
        app = subprocess.Popen(
            [sys.executable, "-m", "retrocoach", "--audio", "none"],
            env=window_env(desktop, data),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            checklist = desktop.window("Safety checklist")
            time.sleep(0.5)  # mapped is not yet painted
            x, y, width, height = _geometry(desktop, checklist)
            assert x >= 0
            assert y >= 0
            assert x + width <= SCREEN_W
            assert y + height <= SCREEN_H, "the checklist runs off the screen"
            shot = desktop.screenshot(tmp_path / "checklist-small.png")
            read = subprocess.run(
                ["tesseract", str(shot), "-", "--psm", "11"],
                capture_output=True,
                text=True,
                timeout=60,
                check=True,
            ).stdout
            assert "More below" in " ".join(read.split()), read
            assert "All checked" in " ".join(read.split()), read
            desktop.press(checklist, "Return")
            desktop.window("^RetroCoach$")
            settings = data / "settings.json"
            deadline = time.monotonic() + 10
            while '"checklist_confirmed": true' not in (
                settings.read_text(encoding="utf-8") if settings.exists() else ""
            ):
                assert time.monotonic() < deadline, "Enter did not confirm the checklist"
                time.sleep(0.05)
        finally:
            app.terminate()
            app.wait(timeout=30)
