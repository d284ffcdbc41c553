"""Window fixtures: a main window on a FakeClock, its data in the test's own folder."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes import FakeClock
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from window_doubles import RecordingInhibitor, RecordingSound
from window_kit import MakeWindow, WindowKit

from retrocoach.app.window import build_window
from retrocoach.core.history.store import HistoryStore
from retrocoach.core.plan.model import Plan, parse_spec
from retrocoach.core.plan.store import PlanStore
from retrocoach.core.settings.store import Settings, SettingsStore
from retrocoach.core.storage.paths import DataPaths

# The offscreen platform cannot pass a dialog's size hints to a window manager it does not
# have, and says so on every dialog it shows; nothing real is wrong.
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints()"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Ignore the offscreen platform's size-hint complaint in the window tests."""
    here = Path(__file__).parent
    for item in items:
        if Path(item.path).is_relative_to(here):
            item.add_marker(pytest.mark.qt_log_ignore(re.escape(OFFSCREEN_NOISE)))


SHORT_PLAN = "getready=3s warmup=5s forward=10s backward=5s rounds=2 cooldown=5s"


@pytest.fixture
def data_paths(_isolated_data_dir: Path) -> DataPaths:
    """The test's data folder, as the window sees it."""
    paths = DataPaths.resolve()
    paths.ensure()
    return paths


@pytest.fixture
def make_window(qtbot: QtBot, data_paths: DataPaths) -> Iterator[MakeWindow]:
    """Build a window; by default the checklist was confirmed before and the plan is short."""
    made: list[WindowKit] = []

    def make(
        settings: Settings | None = None,
        *,
        plan: Plan | None = None,
        show: bool = True,
        first_run: bool = False,
        sound_problem: str | None = None,
        treadmill: str | None = None,
    ) -> WindowKit:
        """*first_run* leaves no settings file at all: the checklist has never been seen."""
        warnings: list[str] = []
        if not first_run:
            chosen = settings or Settings(checklist_confirmed=True)
            SettingsStore(data_paths, warn=warnings.append).save(chosen)
        history = HistoryStore(data_paths, warn=warnings.append)
        plans = PlanStore(data_paths, warn=warnings.append)
        clock = FakeClock()
        sound = RecordingSound()
        inhibitor = RecordingInhibitor()
        window = build_window(
            data_paths,
            history,
            plans,
            plan=plan or parse_spec(SHORT_PLAN, name="short"),
            warn=warnings.append,
            clock=clock,
            inhibitor=inhibitor,
            sound=sound,
            sound_problem=sound_problem,
            treadmill=treadmill,
        )
        qtbot.addWidget(window)
        kit = WindowKit(
            window=window,
            clock=clock,
            sound=sound,
            inhibitor=inhibitor,
            paths=data_paths,
            qtbot=qtbot,
        )
        kit.warnings = warnings
        if show:
            with qtbot.waitExposed(window):  # a context manager: a bare call waits for nothing
                window.show()
            # The window reads the history and builds its sound just after its first frame.
            qtbot.waitUntil(lambda: window.started_up, timeout=2000)
            window.activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is not None, timeout=2000)
        made.append(kit)
        return kit

    yield make
    for kit in made:
        for dialog in (kit.window.checkin, kit.window.checklist):
            if dialog is not None:
                dialog.reject()
