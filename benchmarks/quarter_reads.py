"""How often default tesseract reads the coach in a quarter-size shot of the real window.

Run ``python benchmarks/quarter_reads.py`` (``--sizes 1024x600,1366x768`` to pick screens).
For each screen size and case (light at scale 1, dark at scale 2, dark at scale 1 in walk
mode) a fresh process builds the real window offscreen on a fake clock, sizes it as it opens
on that screen (walk mode: the whole screen), shows the "No session bus" notice a desktop
without one shows, and walks a belt plan through nine states: ready, get-ready, forward, the
turn-around, backward, paused, the Esc and Ctrl+Q banners and the summary. Each state's grab
is shrunk to 25 % and read by plain ``tesseract shot.png -``; a state counts as read when the
text gives its word, a time in its range and the speed to set (the summary: its word).

It is a fast stand-in (seconds a screen) for tests/e2e/test_small_screen_ocr.py, which reads
a real X window with xdotool's keys: use it to compare layouts side by side, one commit
against another. Tesseract's page layout is fickle at this size (a state can flip with a few
pixels), so compare totals over many states, never one state.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fakes import FakeClock
    from PySide6.QtCore import QSize, Qt
    from PySide6.QtWidgets import QApplication

    from retrocoach.ui.window.main_window import MainWindow

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "tests" / "support") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests" / "support"))
from quarter_ocr import SMALL_SCREEN_PLAN, STATES, reads  # noqa: E402  (the suite's own)

CASES = (("light", "1", False), ("dark", "2", False), ("dark", "1", True))
"""Theme, QT_SCALE_FACTOR and walk mode, as tests/e2e/test_small_screen_ocr.py has them."""
SIZES = ("1024x600", "1366x768", "1280x720", "1280x800", "1920x1080")
NOTICE = "No session bus: media keys and headset buttons are not available."


def read_well(state: str, text: str) -> bool:
    """Whether *text*, read from *state*'s quarter shot, gives what the walker needs."""
    word, low, high, speed = STATES[state]
    if not high:
        return word in text.upper().replace(" ", "")
    return reads(text, word, low, high) and speed in text.replace(" ", "")


def quarter_text(shot: Path) -> str:
    """Shrink *shot* to 25 % and read it with default tesseract: one line."""
    small = shot.with_name(f"{shot.stem}-25.png")
    subprocess.run(["convert", str(shot), "-resize", "25%", str(small)], check=True)
    done = subprocess.run(
        ["tesseract", str(small), "-"], capture_output=True, text=True, check=False
    )
    return " ".join(done.stdout.split())


def walk_one(size: str, theme: str, walk_mode: bool, shots: Path) -> list[tuple[str, str]]:
    """In this process: the window on *size*'s screen; each state and what was read of it."""
    sys.path[:0] = [str(ROOT / "tests" / "support"), str(ROOT)]
    from fakes import FakeClock  # noqa: PLC0415  (the suite's own doubles)
    from PySide6.QtCore import QSize  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415
    from window_doubles import RecordingInhibitor, RecordingSound  # noqa: PLC0415

    from retrocoach.app.window import build_window  # noqa: PLC0415
    from retrocoach.core.history.store import HistoryStore  # noqa: PLC0415
    from retrocoach.core.plan.model import parse_spec  # noqa: PLC0415
    from retrocoach.core.plan.store import PlanStore  # noqa: PLC0415
    from retrocoach.core.settings.store import Settings, SettingsStore  # noqa: PLC0415
    from retrocoach.core.storage.paths import DataPaths  # noqa: PLC0415
    from retrocoach.ui.window.placement import default_size  # noqa: PLC0415

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    width, height = (int(part) for part in size.split("x"))
    scale = os.environ.get("QT_SCALE_FACTOR", "1")
    with tempfile.TemporaryDirectory() as folder:
        paths = DataPaths(Path(folder), Path(folder))
        paths.ensure()
        SettingsStore(paths, warn=print).save(Settings(checklist_confirmed=True, theme=theme))
        clock = FakeClock()
        window = build_window(
            paths,
            HistoryStore(paths, warn=print),
            PlanStore(paths, warn=print),
            plan=parse_spec(SMALL_SCREEN_PLAN, name="belt"),
            warn=print,
            clock=clock,
            inhibitor=RecordingInhibitor(),
            sound=RecordingSound(),
        )
        screen = QSize(round(width / float(scale)), round(height / float(scale)))
        window.show()
        window.notices.show_notice("remote", NOTICE)
        window.setMinimumSize(QSize(100, 100))
        window.resize(screen if walk_mode else default_size(screen))
        walker = _Walker(app, window, clock, shots / f"{size}-{theme}{scale}")
        walker.walk(screen if walk_mode else None)
        window.close()
    return walker.seen


