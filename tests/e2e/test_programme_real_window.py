"""A programme in the real window on Xvfb: 'next' opens today's session, a walk moves it on."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from xdesktop import (
    WAIT_S,
    Desktop,
    need_tools,
    open_window,
    prepare_data,
    sessions,
    wait_until,
    window_env,
)

from retrocoach.core.programme.model import PROGRAMMES_FILE_ENV

SCREENSHOTS = Path(__file__).parent / "screenshots"
# The big time read right after the word; sparse tesseract on a quarter shot may drop its
# thin "0:" (read "06" for 0:06) while the digits stand: those digits still had to be the big
# time's, the figure next after FORWARD, which the smaller "0:0x" lines never are.
BIG_TIME = re.compile(r"FORWARD\s+(0:)?(0\d|10)\b")
"""The word (read without its spaces) and, as the next thing read, forward's time left."""
# Forward long enough for a screenshot to be taken and read while it lasts, on a busy machine.
SESSION = "getready=0s warmup=0s forward=10s backward={b}s rounds=1 cooldown=0s"
TINY = {
    "schema_version": 1,
    "programmes": [
        {
            "name": "tiny",
            "title": "Tiny test programme",
            "audience": "tests",
            "about": "three short sessions",
            "build_up": "none",
            "references": ["retrocoach-own"],
            "weeks": [
                {"sessions": [SESSION.format(b=1), SESSION.format(b=2)]},
                {"sessions": [SESSION.format(b=3)]},
            ],
        }
    ],
}


@pytest.mark.slow
def test_next_in_the_real_window_walks_todays_session_and_moves_the_programme_on(
    display: str, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    programmes = tmp_path / "tiny.json"
    programmes.write_text(json.dumps(TINY), encoding="utf-8")
    prepare_data(data)
    desktop = Desktop(display)
    env = window_env(desktop, data, **{PROGRAMMES_FILE_ENV: str(programmes)})
    started = subprocess.run(
        [sys.executable, "-m", "retrocoach", "programme", "start", "tiny"],
        env=env,
        capture_output=True,
        text=True,
        timeout=WAIT_S,
        check=False,
    )
    assert started.returncode == 0, started.stderr
    app = open_window(desktop, data, "next", **{PROGRAMMES_FILE_ENV: str(programmes)})
    shots: list[Path] = []
    try:
        coach = desktop.window("^RetroCoach$", pid=app.pid)
        shots.append(_shot_reading(desktop, "programme-0-today.png", "session 1 of 2"))
        desktop.press(coach, "space")
        _read_at_a_quarter_while_forward_lasts(desktop)
        checkin = desktop.window("How did it go", pid=app.pid)
        wait_until(lambda: sessions(data / "history.json"), "the walk in history.json")
        # The programme moves on only after a walk rated 5 or less: rate it 3, then save.
        desktop.press(checkin, "alt+e")
        desktop.press(checkin, "3")
        desktop.press(checkin, "Return")
        wait_until(
            lambda: sessions(data / "history.json")[0].get("effort") == 3, "the rating saved"
        )
        shots.append(_shot_reading(desktop, "programme-1-next.png", "session 2 of 2"))
        desktop.press(coach, "ctrl+g")
        shots.append(desktop.screenshot(SCREENSHOTS / "programme-2-page.png"))
        desktop.press(coach, "ctrl+q")
        status = app.wait()
    finally:
        app.kill()
    assert status == 0, app.stderr
    (session,) = sessions(data / "history.json")
    assert session["outcome"] == "completed"
    assert {key: session["programme"][key] for key in ("name", "week", "session")} == {
        "name": "tiny",
        "week": 1,
        "session": 1,
    }
    for shot in shots:
        assert shot.stat().st_size > 10_000, shot
    listing = subprocess.run(
        [sys.executable, "-m", "retrocoach", "programme"],
        env=env,
        capture_output=True,
        text=True,
        timeout=WAIT_S,
        check=False,
    ).stdout
    # Rated 3 and completed: the next walk is session 2, after today's rest.
    assert "session 2 of 2" in listing, listing
    assert "rest day" in listing.lower(), listing


def _read_at_a_quarter_while_forward_lasts(desktop: Desktop) -> None:
    """Today's line takes room on the Coach page: the direction and time still read at 25%.

    Each shot is another frame, a second later: tesseract's sparse layout on a quarter shot
    split the word ("FO RWARD") or dropped the time's colon in some of them, so shots are
    taken while forward lasts until one gives both, the word read without its spaces as
    quarter_ocr.reads does. A layout that hides either never reads, and fails here.
    """
    walking = SCREENSHOTS / "programme-walking.png"
    small = walking.with_name("programme-walking-25.png")
    read: list[str] = []

    def reads_both() -> bool:
        desktop.screenshot(walking)
        desktop.run("convert", str(walking), "-resize", "25%", str(small))
        read.append(_ocr(small, "11"))
        # The big time is the figure read next after the word: "next: backward 0:01" and
        # "0:05 left in all" match the same pattern, and alone once let the test pass.
        return BIG_TIME.search(read[-1].upper().replace(" ", "")) is not None

    try:
        wait_until(reads_both, "FORWARD and its time read in a 25% shot")
    except AssertionError as error:
        raise AssertionError(f"{error}; read: {read!r}") from None


def _shot_reading(desktop: Desktop, name: str, words: str) -> Path:
    """A screenshot taken again until tesseract reads *words* in it (mapped is not painted)."""
    shot = SCREENSHOTS / name

    top = shot.with_name(f"{shot.stem}-top.png")

    def painted() -> bool:
        desktop.screenshot(shot)
        if _read(shot, words) or _read(shot, words, layout="6"):
            return True
        # The programme's header is at the top of the coach: read by itself, it is not lost
        # in the page layout tesseract finds for the whole screen (small lines beside big ones).
        subprocess.run(["convert", str(shot), "-crop", "100%x40%+0+0", str(top)], check=True)
        return _read(top, words)

    wait_until(painted, f"{words!r} on screen")
    return shot


def _read(shot: Path, words: str, layout: str = "3") -> bool:
    """Whether tesseract reads *words* in the screenshot."""
    return words.lower() in _ocr(shot, layout).lower().replace("\n", " ")


def _ocr(shot: Path, layout: str) -> str:
    need_tools(("tesseract",), "apt install tesseract-ocr")
    return subprocess.run(
        ["tesseract", str(shot), "-", "--psm", layout],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    ).stdout
