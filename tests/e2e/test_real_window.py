"""The real window on a real X server: keys from xdotool, a short walk, the session in history."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from xdesktop import WAIT_S, Desktop, sessions, window_env

PLAN = "getready=0s warmup=0s forward=2s backward=2s rounds=1 cooldown=0s"
SCREENSHOTS = Path(__file__).parent / "screenshots"


@pytest.mark.slow
def test_a_short_plan_walked_with_real_keys_lands_in_the_history(
    display: str, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    history = data / "history.json"
    desktop = Desktop(display)
    env = window_env(desktop, data)
    app = subprocess.Popen(
        [sys.executable, "-m", "retrocoach", "--audio", "none", "--plan", PLAN],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    shots: list[Path] = []
    try:
        checklist = desktop.window("Safety")
        time.sleep(0.5)  # mapped is not yet painted
        shots.append(desktop.screenshot(SCREENSHOTS / "0-checklist.png"))
        desktop.tick_checklist(checklist)
        desktop.press(checklist, "Return")
        coach = desktop.window("^RetroCoach$")
        time.sleep(0.3)  # let the dialog's window go before the picture
        shots.append(desktop.screenshot(SCREENSHOTS / "1-idle.png"))
        desktop.press(coach, "space")
        began = time.monotonic()
        time.sleep(0.6)
        shots.append(desktop.screenshot(SCREENSHOTS / "2-forward.png"))
        time.sleep(max(0.0, began + 2.6 - time.monotonic()))
        shots.append(desktop.screenshot(SCREENSHOTS / "3-backward.png"))
        desktop.press(coach, "space")
        time.sleep(0.3)
        shots.append(desktop.screenshot(SCREENSHOTS / "4-paused.png"))
        desktop.press(coach, "space")
        checkin = desktop.window("How did it go")
        deadline = time.monotonic() + WAIT_S
        while not sessions(history) and time.monotonic() < deadline:
            time.sleep(0.05)
        shots.append(desktop.screenshot(SCREENSHOTS / "5-check-in.png"))
        desktop.press(checkin, "Escape")
        time.sleep(0.3)
        shots.append(desktop.screenshot(SCREENSHOTS / "6-finished.png"))
        desktop.press(coach, "ctrl+h")
        time.sleep(0.5)
        shots.append(desktop.screenshot(SCREENSHOTS / "7-history.png"))
        desktop.press(coach, "ctrl+q")
        app.wait(timeout=WAIT_S)
    finally:
        if app.poll() is None:
            app.kill()
        _, errors = app.communicate(timeout=WAIT_S)
    assert app.returncode == 0, errors
    (session,) = sessions(history)
    assert session["outcome"] == "completed"
    assert [segment["kind"] for segment in session["segments"]] == ["forward", "backward"]
    for shot in shots:
        assert shot.stat().st_size > 10_000, shot
