"""The window with a heart-rate strap (--hr demo): the live line, the ease-off banner and sound."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from fakes import FakeClock
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from window_doubles import RecordingInhibitor, RecordingSound
from window_kit import WindowKit

from retrocoach.app.heart import WalkStrap
from retrocoach.app.walks import straps
from retrocoach.app.window import build_window
from retrocoach.app.window_strap import close_strap
from retrocoach.core.devices.belt_coach import BeltCoach
from retrocoach.core.devices.hr_words import Urgency
from retrocoach.core.history.store import HistoryStore
from retrocoach.core.plan.model import parse_spec
from retrocoach.core.plan.store import PlanStore
from retrocoach.core.session.cues import Cue
from retrocoach.core.settings.store import Settings, SettingsStore
from retrocoach.core.storage.paths import DataPaths
from retrocoach.devices.heart_hookup import HeartHookup
from retrocoach.ui.coach.heart_panel import HeartPanel

PLAN = "getready=0s warmup=5s forward=5s backward=5s rounds=1 cooldown=0s turn=0s"


@pytest.fixture
def kit(qtbot: QtBot, data_paths: DataPaths) -> Iterator[WindowKit]:
    """A window listening to the demo strap, with a ceiling of 100."""
    SettingsStore(data_paths, warn=pytest.fail).save(
        Settings(checklist_confirmed=True, hr_ceiling=100)
    )
    clock = FakeClock()
    sound = RecordingSound()
    window = build_window(
        data_paths,
        HistoryStore(data_paths, warn=pytest.fail),
        PlanStore(data_paths, warn=pytest.fail),
        plan=parse_spec(PLAN, name="short"),
        warn=pytest.fail,
        clock=clock,
        inhibitor=RecordingInhibitor(),
        sound=sound,
        hr="demo",
    )
    qtbot.addWidget(window)
    made = WindowKit(
        window=window,
        clock=clock,
        sound=sound,
        inhibitor=RecordingInhibitor(),
        paths=data_paths,
        qtbot=qtbot,
    )
    with qtbot.waitExposed(window):
        window.show()
    qtbot.waitUntil(lambda: window.started_up, timeout=2000)
    yield made
    app = QApplication.instance()
    assert app is not None
    app.aboutToQuit.emit()  # the strap's link and its device thread close as at quit


def heart_line(kit: WindowKit) -> QLabel:
    label = kit.window.findChild(QLabel, "heart_line")
    assert isinstance(label, QLabel)
    return label


def has_value(line: QLabel) -> bool:
    """Whether the heart line shows a number ('Heart 97 · near 100'), not 'Heart --'."""
    return line.text()[6:7].isdigit()


def test_the_coach_shows_the_demo_straps_heart_rate_and_its_zone(kit: WindowKit) -> None:
    line = heart_line(kit)
    kit.qtbot.waitUntil(lambda: has_value(line), timeout=20_000)
    assert line.isVisible()
    assert line.text().startswith("Heart ")
    assert line.text().endswith(" 100")  # its zone against the ceiling of 100
    # The direction word and the time stay the largest texts.
    assert line.height() < kit.window.coach.time.height() / 3
    assert line.height() < kit.window.coach.band.height() / 2


def test_a_walk_with_the_strap_keeps_its_heart_rate(kit: WindowKit) -> None:
    line = heart_line(kit)
    kit.qtbot.waitUntil(lambda: has_value(line), timeout=20_000)
    kit.press(Qt.Key.Key_Space)
    for _ in range(16):  # the strap beats once a real second: walk along with it
        count = kit.sound.prompts.count(Cue.EASE_OFF)
        shown = line.text()

        def moved(shown: str = shown, count: int = count) -> bool:
            return line.text() != shown or kit.sound.prompts.count(Cue.EASE_OFF) > count

        kit.qtbot.waitUntil(moved, timeout=10_000)
        kit.walk(1.0)
    kit.qtbot.waitUntil(lambda: bool(kit.history()), timeout=20_000)
    (walk,) = kit.history()
    heart = walk["heart_rate"]
    assert isinstance(heart, dict)
    assert heart["ceiling_bpm"] == 100
    assert heart["max_bpm"] >= heart["avg_bpm"] > 0


def test_the_ease_off_banner_is_the_coachs_largest_message_with_its_own_sound(
    kit: WindowKit,
) -> None:
    panel = kit.window.coach.findChild(HeartPanel)
    assert isinstance(panel, HeartPanel)
    panel.tell_heart("Ease off: your heart rate has been above your ceiling.", Urgency.EASE_OFF)
    banner = kit.window.findChild(QLabel, "heart_banner")
    assert isinstance(banner, QLabel)
    assert banner.isVisible()
    assert "Ease off" in banner.text()
    assert Cue.EASE_OFF in kit.sound.prompts
    panel.tell_heart("Heart rate back under your ceiling of 100: 98.", Urgency.QUIET)
    assert not banner.isVisible()


def test_the_windows_strap_slows_the_windows_treadmill_one_step(qtbot: QtBot) -> None:
    """With a treadmill in the window, an ease-off acts on the walk and reads the belt."""
    coach = BeltCoach()
    acted: list[object] = []
    belt = SimpleNamespace(hookup=SimpleNamespace(coach=coach))
    side = SimpleNamespace(act=acted.append)
    (strap,) = straps(
        "demo",
        Settings(hr_ceiling=100),
        FakeClock(),
        pytest.fail,
        belt=belt,  # type: ignore[arg-type]
        side=side,
    )
    try:
        hookup = strap.hookup
        assert isinstance(hookup, HeartHookup)
        # Connected first: a link closed while bumble is still connecting logs its errors.
        qtbot.waitUntil(lambda: hookup.connected, timeout=20_000)
        assert hookup._belt_kmh is not None
        assert hookup._belt_kmh() is None  # a treadmill not connected is not slowed
        coach.connected = True
        assert not hookup._slow_belt()  # connected, but no belt speed asked yet: nothing to slow
        coach._target = 2.0  # as after driving the belt to 2.0 km/h
        assert hookup._slow_belt()
        assert len(acted) == 1
    finally:
        assert isinstance(strap, WalkStrap)
        close_strap(strap)
