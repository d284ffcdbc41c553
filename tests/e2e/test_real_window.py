"""The real window on a real X server: keys from xdotool, a short walk, the session in history."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from xdesktop import WAIT_S, Desktop, journal_session, sessions, wait_until, window_env

# Backward long enough for Space to pause it however late a busy machine sees it begin.
PLAN = "getready=0s warmup=0s forward=2s backward=5s rounds=1 cooldown=0s"
PAINTED = 10_000
"""A screenshot's size in bytes once the window is drawn (a blank screen compresses smaller)."""
SCREENSHOTS = Path(__file__).parent / "screenshots"


def _visible(desktop: Desktop, name: str) -> bool:
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", name],
        env=desktop.env,
        capture_output=True,
        text=True,
        check=False,
    )
    return bool(found.stdout.split())


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

    def shoot(name: str) -> None:
        """A screenshot once the frame is painted: a mapped window is blank a moment."""
        path = SCREENSHOTS / name
        wait_until(lambda: desktop.screenshot(path).stat().st_size > PAINTED, f"{name} painted")
        shots.append(path)

    def walked() -> list[str]:
        journal = journal_session(data)
        return [str(s["kind"]) for s in journal["segments"]] if journal else []

    try:
        checklist = desktop.window("Safety")
        shoot("0-checklist.png")
        desktop.tick_checklist(checklist)
        desktop.press(checklist, "Return")
        coach = desktop.window("^RetroCoach$")
        wait_until(lambda: not _visible(desktop, "Safety"), "the checklist gone")
        shoot("1-idle.png")
        desktop.press(coach, "space")
        wait_until(lambda: walked() == ["forward"], "the forward stretch")
        shoot("2-forward.png")
        wait_until(lambda: walked() == ["forward", "backward"], "the backward stretch")
        shoot("3-backward.png")
        desktop.press(coach, "space")
        shoot("4-paused.png")
        desktop.press(coach, "space")
        checkin = desktop.window("How did it go")
        wait_until(lambda: sessions(history), "the walk in the history")
        shoot("5-check-in.png")
        desktop.press(checkin, "Escape")
        wait_until(lambda: not _visible(desktop, "How did it go"), "the check-in gone")
        shoot("6-finished.png")
        desktop.press(coach, "ctrl+h")
        shoot("7-history.png")
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
        assert shot.stat().st_size > PAINTED, shot
