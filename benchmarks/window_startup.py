"""Window start-up time and memory against the smallest PySide6 window, and CPU while walking.

Run ``python benchmarks/window_startup.py`` (it starts its own Xvfb when it can, else it uses
the offscreen platform). Each start is a fresh process, timed from just before it is spawned to
the first Expose event of its window on the X server; memory is that process's resident set at
the same moment. The baseline is a bare QWidget shown by the same interpreter, measured
alternately with the app in the same run, so the ratios cancel out the machine's mood.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

RUNS = 7
WALK_S = 20.0
SETTLE_S = 2.0


def _rss_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def _child(kind: str, data_dir: str, audio: str) -> None:
    """In the measured process: build the window, report when it is first exposed."""
    from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication, QWidget  # noqa: PLC0415

    app = QApplication([sys.argv[0]])
    window: QWidget
    if kind == "bare":
        window = QWidget()
        window.resize(1440, 810)
    else:
        window = _retrocoach_window(app, data_dir, audio)

    class ExposeWatch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Expose and window.windowHandle().isExposed():
                report = {"shown_at": time.monotonic(), "rss_kib": _rss_kib()}
                print(json.dumps(report), flush=True)
                if kind == "walk":
                    _walk(window)
                else:
                    QTimer.singleShot(0, app.quit)
                watched.removeEventFilter(self)
            return False

    window.show()
    watch = ExposeWatch()
    window.windowHandle().installEventFilter(watch)
    app.exec()


def _retrocoach_window(app: object, data_dir: str, audio: str) -> object:
    """The window exactly as ``retrocoach`` builds it (run_app without the event loop)."""
    from retrocoach.app import build_window, configure_application  # noqa: PLC0415
    from retrocoach.commands import open_stores  # noqa: PLC0415

    args = argparse.Namespace(data_dir=Path(data_dir))
    paths, history, plans = open_stores(args, sys.stderr)
    configure_application(app)  # type: ignore[arg-type]
    window = build_window(paths, history, plans, plan=None, audio=audio, warn=lambda _m: None)
    return window


def _walk(window: object) -> None:
    """Start a long session and report the process's CPU time over WALK_S seconds."""
    from PySide6.QtCore import QTimer  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    window._on_toggle_requested()  # type: ignore[attr-defined]  # as Space does
    marks: dict[str, float] = {}

    def begin() -> None:
        marks["cpu"], marks["wall"] = time.process_time(), time.monotonic()

    def end() -> None:
        cpu = time.process_time() - marks["cpu"]
        wall = time.monotonic() - marks["wall"]
        print(json.dumps({"cpu_s": cpu, "wall_s": wall}), flush=True)
        window.close()  # type: ignore[attr-defined]
        QApplication.quit()

    QTimer.singleShot(int(SETTLE_S * 1000), begin)
    QTimer.singleShot(int((SETTLE_S + WALK_S) * 1000), end)


@contextmanager
def _display() -> Iterator[dict[str, str]]:
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


def _launch(kind: str, env: dict[str, str], data_dir: str, audio: str) -> list[dict[str, float]]:
    began = time.monotonic()
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--data-dir", data_dir, "--audio", audio],
        env=env,
        capture_output=True,
        text=True,
        timeout=WALK_S + 60,
        check=True,
    )
    reports = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    reports[0]["startup_s"] = reports[0]["shown_at"] - began
    return reports


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", choices=("bare", "app", "walk"))
    parser.add_argument("--data-dir", default="")
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument(
        "--audio", default="auto", help="the app's --audio: auto loads QtMultimedia, none does not"
    )
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.data_dir, args.audio)
        return
    with tempfile.TemporaryDirectory() as data, _display() as display:
        env = {**os.environ, **display}
        Path(data, "settings.json").write_text(
            json.dumps({"schema_version": 1, "checklist_confirmed": True}), encoding="utf-8"
        )
        _launch("bare", env, data, args.audio)  # warm the file cache for both
        _launch("app", env, data, args.audio)
        figures: dict[str, list[dict[str, float]]] = {"bare": [], "app": []}
        for _ in range(args.runs):
            for kind in ("bare", "app"):
                figures[kind].append(_launch(kind, env, data, args.audio)[0])
        walk = _launch("walk", env, data, args.audio)[1]
    med = {
        kind: {
            "startup_s": statistics.median(r["startup_s"] for r in runs),
            "rss_mib": statistics.median(r["rss_kib"] for r in runs) / 1024,
        }
        for kind, runs in figures.items()
    }
    print(
        f"platform: {display['QT_QPA_PLATFORM']}, audio {args.audio}, "
        f"{args.runs} runs each, medians"
    )
    for kind, label in (("bare", "bare QWidget"), ("app", "RetroCoach")):
        print(
            f"{label:>14}: {med[kind]['startup_s'] * 1000:7.0f} ms  {med[kind]['rss_mib']:6.1f} MiB"
        )
    print(
        f"{'ratio':>14}: {med['app']['startup_s'] / med['bare']['startup_s']:7.2f} x  "
        f"{med['app']['rss_mib'] / med['bare']['rss_mib']:6.2f} x"
    )
    share = walk["cpu_s"] / walk["wall_s"] * 100
    print(f"CPU while a session runs: {share:.2f}% of one core over {walk['wall_s']:.0f} s")


if __name__ == "__main__":
    main()
