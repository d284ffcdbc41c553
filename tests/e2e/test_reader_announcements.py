"""What a screen reader says during a real walk (a private AT-SPI bus, real keys from xdotool):
each switch, "slow the belt", the turn-around's instruction, "walk mode left" and Esc's
question are announced as they happen, and each coach text holds its current value.

Qt's Alert event never reached AT-SPI: a reader heard nothing unless it looked at the coach.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest
from atspi import a11y_address, accessibility_bus, applications, reader_env, tree
from reader_events import announcements, heard_in_order
from xdesktop import Desktop, open_window, prepare_data, sessions, wait_until

# Forward long enough for the slow-down (5 s before a 5 s turn-around) to come within it;
# backward far longer than the test, left with Esc Esc.
PLAN = (
    "getready=1s warmup=0s forward=12s backward=30m turn=5s rounds=1 cooldown=0s "
    "forward-speed=3.5km/h backward-speed=1.5km/h"
)
READER_WAIT_S = 60.0
"""A busy machine takes its time over the tree and the walk's first seconds."""


@pytest.mark.slow
def test_a_reader_hears_each_switch_the_slow_down_the_turn_and_the_stop_question(
    display: str, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    prepare_data(data)
    desktop = Desktop(display)
    with accessibility_bus(tmp_path / "runtime") as env:
        bus = a11y_address(env)
        extra = reader_env(env)
        with announcements(bus) as heard:
            app = open_window(desktop, data, PLAN, **extra)
            try:
                window = desktop.window("^RetroCoach$", pid=app.pid)
                wait_until(lambda: applications(env, bus), "RetroCoach on the accessibility bus")
                (retrocoach,) = applications(env, bus)
                desktop.press(window, "space")

                def said(*starts: str) -> None:
                    wait_until(
                        lambda: heard_in_order(heard, *starts),
                        f"{starts} announced; heard {heard}",
                        READER_WAIT_S,
                    )

                # Each switch with its time left (a busy machine's late tick may take a second
                # off), then what to do with the belt, in the order they come.
                said("Get ready: 0:0", "Forward: 0:1")
                said("Forward", "Slow the belt to 1.5 km/h now")
                said("Slow the belt", "Turn round: 0:0", "Turn round: belt to 1.5 km/h")
                said("Turn round: belt", "Backward: ")

                def current() -> bool:
                    """The direction's name holds the time left now, as the time reads."""
                    nodes = {node.name: node for node in tree(env, bus, retrocoach)}
                    time = nodes["Time left in this segment"].description
                    names = [name for name in nodes if name.startswith("Direction: Backward")]
                    # 29:xx: a minute into backward is well past the segment's whole length.
                    moved = re.fullmatch(r"29:[0-5]\d", time) is not None
                    return moved and names == [f"Direction: Backward: {time} left"]

                wait_until(current, "the direction's name is the time left", READER_WAIT_S)
                desktop.press(window, "F11")
                desktop.press(window, "Escape")
                said("Backward", "Walk mode left; the walk goes on")
                assert not sessions(data / "history.json"), "Esc in walk mode stopped the walk"
                desktop.press(window, "Escape")
                said("Walk mode left", "Press Esc again")
                desktop.press(window, "Escape")
                wait_until(lambda: sessions(data / "history.json"), "Esc Esc stopped the walk")
                checkin = desktop.window("How did it go", pid=app.pid)

                def quit_from_checkin() -> bool:
                    """Ctrl+Q, again if the dialog took it before it took keys."""
                    with contextlib.suppress(AssertionError):  # gone meanwhile: it quit
                        desktop.press(checkin, "ctrl+q")
                    return app.process.poll() is not None

                wait_until(quit_from_checkin, "Ctrl+Q in the check-in quits")
                assert app.wait() == 0, app.stderr
            finally:
                app.kill()
