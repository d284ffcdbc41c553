"""What the real entry point has loaded, read and drawn when its first frame is painted."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hostile_files import history_bytes

from retrocoach.core.programme.state import ProgrammeStateStore
from retrocoach.core.settings.store import Settings, SettingsStore
from retrocoach.core.storage.paths import DataPaths

CHILD = textwrap.dedent(
    """
    import sys
    from PySide6.QtWidgets import QApplication
    from retrocoach.app.window import build_window, configure_application
    from retrocoach.core.history.store import HistoryStore
    from retrocoach.core.plan.store import PlanStore
    from retrocoach.core.storage.paths import DataPaths

    app = QApplication([])
    paths = DataPaths.resolve()
    paths.ensure()
    configure_application(app)
    window = build_window(
        paths, HistoryStore(paths, warn=print), PlanStore(paths, warn=print),
        plan=None, audio="auto", warn=print,
    )
    window.show()
    print(" ".join(sorted(sys.modules)))
    """
)
DEFERRED_MODULES = (
    "PySide6.QtCharts",
    "PySide6.QtMultimedia",
    "PySide6.QtDBus",
    "retrocoach.audio",
    "retrocoach.ui.history.view",
    "retrocoach.ui.plan.editor",
    "retrocoach.ui.dialogs.settings",
    "retrocoach.ui.dialogs.checkin",
    "retrocoach.ui.dialogs.note",
    "retrocoach.ui.window.theme",
    "retrocoach.core.figures.summary",
    "retrocoach.core.plan.checks",
)


def test_showing_the_window_loads_no_module_only_a_later_page_or_the_sound_needs(
    tmp_path: Path,
) -> None:
    # A process of its own: this one has loaded every module long ago.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "RETROCOACH_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    loaded = set(done.stdout.split())
    assert "retrocoach.ui.window.main_window" in loaded
    assert [name for name in DEFERRED_MODULES if name in loaded] == []


AT_FIRST_FRAME = textwrap.dedent(
    """
    import linecache, sys
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    history_opened = []

    def watch(event: str, args: tuple) -> None:
        if event == "open" and str(args[0]).endswith("history.json"):
            history_opened.append(str(args[0]))

    sys.addaudithook(watch)

    def modules_at_first_frame(*_app: object) -> int:
        # The window is shown; the event loop would paint it next: what is loaded now is
        # what the first frame waited for.
        print(" ".join(sorted(sys.modules)))
        # This process loaded Qt before the entry point (to hook exec): only the modules the
        # window loads after qt_sources.spare_source_reads are judged, the Qt ones.
        print(" ".join(sorted(name for name in linecache.cache if "/retrocoach/ui/" in name)))
        with open("/proc/self/maps", encoding="utf-8") as maps:
            svg = "libQt6Svg" in maps.read()  # the icon's renderer
        print(f"svg={svg} icon={not QGuiApplication.windowIcon().isNull()}")
        print(f"history read: {bool(history_opened)}")
        # PySide6 builds a Qt class when it is first named: the dialogs the window may show
        # later are named only then.
        named = sys.modules["PySide6.QtWidgets"].__dict__
        later = ("QMessageBox", "QFileDialog", "QInputDialog")
        print(" ".join(name for name in later if name in named))
        return 0

    QApplication.exec = modules_at_first_frame
    from retrocoach.app.main import main
    sys.exit(main(["--audio", "auto"]))
    """
)
AFTER_FIRST_FRAME = (
    *DEFERRED_MODULES,
    "retrocoach.remote",
    "retrocoach.app.window_media",
    "retrocoach.app.treadmill",
    "retrocoach.devices",
    "bleak",
    "asyncio",
    "retrocoach.cli.parser",  # a plain 'retrocoach' needs no grammar (cli/quick_args.py)
    "retrocoach.cli.programme",
    "_hashlib",  # OpenSSL: 3.4 MiB at the first frame (history.store's sha256_hex)
    "ctypes",
    "socket",
    "html",  # its entity table: half a MiB (the Safety page's rules escape with it)
    "uuid",
)
FIRST_FRAME_BUDGET = 134
"""At most this many of RetroCoach's own modules load before the first frame. Each costs
start-up time and memory (benchmarks/README.md, issue 27): a new one belongs after the first
frame unless the coach, the checklist or the stores need it to show; raise this only then (or
for a module split in two, which costs little)."""


@pytest.mark.parametrize(
    ("confirmed", "programme"),
    [(False, False), (True, False), (True, True)],
    ids=["fresh folder", "confirmed folder", "a programme followed"],
)
def test_the_entry_point_shows_the_coach_before_the_media_keys_sound_and_later_pages(
    tmp_path: Path, confirmed: bool, programme: bool
) -> None:
    # As the user starts it: 'retrocoach' with no command, a fresh folder (the checklist is
    # due) or one whose checklist was confirmed, with a programme followed or none.
    paths = DataPaths(tmp_path, tmp_path)
    if confirmed:
        SettingsStore(paths, warn=pytest.fail).save(Settings(checklist_confirmed=True))
    if programme:
        ProgrammeStateStore(paths, warn=pytest.fail).start("beginners")
        paths.history_file.write_bytes(history_bytes([]))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "RETROCOACH_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", AT_FIRST_FRAME],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    modules, read, icon, history, dialogs = done.stdout.splitlines()
    loaded = set(modules.split())
    assert "retrocoach.ui.window.main_window" in loaded
    assert [name for name in AFTER_FIRST_FRAME if name in loaded] == []
    # The checklist's own dialog shows on a fresh folder; a confirmed one needs no part of it.
    assert ("retrocoach.ui.dialogs.safety" in loaded) is not confirmed
    ours = sorted(name for name in loaded if name.split(".")[0] == "retrocoach")
    assert len(ours) <= FIRST_FRAME_BUDGET, "\n".join(ours)
    assert read.split() == []  # PySide6 kept none of their sources (app/qt_sources.py)
    assert icon == "svg=False icon=False"  # drawn just after the first frame
    # Today's programme session and the walk's recorder need it: they come after the frame.
    assert history == "history read: False"
    assert dialogs == ""


ICON_AFTER_FIRST_FRAME = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    run = QApplication.exec

    def watched(*_app: object) -> int:
        print(f"icon at first frame: {not QGuiApplication.windowIcon().isNull()}", flush=True)

        def look() -> None:
            if not QGuiApplication.windowIcon().isNull():
                print("icon set", flush=True)
                QApplication.quit()

        timer = QTimer()
        timer.timeout.connect(look)
        timer.start(10)
        QTimer.singleShot(30_000, QApplication.quit)  # a generous deadline, then say so
        return run()

    QApplication.exec = watched
    from retrocoach.app.main import main
    sys.exit(main(["--audio", "none"]))
    """
)


def test_the_window_gets_its_icon_just_after_its_first_frame(tmp_path: Path) -> None:
    SettingsStore(DataPaths(tmp_path, tmp_path), warn=pytest.fail).save(
        Settings(checklist_confirmed=True)
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "RETROCOACH_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", ICON_AFTER_FIRST_FRAME],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.splitlines() == ["icon at first frame: False", "icon set"]
