"""The belt in the real window on Xvfb: the target speed read from a screenshot, Up/Down with
real keys, the turn-around's instruction, and the corrected speed in the history."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from xdesktop import (
    WAIT_S,
    Desktop,
    journal_session,
    need_tools,
    open_window,
    prepare_data,
    sessions,
    start_walk,
    wait_until,
)

SCREENSHOTS = Path(__file__).parent / "screenshots"
# Minutes-long forward and turn-around, left with N: reading the screen never races the clock.
PLAN = (
    "getready=0s warmup=0s forward=2m backward=3s rounds=1 cooldown=0s turn=1m "
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


def _read_until(desktop: Desktop, name: str, *words: str) -> str:
    """Read the screen until every one of *words* is on it (a frame may lag a key press)."""
    texts = [""]

    def shows() -> bool:
        texts[0] = _read(desktop, name)
        return all(word in texts[0] for word in words)

    try:
        wait_until(shows, f"{words} on the screen {name!r}")
    except AssertionError as missed:
        raise AssertionError(f"{missed}; read last:\n{texts[0]}") from None
    return texts[0]


def _segments(data: Path) -> list[str]:
    journal = journal_session(data)
    return [str(s["kind"]) for s in journal["segments"]] if journal else []


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
        _read_until(desktop, "belt-1-forward", "3.5 km/h")  # the target speed is legible
        desktop.press(coach, "Up", "Up", "Up", "Down")
        _read_until(desktop, "belt-2-corrected", "3.7 km/h")
        desktop.press(coach, "n")  # on to the turn-around
        wait_until(lambda: _segments(data)[-1:] == ["turn"], "the turn-around")
        _read_until(desktop, "belt-3-turn", "1.5 km/h", "rails")
        desktop.press(coach, "n")  # on to the last, short backward stretch
        history = data / "history.json"
        wait_until(lambda: sessions(history), f"the walk in the history\n{app.stderr}")
    finally:
        app.kill()
    (session,) = sessions(data / "history.json")
    speeds = [(s["kind"], s["speed_kmh"]) for s in session["segments"]]
    assert speeds == [("forward", 3.7), ("turn", None), ("backward", 1.5)]
    assert session["plan"]["forward_speed_kmh"] == 3.5  # the plan as written, beside it
