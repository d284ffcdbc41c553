"""Keyboard alone in the real window (xdotool keys, the focus read over a private AT-SPI bus, as
a reader follows it): Tab reaches a notice's Dismiss and Space presses it without starting a
walk; PageDown (a presentation remote) starts, pauses and resumes; Esc skips the check-in; the
Programme page's chooser, clinician box and Start; History's rows: Enter opens the note, Alt+N
reaches its text, Tab leaves it, Ctrl+Enter saves, Delete and Ctrl+Z.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from atspi import Node, a11y_address, accessibility_bus, applications, reader_env, tree
from reader_events import announcements, heard_in_order
from walks import minute_each_way
from xdesktop import (
    Desktop,
    journal_session,
    open_window,
    prepare_data,
    read_json,
    sessions,
    wait_until,
)

from retrocoach.core.history.store import HistoryStore
from retrocoach.core.programme.gate import AGREED_TEXT
from retrocoach.core.storage.paths import DataPaths

PLAN = "getready=0s warmup=0s forward=30m backward=30m rounds=1 cooldown=0s"
READER_WAIT_S = 60.0
"""Each look at the accessibility tree is dozens of D-Bus calls: slow on a busy machine."""


def _two_walks(data: Path) -> None:
    history = HistoryStore(DataPaths.resolve(data), warn=pytest.fail)
    for number in range(2):
        history.add(
            minute_each_way(f"walk{number}", datetime.now(UTC) - timedelta(days=3 - number))
        )


@pytest.mark.slow
def test_dismiss_pagedown_programme_and_history_rows_by_keyboard_alone(
    display: str, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    prepare_data(data)
    _two_walks(data)
    desktop = Desktop(display)
    with accessibility_bus(tmp_path / "runtime") as env:
        bus = a11y_address(env)
        extra = {
            **reader_env(env),
            "PULSE_SERVER": f"unix:{tmp_path / 'no-sound-server'}",  # a notice says so
        }
        with announcements(bus) as heard:
            app = open_window(desktop, data, PLAN, "pulse", **extra)
            try:
                window = desktop.window("^RetroCoach$", pid=app.pid)
                wait_until(lambda: applications(env, bus), "RetroCoach on the accessibility bus")
                (retrocoach,) = applications(env, bus)

                def showing(name: str) -> bool:
                    return any(n.name == name and n.showing for n in tree(env, bus, retrocoach))

                def focused() -> list[Node]:
                    try:
                        nodes = tree(env, bus, retrocoach)
                    except (AssertionError, OSError, KeyError):  # an object gone mid-read
                        return []
                    return [n for n in nodes if n.focused and n.showing]

                def tab_to(name: str, role: str = "", limit: int = 40) -> None:
                    """Tab until *name* (or a control of *role*) has the focus, as a keyboard
                    user does. A combo box is named by its current choice."""
                    seen: list[list[str]] = []
                    for _ in range(limit):
                        now = focused()
                        if any(n.name == name or n.role == role for n in now):
                            return
                        seen.append([n.name for n in now])
                        desktop.press(window, "Tab")
                    pytest.fail(f"Tab never reached {name or role!r}: {seen}")

                def said(*starts: str) -> None:
                    wait_until(
                        lambda: heard_in_order(heard, *starts),
                        f"{starts} announced; heard {heard}",
                        READER_WAIT_S,
                    )

                # A notice's Dismiss, by Tab and Space: the notice goes, no walk starts.
                wait_until(lambda: showing("Dismiss this notice"), "the sound notice")
                (notice,) = [n for n in tree(env, bus, retrocoach) if n.name == "Notice"]
                assert notice.description.strip(), "the notice has no value for a reader"
                said(notice.description)  # announced as it appeared
                tab_to("Dismiss this notice")
                desktop.press(window, "space")
                wait_until(lambda: not showing("Dismiss this notice"), "Space dismissed it")
                assert journal_session(data) is None, "Space on Dismiss started a walk"

                # PageDown, as a presentation remote sends it: start, pause, resume.
                desktop.press(window, "Next")
                wait_until(lambda: journal_session(data) is not None, "PageDown started it")
                desktop.press(window, "Next")
                said("Paused")
                desktop.press(window, "Next")
                said("Paused", "Space pauses")
                desktop.press(window, "Escape", "Escape")
                desktop.dismiss("How did it go", app.pid)  # Esc skips it; the walk is kept
                wait_until(lambda: len(sessions(data / "history.json")) == 3, "the walk kept")

                # The Programme page: the chooser, the clinician's box, Start.
                desktop.press(window, "ctrl+g")
                tab_to("", role="combo box")  # the chooser: the programmes' list
                desktop.press(window, "Down")  # the knee programme, which asks first
                wait_until(lambda: showing(AGREED_TEXT), "the clinician's box")
                tab_to(AGREED_TEXT)
                desktop.press(window, "space")
                tab_to("Start this programme")
                desktop.press(window, "space")
                wait_until(
                    lambda: "knee-oa" in json.dumps(read_json(data / "programme.json")),
                    "the knee programme started by keys",
                )

                # History: a row's note by Enter, saved by Ctrl+Enter; Delete, Ctrl+Z.
                desktop.press(window, "ctrl+h")
                tab_to("Sessions")
                desktop.press(window, "Down")
                desktop.press(window, "Return")
                note = desktop.window("Session note", pid=app.pid)

                # The dialog takes keys once it has the focus: a press before that is lost.
                def in_note() -> bool:  # again if the dialog took it before it took keys
                    if any(n.name == "Note" for n in focused()):
                        return True
                    desktop.press(note, "alt+n")  # "&Note:"
                    return False

                wait_until(in_note, "Alt+N: the note field")
                desktop.press(note, "k", "e", "y", "s", "Tab")
                wait_until(lambda: not any(n.name == "Note" for n in focused()), "Tab left it")
                desktop.press(note, "ctrl+Return")
                wait_until(
                    lambda: any(s.get("notes") == "keys" for s in sessions(data / "history.json")),
                    "the note saved",
                )
                desktop.press(window, "Delete")
                wait_until(lambda: len(sessions(data / "history.json")) == 2, "Delete")
                desktop.press(window, "ctrl+z")
                wait_until(lambda: len(sessions(data / "history.json")) == 3, "Ctrl+Z")
                desktop.press(window, "ctrl+q")
                assert app.wait() == 0, app.stderr
            finally:
                app.kill()
