"""Every documented key pressed for real (xdotool, XTEST) in one real window, its effect read as a
screen reader reads the window (a private AT-SPI bus): the pages, Ctrl+Shift+Tab under X11 among
them; Space, N, M, Up, F11, Esc leaving walk mode, Esc Esc; and every coach text's current value.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from atspi import (
    a11y_address,
    accessibility_bus,
    applications,
    find,
    reader_env,
    selected_child,
    tree,
)
from xdesktop import (
    Desktop,
    journal_session,
    open_window,
    prepare_data,
    read_json,
    sessions,
    wait_until,
)

# Walks far longer than the test: on a busy machine each read of the accessibility tree can
# take seconds, and a forward stretch that ran out on its own would make N skip the turn.
PLAN = (
    "getready=2s warmup=0s forward=30m backward=30m turn=59s rounds=1 cooldown=0s "
    "forward-speed=3.5km/h backward-speed=1.5km/h"
)
READER_WAIT_S = 60.0
"""Each look at the accessibility tree is dozens of D-Bus calls: slow on a busy machine."""
COACH_TEXTS = (
    "Next segment",
    "Round",
    "Status",
    "What to do with the belt",
    "Safety reminder",
    "Time left in this segment",
    "Belt speed",
    "Time left in the whole session",
)


@pytest.mark.slow
def test_every_documented_key_works_from_the_real_keyboard_and_a_reader_reads_the_coach(
    display: str, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    prepare_data(data)
    desktop = Desktop(display)
    with accessibility_bus(tmp_path / "runtime") as env:
        bus = a11y_address(env)
        extra = reader_env(env)
        app = open_window(desktop, data, PLAN, **extra)
        try:
            window = desktop.window("^RetroCoach$", pid=app.pid)
            wait_until(lambda: applications(env, bus), "RetroCoach on the accessibility bus")
            (retrocoach,) = applications(env, bus)
            tabs = find(env, bus, retrocoach, "page tab list")

            def page_after(*keys: str) -> str:
                desktop.press(window, *keys)
                return selected_child(env, bus, tabs)

            def on_page(name: str, *keys: str) -> None:
                desktop.press(window, *keys)
                wait_until(lambda: selected_child(env, bus, tabs) == name, f"{keys} -> {name}")

            assert selected_child(env, bus, tabs) == "Coach"
            on_page("Plan", "ctrl+Tab")
            on_page("Coach", "ctrl+shift+Tab")  # arrives as Ctrl+Shift+Backtab under X11
            on_page("Safety", "ctrl+shift+Tab")  # round from the first page to the last
            on_page("Coach", "ctrl+Next")
            on_page("Safety", "ctrl+Prior")
            on_page("History", "ctrl+h")
            on_page("Plan", "ctrl+p")
            on_page("Programme", "ctrl+g")
            on_page("Safety", "F1")
            on_page("Coach", "ctrl+1")
            assert page_after("ctrl+comma") == "Coach"
            desktop.dismiss("Settings", app.pid)  # waits for the dialog Ctrl+, opened

            desktop.press(window, "space")
            wait_until(lambda: journal_session(data) is not None, "Space started the walk")
            desktop.press(window, "m")
            wait_until(
                lambda: (read_json(data / "settings.json") or {}).get("muted") is True,
                "M muted the cues",
            )

            def direction() -> str:
                names = [node.name for node in tree(env, bus, retrocoach)]
                return next((name for name in names if name.startswith("Direction:")), "")

            wait_until(
                lambda: re.match(r"Direction: Forward: \d+:\d\d", direction()),
                "forward",
                READER_WAIT_S,
            )
            nodes = {node.name: node for node in tree(env, bus, retrocoach) if node.showing}
            for name in COACH_TEXTS:
                assert name in nodes, f"{name} not on the accessibility bus: {sorted(nodes)}"
                assert nodes[name].description.strip(), f"{name} has no value for a reader"
            assert nodes["Belt speed"].description == "3.5 km/h"
            desktop.press(window, "Up")
            wait_until(
                lambda: any(
                    node.name == "Belt speed" and node.description == "3.6 km/h"
                    for node in tree(env, bus, retrocoach)
                ),
                "Up raised the belt speed",
                READER_WAIT_S,
            )
            desktop.press(window, "n")
            wait_until(
                lambda: direction().startswith("Direction: Turn round: 0:"),
                "N skipped",
                READER_WAIT_S,
            )
            desktop.press(window, "n")
            wait_until(
                lambda: re.match(r"Direction: Backward: \d+:\d\d", direction()),
                "backward",
                READER_WAIT_S,
            )

            def walk_mode() -> bool:
                """The page tabs are hidden: the coach alone (no window manager sizes it)."""
                nodes = tree(env, bus, retrocoach)
                return not any(node.role == "page tab" and node.showing for node in nodes)

            desktop.press(window, "F11")
            wait_until(walk_mode, "F11: walk mode")
            desktop.press(window, "Escape")
            wait_until(lambda: not walk_mode(), "Esc left walk mode")
            assert direction().startswith("Direction: Backward"), "Esc in walk mode ended the walk"
            desktop.press(window, "Escape")  # the walk's first Esc: it only asks
            assert not sessions(data / "history.json"), "Esc in walk mode stopped the walk"
            desktop.press(window, "Escape")
            wait_until(lambda: sessions(data / "history.json"), "Esc Esc stopped the walk")
            desktop.window("How did it go", pid=app.pid)
            desktop.press(desktop.window("How did it go", pid=app.pid), "ctrl+q")
            assert app.wait() == 0, app.stderr
            (saved,) = sessions(data / "history.json")
            assert saved["outcome"] == "stopped"
        finally:
            app.kill()
