"""Window start-up time and memory against the smallest PySide6 window, and CPU while walking.

Run ``python benchmarks/window_startup.py`` (it starts its own Xvfb when it can, else it uses
the offscreen platform). Each start is a fresh process, timed from just before it is spawned to
its window's first frame: the first Expose of the window on the X server, handled (Qt paints and
flushes the window while it handles that event). The app is started the way ``retrocoach``
starts (``retrocoach.app.main.main``: argument parsing, the data folder, the window), the
baseline is a bare ``QApplication`` + ``QWidget`` of the same size; both are caught by the same
hook, at ``QApplication.exec``, so "on screen" means the same for both. Memory is the process's
resident set at that frame, and again after a second of idling (what the app builds after its first
frame shows there). The two are started alternately in the same run, so the ratios cancel out
the machine's mood. Python's bytecode cache is on (in a temporary folder), as it is for an
installed program: compiling the app's sources at every start is no cost a user pays.
"""

from __future__ import annotations

# Only what the measured child needs is imported at the top: whatever the benchmark itself
# loads is paid by both windows alike and would shrink the ratios.
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.machinery import ModuleSpec
    from types import ModuleType

    from PySide6.QtWidgets import QWidget

RUNS = 7
KINDS = ("bare", "floor", "coach", "app", "fresh")
"""Started in turn: the smallest window, the least a coach view draws, RetroCoach's own coach
view alone, and RetroCoach on a confirmed data folder and on a fresh one (a new folder each
start: the checklist shows)."""
RATIOS = (
    ("", "app", "bare"),
    ("floor_", "floor", "bare"),
    ("coach_floor_", "coach", "floor"),
    ("app_floor_", "app", "floor"),
    ("fresh_", "fresh", "bare"),
    ("fresh_floor_", "fresh", "floor"),
)
"""Each ratio's prefix, and the kinds over and under."""
WALK_S = 20.0
SETTLE_S = 2.0
IDLE_S = 1.0
"""How long after its first frame a window idles before its memory is read again."""
WIDTH, HEIGHT = 1440, 810
"""The bare window's size: the app's default on a 1920x1080 screen (three quarters)."""


def _rss_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def _say(**figures: float) -> None:
    # A line the parent picks out of the child's output; no json import in the child.
    print("figures " + " ".join(f"{key}={value!r}" for key, value in figures.items()), flush=True)


def _watch_first_frame(kind: str) -> None:
    """Patch QApplication.exec, once PySide6.QtWidgets is loaded, to report the first frame.

    The hook waits for the app's own import of Qt: importing Qt here first would change what
    the app pays (PySide6 reads the source of every module imported after it, PYSIDE-2029).
    """
    from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: PLC0415

    class FrameWatch(QObject):
        """Sees the window's first Expose; reports once Qt has handled it (painted, flushed)."""

        def __init__(self, window: QWidget) -> None:
            super().__init__()
            self.window = window
            self.mapped_at = 0.0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Expose and self.window.windowHandle().isExposed():
                self.mapped_at = time.monotonic()
                watched.removeEventFilter(self)
                # Posted now, run after this event is handled: the frame is then on screen.
                QTimer.singleShot(0, self.framed)
            return False

        def framed(self) -> None:
            _say(
                mapped_at=self.mapped_at,
                shown_at=time.monotonic(),
                rss_kib=_rss_kib(),
                cpu_s=time.process_time(),  # the process's own work, whatever the machine's load
            )
            if kind == "walk":
                _walk(self.window)
            else:
                QTimer.singleShot(int(IDLE_S * 1000), self.idled)

        def idled(self) -> None:
            _say(idle_rss_kib=_rss_kib())
            QApplication.quit()

    run = QApplication.exec
    watches: list[FrameWatch] = []

    def exec_watched() -> int:
        from PySide6.QtWidgets import QDialog  # noqa: PLC0415

        application = QApplication.instance()
        assert isinstance(application, QApplication)
        shown = [w for w in application.topLevelWidgets() if w.isVisible()]
        # On a fresh data folder the checklist opens over the coach: its frame is the one the
        # walker meets (it comes after the window's).
        window = next((w for w in shown if isinstance(w, QDialog)), None) or next(
            (w for w in shown if isinstance(w, QMainWindow)), shown[0]
        )
        watches.append(FrameWatch(window))
        window.windowHandle().installEventFilter(watches[-1])
        return run()

    # exec is static in Qt; the app calls it on its instance, which finds this one.
    QApplication.exec = staticmethod(exec_watched)  # type: ignore[method-assign]


