"""In the real window (Xvfb, xdotool's Tab), the keyboard focus is plainly marked on every page,
in the light and the dark theme: each Tab puts a ring on screen that differs by 3:1 or more from
what was there before it. The offscreen test_focus_visible checks each stop widget by widget.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from xdesktop import Desktop, open_window, prepare_data, wait_until

from retrocoach.core.settings.store import Settings, SettingsStore
from retrocoach.core.storage.paths import DataPaths
from retrocoach.ui.focus_ring import DARK_RING, LIGHT_RING

SCREENSHOTS = Path(__file__).parent / "screenshots"
PLAN = "getready=5s warmup=0s forward=2m backward=1m rounds=1 cooldown=0s"
PAGES = (
    ("Plan", "ctrl+p", 2, True),
    ("Programme", "ctrl+g", 2, True),
    ("History", "ctrl+h", 1, False),
    ("Safety", "F1", 1, False),
)
"""Each page, its key, the Tab presses read on it (the Safety page's second Tab goes from
link to link inside its text, which marks the link its own way; an empty History has only
the notice's Dismiss button to reach), and whether its first field takes the focus, and so the
ring, as the page shows."""
RING_PIXELS = 60
"""Ring-coloured pixels a Tab must bring: a 3 px ring round even a 10 px box has more."""


def _luminance(colour: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


def _contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _new_ring(before: QImage, after: QImage) -> tuple[int, int]:
    """Pixels of a ring's colour in *after* that were not in *before*; how many of them
    stand 3:1 or more against what was there (the ring is blue on light, amber on dark)."""
    rings = {LIGHT_RING.rgb(): LIGHT_RING, DARK_RING.rgb(): DARK_RING}
    new = strong = 0
    for y in range(0, after.height()):
        for x in range(0, after.width()):
            ring = rings.get(after.pixel(x, y))
            if ring is None or before.pixel(x, y) == after.pixel(x, y):
                continue
            new += 1
            if _contrast(ring, before.pixelColor(x, y)) >= 3.0:
                strong += 1
    return new, strong


def _ring_pixels(image: QImage) -> int:
    rings = {LIGHT_RING.rgb(), DARK_RING.rgb()}
    return sum(
        image.pixel(x, y) in rings for y in range(image.height()) for x in range(image.width())
    )


def _body_differs(old: QImage, new: QImage) -> bool:
    """Whether the page's body changed, not only the tab bar: a busy machine can show the new
    tab chosen while the old page is still on screen, for two shots or more."""
    if old.size() != new.size():
        return True
    top, bottom = 75, old.height() - 80
    return any(
        old.pixel(x, y) != new.pixel(x, y)
        for y in range(top, bottom, 2)
        for x in range(0, old.width(), 2)
    )


def _ring_after_tab(shot: Callable[[str], QImage], name: str, before: QImage) -> tuple[QImage, str]:
    """Wait for a Tab's ring in the shots named *name*; the last shot, and what was wrong."""
    seen = [(0, 0)]
    last = [before]

    def ringed() -> bool:
        last[0] = shot(name)
        seen[0] = _new_ring(before, last[0])
        return seen[0][0] >= RING_PIXELS

    try:
        wait_until(ringed, f"a ring in {name}")
    except AssertionError:
        return last[0], f"{seen[0][0]} ring pixels"
    new, strong = seen[0]
    return last[0], (f"{strong} of {new} ring pixels at 3:1" if strong < 0.9 * new else "")


@pytest.mark.slow
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_each_tab_on_every_page_shows_a_ring_of_3_to_1(
    display: str, tmp_path: Path, theme: str
) -> None:
    desktop = Desktop(display)
    data = tmp_path / "data"
    prepare_data(data)
    SettingsStore(DataPaths.resolve(data), warn=print).save(
        Settings(checklist_confirmed=True, theme=theme)
    )
    app = open_window(desktop, data, PLAN)
    faint: list[str] = []
    try:
        window = desktop.window("^RetroCoach$", pid=app.pid)

        def shot(name: str) -> QImage:
            path = SCREENSHOTS / f"focus-{theme}-{name}.png"
            path.parent.mkdir(parents=True, exist_ok=True)
            desktop.run("import", "-window", window, str(path))
            return QImage(str(path)).convertToFormat(QImage.Format.Format_RGB32)

        def settled(name: str, old: QImage, ringed: bool) -> QImage:
            """The window once its page's body differs from *old*, two shots in a row agree
            and, on a page whose first field takes the focus, that field's ring is drawn."""
            shots = [old]

            def still() -> bool:
                shots.append(shot(name))
                return (
                    shots[-1] == shots[-2]
                    and _body_differs(old, shots[-1])
                    and (not ringed or _ring_pixels(shots[-1]) >= RING_PIXELS)
                )

            wait_until(still, f"the {name} page painted")
            return shots[-1]

        before = shot("coach")
        for page, key, stops, ringed in PAGES:
            desktop.press(window, key)
            before = settled(f"{page}-0", before, ringed)
            for stop in range(1, stops + 1):
                desktop.press(window, "Tab")
                before, problem = _ring_after_tab(shot, f"{page}-{stop}", before)
                if problem:
                    faint.append(f"{page}, Tab {stop}: {problem}")
    finally:
        app.kill()
    assert not faint, "\n".join(faint)
