"""The real window read through AT-SPI, as a screen reader reads it: named, described controls,
and the direction and time in the tree at each switch.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from atspi import a11y_address, accessibility_bus, applications, reader_env, tree
from xdesktop import Desktop, open_window, prepare_data, wait_until

PLAN = "getready=0s warmup=0s forward=5m backward=30s rounds=1 cooldown=0s"


def names_in(env: dict[str, str], bus: str, application: tuple[str, str]) -> list[str]:
    """Every accessible name in *application*'s tree now."""
    return [node.name for node in tree(env, bus, application)]


@pytest.mark.slow
def test_a_screen_reader_finds_named_controls_and_the_direction_at_each_switch(
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
            wait_until(lambda: applications(env, bus), "RetroCoach on the accessibility bus")
            (retrocoach,) = applications(env, bus)
            nodes = tree(env, bus, retrocoach)
            buttons = [node for node in nodes if node.role == "push button" and node.showing]
            assert "Start the session" in [button.name for button in buttons]
            assert len(buttons) >= 4
            for button in buttons:
                assert button.name.strip(), button
                assert button.description.strip(), button
            window = desktop.window("^RetroCoach$", pid=app.pid)
            desktop.press(window, "space")

            def direction_reads(start: str) -> bool:
                return any(name.startswith(start) for name in names_in(env, bus, retrocoach))

            # Waited for, as a screen reader hears it: the forward stretch is long enough that
            # a busy machine never misses it, and N moves on to backward when the test is ready.
            wait_until(
                lambda: direction_reads("Direction: Forward"), "the direction read as forward"
            )
            desktop.press(window, "n")
            wait_until(
                lambda: direction_reads("Direction: Backward: 0:"), "the direction read as backward"
            )
        finally:
            app.kill()