class _OnQtWidgets:
    """A finder that lets PySide6.QtWidgets load as usual, then calls *then* once."""

    def __init__(self, then: Callable[[], None]) -> None:
        self.then = then

    def find_spec(self, name: str, path: object, target: object = None) -> ModuleSpec | None:
        if name != "PySide6.QtWidgets":
            return None
        sys.meta_path.remove(self)
        from importlib.util import find_spec  # noqa: PLC0415

        spec = find_spec(name)
        assert spec is not None
        assert spec.loader is not None
        loader, then = spec.loader, self.then

        class Loader:
            def create_module(self, spec: ModuleSpec) -> ModuleType | None:
                return loader.create_module(spec)

            def exec_module(self, module: ModuleType) -> None:
                loader.exec_module(module)
                sys.modules[name] = module
                then()

        spec.loader = Loader()  # type: ignore[assignment]
        return spec


def _child(kind: str, data_dir: str, audio: str) -> int:
    """In the measured process: build the window, report its first frame, idle, quit."""
    sys.meta_path.insert(0, _OnQtWidgets(lambda: _watch_first_frame(kind)))
    if kind == "bare":
        return _bare()
    if kind == "floor":
        return _floor()
    if kind == "coach":
        return _coach(data_dir)
    # As the console script starts: its first line imports retrocoach.app.main.
    from retrocoach.app.main import main  # noqa: PLC0415

    return main(["--data-dir", data_dir, "--audio", audio])


def _bare() -> int:
    """The smallest PySide6 window: an empty QWidget."""
    from PySide6.QtWidgets import QApplication, QWidget  # noqa: PLC0415

    app = QApplication([sys.argv[0]])
    window = QWidget()
    window.resize(WIDTH, HEIGHT)
    window.show()
    return app.exec()


