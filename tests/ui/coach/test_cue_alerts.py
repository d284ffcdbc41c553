"""Sound the walker cannot hear is made visible: the band flashes, a fault shows a banner."""

from __future__ import annotations

import pytest
from fakes import FakeClock
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from window_doubles import RecordingInhibitor

from retrocoach.app.window import build_window
from retrocoach.core.history.store import HistoryStore
from retrocoach.core.plan.model import parse_spec
from retrocoach.core.plan.store import PlanStore
from retrocoach.core.settings.store import Settings, SettingsStore
from retrocoach.core.storage.paths import DataPaths
from retrocoach.ui.window.main_window import MainWindow

PLAN = "getready=0s warmup=0s forward=2s backward=2s rounds=1 cooldown=0s"


@pytest.fixture
def silent_window(qtbot: QtBot) -> tuple[MainWindow, FakeClock]:
    """The window as run_app builds it with --audio none, on a fake clock."""
    paths = DataPaths.resolve()
    paths.ensure()
    SettingsStore(paths, warn=pytest.fail).save(Settings(checklist_confirmed=True))
    clock = FakeClock()
    window = build_window(
        paths,
        HistoryStore(paths, warn=pytest.fail),
        PlanStore(paths, warn=pytest.fail),
        plan=parse_spec(PLAN, name="short"),
        audio="none",
        warn=pytest.fail,
        clock=clock,
        inhibitor=RecordingInhibitor(),
    )
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    qtbot.waitUntil(lambda: window.started_up, timeout=2000)
    return window, clock


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_with_no_sound_every_switch_flashes_the_direction_band(
    qtbot: QtBot, silent_window: tuple[MainWindow, FakeClock]
) -> None:
    window, clock = silent_window
    alerts = window._services.alerts
    assert alerts is not None
    unheard: list[str] = []
    alerts.cue_unheard.connect(unheard.append)
    band = window.coach.band
    assert not band.flashing
    qtbot.keyClick(window, Qt.Key.Key_Space)  # the first segment's cue cannot be heard
    assert band.flashing
    assert unheard == ["forward"]
    clock.advance(2.0)
    window._driver.tick()  # the switch to backward
    assert unheard == ["forward", "backward"]
    assert band.flashing


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_an_audio_fault_is_told_in_a_banner_and_the_session_goes_on(
    silent_window: tuple[MainWindow, FakeClock],
) -> None:
    window, _ = silent_window
    alerts = window._services.alerts
    assert alerts is not None
    alerts.report_fault("The sound device was lost.")
    text = window.notices.messages()["sound"]
    assert text.startswith("The sound stopped working")
    assert "session goes on" in text
    assert "flashes" in text