class _Walker:
    """Keys and fake-clock ticks for one window, and what was read at each state."""

    def __init__(self, app: QApplication, window: MainWindow, clock: FakeClock, stem: Path) -> None:
        self._app, self._window, self._clock, self._stem = app, window, clock, stem
        self.seen: list[tuple[str, str]] = []

    def walk(self, full_screen: QSize | None) -> None:
        """Through the nine states; *full_screen*: walk mode, the window made that size."""
        from PySide6.QtCore import Qt  # noqa: PLC0415

        key, control = Qt.Key, Qt.KeyboardModifier.ControlModifier
        self._settle()
        if full_screen is not None:
            self._press(key.Key_F11)
            self._window.resize(full_screen)  # no window manager offscreen to do it
        self._see("ready")
        self._press(key.Key_Space)
        self._after(1)
        self._see("get-ready")
        for state in ("forward", "turn", "backward"):
            self._press(key.Key_N)
            self._after(1)
            self._see(state)
        self._press(key.Key_Space)
        self._see("paused")
        self._press(key.Key_Space)
        self._press(key.Key_Escape)
        self._see("esc-banner")
        self._after(5)
        self._press(key.Key_Q, control)
        self._see("ctrl-q-banner")
        self._after(5)
        self._press(key.Key_Escape)
        self._after(0.5)
        self._press(key.Key_Escape)
        if self._window.checkin is not None:
            self._window.checkin.reject()
        self._see("summary")

    def _settle(self) -> None:
        for _ in range(30):
            self._app.processEvents()

    def _press(self, key: Qt.Key, modifier: Qt.KeyboardModifier | None = None) -> None:
        from PySide6.QtCore import Qt  # noqa: PLC0415
        from PySide6.QtTest import QTest  # noqa: PLC0415
        from PySide6.QtWidgets import QApplication  # noqa: PLC0415

        target = QApplication.focusWidget() or self._window
        QTest.keyClick(target, key, modifier or Qt.KeyboardModifier.NoModifier)
        self._settle()

    def _after(self, seconds: float) -> None:
        self._clock.advance(seconds)
        self._window._services.driver.tick()  # as the window's timer would
        self._settle()

    def _see(self, state: str) -> None:
        self._settle()
        shot = self._stem.with_name(f"{self._stem.name}-{state}.png")
        self._window.grab().save(str(shot))
        self.seen.append((state, quarter_text(shot)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(SIZES), help="screens, e.g. 1024x600,1366x768")
    parser.add_argument("--shots", type=Path, help="keep the screenshots in this folder")
    parser.add_argument(
        "--child", nargs=3, metavar=("SIZE", "THEME", "WALK"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.child:
        size, theme, walk = args.child
        for state, text in walk_one(size, theme, walk == "walk", args.shots):
            print(f"{state}\t{text}")
        return 0
    missed = total = 0
    with tempfile.TemporaryDirectory() as folder:
        shots = args.shots or Path(folder)
        shots.mkdir(parents=True, exist_ok=True)
        print("| screen | case | unread states |\n|---|---|---|")
        for size in args.sizes.split(","):
            for theme, scale, walk_mode in CASES:
                env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": scale}
                child = [sys.executable, __file__, "--shots", str(shots), "--child", size, theme]
                done = subprocess.run(
                    [*child, "walk" if walk_mode else "window"],
                    env=env,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                lines = [line.split("\t", 1) for line in done.stdout.splitlines() if "\t" in line]
                unread = [state for state, text in lines if not read_well(state, text)]
                missed += len(unread)
                total += len(lines)
                case = f"{theme}, scale {scale}{', walk mode' if walk_mode else ''}"
                print(f"| {size} | {case} | {len(unread)} of {len(lines)}: {' '.join(unread)} |")
    print(f"\n{missed} of {total} states unread")
    return 0


if __name__ == "__main__":
    sys.exit(main())
