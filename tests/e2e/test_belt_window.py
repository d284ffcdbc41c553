"""The belt in the real window on Xvfb: the target speed read from a screenshot, Up/Down with
real keys, the turn-around's instruction, and the corrected speed in the history."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
from xdesktop import (
    WAIT_S,
    Desktop,
    need_tools,
    open_window,
    prepare_data,
    sessions,
    start_walk,
    wait_until,
)

SCREENSHOTS = Path(__file__).parent / "screenshots"
PLAN = (
    "getready=0s warmup=0s forward=8s backward=4s rounds=1 cooldown=0s turn=4s "
    "forward-speed=3.5km/h backward-speed=1.5km/h"
)


def _read(desktop: Desktop, name: str) -> str:
    shot = desktop.screenshot(SCREENSHOTS / f"{name}.png")
    done = subprocess.run(
        ["tesseract", str(shot), "-", "--psm", "11"],
        capture_output=True,
        text=True,
        timeout=WAIT_S,
        check=True,
    )
    return done.stdout


@pytest.mark.slow
def test_the_belt_speed_is_legible_up_corrects_it_and_the_history_keeps_it(
    display: str, tmp_path: Path
) -> None:
    need_tools(("tesseract",), "apt install tesseract-ocr")
    data = tmp_path / "data"
    prepare_data(data)
    desktop = Desktop(display)
    app = open_window(desktop, data, PLAN)
    try:
        coach = desktop.window("^RetroCoach$", pid=app.pid)
        start_walk(desktop, app, data)
        began = time.monotonic()
        time.sleep(0.5)
        assert "3.5 km/h" in _read(desktop, "belt-1-forward"), "the target speed is legible"
        desktop.press(coach, "Up", "Up", "Up", "Down")
        time.sleep(0.4)
        assert "3.7 km/h" in _read(desktop, "belt-2-corrected")
        time.sleep(max(0.0, began + 9.0 - time.monotonic()))  # into the turn-around
        turning = _read(desktop, "belt-3-turn")
        assert "1.5 km/h" in turning
        assert "rails" in turning
        history = data / "history.json"
        wait_until(lambda: sessions(history), f"the walk in the history\n{app.stderr}")
    finally:
        app.kill()
    (session,) = sessions(data / "history.json")
    speeds = [(s["kind"], s["speed_kmh"]) for s in session["segments"]]
    assert speeds == [("forward", 3.7), ("turn", None), ("backward", 1.5)]
    assert session["plan"]["forward_speed_kmh"] == 3.5  # the plan as written, beside it
