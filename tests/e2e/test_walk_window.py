"""The real window as a walker uses it, on Xvfb with xdotool keys and tesseract reading shots.

It fits a 1920x1080 screen at QT_SCALE_FACTOR=2; Space on the Plan page starts the walk on the
coach, whose direction word and time OCR still reads from a screenshot shrunk to a quarter; one
Esc only asks, a second stops, and the stopped walk shows what was left, not a finish.
"""

from __future__ import annotations

import re
import subprocess
import time
from collections.abc import Callable
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
PLAN = "getready=0s warmup=0s forward=30s backward=30s rounds=1 cooldown=0s"
TIME = re.compile(r"\b[0-5]?\d:[0-5]\d\b")


def _need_tesseract() -> None:
    need_tools(("tesseract",), "apt install tesseract-ocr")


def _read(desktop: Desktop, name: str, *, quarter: bool) -> str:
    """Screenshot the screen (shrunk to 25% when *quarter*) and read it with tesseract.

    Two page layouts are read, sparse text and a single block: the shot is the same, only
    tesseract's guess at the layout differs.
    """
    return _ocr(desktop, desktop.screenshot(SCREENSHOTS / f"{name}.png"), quarter=quarter)


def _ocr(desktop: Desktop, shot: Path, *, quarter: bool) -> str:
    """What tesseract reads in *shot*, in both layouts (see _read)."""
    name = shot.stem
    if quarter:
        small = shot.with_name(f"{name}-25.png")
        desktop.run("convert", str(shot), "-resize", "25%", str(small))
        shot = small
    texts = []
    for layout in ("11", "6"):
        done = subprocess.run(
            ["tesseract", str(shot), "-", "--psm", layout],
            capture_output=True,
            text=True,
            timeout=WAIT_S,
            check=True,
        )
        texts.append(done.stdout)
    return "\n".join(texts)


def _read_until(desktop: Desktop, name: str, shows: Callable[[str], bool], *, quarter: bool) -> str:
    """Read the screen again and again until *shows* holds for its text; that text.

    Waiting on what is shown, not on the clock: a busy machine only takes longer.
    """
    texts = [""]

    def read() -> bool:
        texts[0] = _read(desktop, name, quarter=quarter)
        return shows(texts[0])

    try:
        wait_until(read, f"the screen {name!r}")
    except AssertionError as missed:
        raise AssertionError(f"{missed}; read last:\n{texts[0]}") from None
    return texts[0]


def _geometry(desktop: Desktop, window: str) -> dict[str, int]:
    shell = desktop.run("xdotool", "getwindowgeometry", "--shell", window)
    return {key: int(value) for key, value in (line.split("=") for line in shell.splitlines())}


@pytest.mark.slow
def test_at_scale_two_the_window_fits_and_a_walk_started_on_the_plan_page_is_read_at_25(
    display: str, tmp_path: Path
) -> None:
    _need_tesseract()
    desktop = Desktop(display)
    data = tmp_path / "data"
    prepare_data(data)
    app = open_window(desktop, data, PLAN, QT_SCALE_FACTOR="2")
    try:
        window = desktop.window("^RetroCoach$", pid=app.pid)
        box = _geometry(desktop, window)
        assert box["X"] >= 0
        assert box["Y"] >= 0
        assert box["X"] + box["WIDTH"] <= 1920
        assert box["Y"] + box["HEIGHT"] <= 1080
        desktop.press(window, "ctrl+p")  # the Plan page
        _read_until(desktop, "walk-scale2-plan", lambda t: "Rounds" in t, quarter=False)
        start_walk(desktop, app, data)
        # The start flashes the band (no sound here): read once the word and time are clear.
        _read_until(
            desktop,
            "walk-scale2-forward",
            lambda t: "FORWARD" in t.upper() and TIME.search(t) is not None,
            quarter=True,
        )
    finally:
        app.kill()


@pytest.mark.slow
def test_one_esc_only_asks_a_second_stops_and_the_stop_shows_what_was_left(
    display: str, tmp_path: Path
) -> None:
    _need_tesseract()
    desktop = Desktop(display)
    data = tmp_path / "data"
    prepare_data(data)
    app = open_window(desktop, data, PLAN)
    try:
        walking = start_walk(desktop, app, data)
        window = desktop.window("^RetroCoach$", pid=app.pid)
        # The screen shows the walk first: a starved window repaints late, and the question's
        # few seconds must not pass before it is painted at all.
        _read_until(desktop, "walk-esc-before", lambda t: "FORWARD" in t.upper(), quarter=False)
        # One Esc: the question shows. Reading the screen takes tesseract seconds on a busy
        # machine, longer than the 4 s the question stays, so the screen is shot during those
        # seconds (a shot takes a fraction of one) and the shots are read afterwards. The
        # second press below does not wait on either: the question is left to lapse first,
        # and two presses follow.
        desktop.press(window, "Escape")
        shots: list[Path] = []
        until = time.monotonic() + 3.0  # within the question's 4 s
        while time.monotonic() < until:
            shots.append(desktop.screenshot(SCREENSHOTS / f"walk-esc-once-{len(shots)}.png"))
        texts: list[str] = []
        for shot in shots:
            texts.append(_ocr(desktop, shot, quarter=False))
            if "again" in texts[-1].lower():
                break
        else:
            raise AssertionError(f"no shot of {len(shots)} showed the question: {texts}")
        _read_until(
            desktop,
            "walk-esc-lapsed",
            lambda t: "again" not in t.lower() and "pauses" in t.lower(),  # read, and gone
            quarter=False,
        )
        assert sessions(data / "history.json") == []  # still walking: one Esc only asked
        journal = journal_session(data)
        assert journal is not None
        assert journal["id"] == walking["id"]
        desktop.press(window, "Escape", "Escape")  # it asks again, and the second stops
        wait_until(lambda: sessions(data / "history.json"), "the stopped walk in the history")
        (session,) = sessions(data / "history.json")
        assert session["outcome"] == "stopped"
        desktop.dismiss("How did it go", app.pid)
        text = _read_until(
            desktop, "walk-stopped", lambda t: "stopped early" in t.lower(), quarter=False
        )
        assert "not walked" in text.lower(), text
        assert "0:00 left" not in text, text
    finally:
        app.kill()