def _floor() -> int:
    """The least any coach view draws: a coloured band with a word, and m:ss in large type.

    Nothing of RetroCoach's: it tells what touching Qt's enums and fonts costs by itself.
    """
    from PySide6.QtCore import Qt  # noqa: PLC0415
    from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication, QWidget  # noqa: PLC0415

    class Floor(QWidget):
        def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
            painter = QPainter(self)
            band = self.rect().adjusted(0, 0, 0, -self.height() * 3 // 4)
            painter.fillRect(band, QColor("#d55e00"))
            font = QFont()
            font.setBold(True)
            font.setPixelSize(band.height() // 2)
            painter.setFont(font)
            painter.drawText(band, Qt.AlignmentFlag.AlignCenter, "BACKWARD")
            font.setPixelSize(self.height() // 3)
            painter.setFont(font)
            rest = self.rect().adjusted(0, band.height(), 0, 0)
            painter.drawText(rest, Qt.AlignmentFlag.AlignCenter, "0:54")
            painter.end()

    app = QApplication([sys.argv[0]])
    window = Floor()
    window.resize(WIDTH, HEIGHT)
    window.show()
    return app.exec()


def _coach(data_dir: str) -> int:
    """RetroCoach's coach view alone, on the plan the window would show, in a bare main window.

    The least of RetroCoach a first frame can hold: the settings and the plan read as the app
    reads them, and the real view (its band, word, time and lines) showing that plan's ready
    state; no frame, tabs, buttons, notices, history, programmes or walk. What the app adds
    over this is the rest of its window.
    """
    from pathlib import Path  # noqa: PLC0415

    from retrocoach.core.plan.store import PlanStore  # noqa: PLC0415
    from retrocoach.core.settings.store import SettingsStore  # noqa: PLC0415
    from retrocoach.core.storage.paths import DataPaths  # noqa: PLC0415

    paths = DataPaths.resolve(Path(data_dir))
    settings = SettingsStore(paths, warn=print).load()
    plans = PlanStore(paths, warn=print)
    from retrocoach.app.qt_sources import spare_source_reads  # noqa: PLC0415

    spare_source_reads()  # as the app does, before its Qt modules load
    from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: PLC0415

    from retrocoach.app.window_parts import first_plan, remembered_plan  # noqa: PLC0415
    from retrocoach.core.session.machine import Session  # noqa: PLC0415
    from retrocoach.ui.coach.view import CoachView  # noqa: PLC0415

    app = QApplication([sys.argv[0]])
    plan = remembered_plan(settings, plans, print) or first_plan()
    window = QMainWindow()
    view = CoachView(window)
    view.show_progress(Session(plan).progress(time.monotonic()), None)
    view.set_status("Press Space to start.", hint=True)
    window.setCentralWidget(view)
    window.resize(WIDTH, HEIGHT)
    window.show()
    return app.exec()


def _walk(window: QWidget) -> None:
    """Start a long session and report the process's CPU time over WALK_S seconds."""
    from PySide6.QtCore import QTimer  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    window._on_toggle_requested()  # type: ignore[attr-defined]  # as Space does
    marks: dict[str, float] = {}

    def begin() -> None:
        marks["cpu"], marks["wall"] = time.process_time(), time.monotonic()

    def end() -> None:
        _say(walk_cpu_s=time.process_time() - marks["cpu"], wall_s=time.monotonic() - marks["wall"])
        window.close()
        QApplication.quit()

    QTimer.singleShot(int(SETTLE_S * 1000), begin)
    QTimer.singleShot(int((SETTLE_S + WALK_S) * 1000), end)


@contextmanager
def _display() -> Iterator[dict[str, str]]:
    import shutil  # noqa: PLC0415
    import subprocess  # noqa: PLC0415

    if shutil.which("Xvfb") is None:
        yield {"QT_QPA_PLATFORM": "offscreen"}
        return
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as reader:
        number = reader.readline().strip()
    try:
        yield {"DISPLAY": f":{number}", "QT_QPA_PLATFORM": "xcb"}
    finally:
        server.terminate()
        server.wait()


def _launch(kind: str, env: dict[str, str], data_dir: str, audio: str) -> dict[str, float]:
    import subprocess  # noqa: PLC0415
    import tempfile  # noqa: PLC0415

    if kind == "fresh":
        data_dir = tempfile.mkdtemp(dir=data_dir)  # never used before: the checklist is due
    began = time.monotonic()
    done = subprocess.run(
        [sys.executable, __file__, "--child", "app" if kind == "fresh" else kind, data_dir, audio],
        env=env,
        capture_output=True,
        text=True,
        timeout=WALK_S + 60,
        check=True,
    )
    report: dict[str, float] = {}
    for line in done.stdout.splitlines():
        if line.startswith("figures "):
            for pair in line.split()[1:]:
                key, value = pair.split("=")
                report[key] = float(value)
    report["startup_s"] = report["shown_at"] - began
    report["mapped_s"] = report["mapped_at"] - began
    return report


def measure(runs: int = RUNS, audio: str = "auto") -> dict[str, float | str]:
    """Start the three windows in turn *runs* times each; return medians, ratios and CPU.

    Times are in ms and memory in MiB, by kind ("bare", "floor", "app", "fresh") and figure
    ("mapped", "frame", "cpu", "rss", "idle_rss"), e.g. ``app_frame_ms``. Ratios are app over
    bare (``frame_ratio``), floor over bare (``floor_frame_ratio``), app over floor
    (``app_floor_frame_ratio``) and the fresh folder's over floor and bare
    (``fresh_floor_frame_ratio``, ``fresh_frame_ratio``).
    """
    import json  # noqa: PLC0415
    import statistics  # noqa: PLC0415
    import tempfile  # noqa: PLC0415
    from pathlib import Path  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as data, _display() as display:
        env = {**os.environ, **display, "PYTHONPYCACHEPREFIX": str(Path(data, "pycache"))}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        Path(data, "settings.json").write_text(
            json.dumps({"schema_version": 1, "checklist_confirmed": True}), encoding="utf-8"
        )
        # Warm the file cache and the bytecode cache for all.
        for kind in KINDS:
            _launch(kind, env, data, audio)
        figures: dict[str, list[dict[str, float]]] = {kind: [] for kind in KINDS}
        for _ in range(runs):
            for kind in KINDS:
                figures[kind].append(_launch(kind, env, data, audio))
        walk = _launch("walk", env, data, audio)

    result: dict[str, float | str] = {"platform": display["QT_QPA_PLATFORM"], "runs": runs}
    for kind in KINDS:
        runs_of = figures[kind]
        result[f"{kind}_mapped_ms"] = statistics.median(r["mapped_s"] for r in runs_of) * 1000
        result[f"{kind}_frame_ms"] = statistics.median(r["startup_s"] for r in runs_of) * 1000
        result[f"{kind}_cpu_ms"] = statistics.median(r["cpu_s"] for r in runs_of) * 1000
        result[f"{kind}_rss_mib"] = statistics.median(r["rss_kib"] for r in runs_of) / 1024
        result[f"{kind}_idle_rss_mib"] = (
            statistics.median(r["idle_rss_kib"] for r in runs_of) / 1024
        )
    for figure in ("mapped_ms", "frame_ms", "cpu_ms", "rss_mib", "idle_rss_mib"):
        name = figure.rsplit("_", 1)[0]
        for prefix, over, under in RATIOS:
            top, bottom = result[f"{over}_{figure}"], result[f"{under}_{figure}"]
            assert isinstance(top, float)
            assert isinstance(bottom, float)
            result[f"{prefix}{name}_ratio"] = top / bottom
    result["cpu_percent"] = walk["walk_cpu_s"] / walk["wall_s"] * 100
    result["walk_s"] = walk["wall_s"]
    return result


def main() -> None:
    """Measure both windows alternately and print the medians and ratios."""
    import argparse  # noqa: PLC0415

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument(
        "--audio",
        default="auto",
        help="the app's --audio: qt loads Qt Multimedia; auto (pulse) and none do not",
    )
    args = parser.parse_args()
    result = measure(args.runs, args.audio)
    print(f"platform: {result['platform']}, audio {args.audio}, {args.runs} runs each, medians")
    print(
        f"{'':>20}  {'mapped':>7}  {'frame':>7}  {'CPU':>7}  {'RSS at frame':>12}  {'RSS idle':>8}"
    )
    for kind, label in (
        ("bare", "bare QWidget"),
        ("floor", "floor"),
        ("coach", "coach view alone"),
        ("app", "RetroCoach"),
        ("fresh", "RetroCoach, fresh"),
    ):
        print(
            f"{label:>20}: {result[f'{kind}_mapped_ms']:4.0f} ms  "
            f"{result[f'{kind}_frame_ms']:4.0f} ms  "
            f"{result[f'{kind}_cpu_ms']:4.0f} ms  "
            f"{result[f'{kind}_rss_mib']:8.1f} MiB  "
            f"{result[f'{kind}_idle_rss_mib']:4.1f} MiB"
        )
    for prefix, over, under in RATIOS:
        label = f"{over} / {under}"
        print(
            f"{label:>20}: {result[f'{prefix}mapped_ratio']:5.2f} x  "
            f"{result[f'{prefix}frame_ratio']:5.2f} x  "
            f"{result[f'{prefix}cpu_ratio']:5.2f} x  "
            f"{result[f'{prefix}rss_ratio']:9.2f} x  "
            f"{result[f'{prefix}idle_rss_ratio']:5.2f} x"
        )
    print(
        f"CPU while a session runs: {result['cpu_percent']:.2f}% of one core "
        f"over {result['walk_s']:.0f} s"
    )


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        sys.exit(_child(*sys.argv[2:]))
    main()
