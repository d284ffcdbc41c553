"""What the window leaves until after its first frame, and what it builds on first use."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta

import pytest
from fakes import FakeClock
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from window_doubles import RecordingInhibitor, RecordingSound
from window_kit import MakeWindow

from retrocoach.app import window as app_module
from retrocoach.app.window import build_window
from retrocoach.core.history.records import Outcome, SessionRecord
from retrocoach.core.history.store import HistoryStore
from retrocoach.core.plan.model import Kind, parse_spec
from retrocoach.core.plan.store import PlanStore
from retrocoach.core.session.machine import Event, SegmentRecord, Session, SessionStarted
from retrocoach.core.settings.store import Settings, SettingsStore
from retrocoach.core.storage.paths import DataPaths
from retrocoach.ui.dialogs.safety import SafetyPage
from retrocoach.ui.history.model import RECORD_ROLE
from retrocoach.ui.window.main_window import MainWindow

Key = Qt.Key
Ctrl = Qt.KeyboardModifier.ControlModifier
SHORT_PLAN = "getready=3s warmup=5s forward=10s backward=5s rounds=2 cooldown=5s"


class LoggedPlayer(RecordingSound):
    """A cue player that writes what happens to it, in order, into a shared log."""

    def __init__(self, log: list[str]) -> None:
        super().__init__()
        self.log = log
        self.closed = False

    def warm_up(self) -> None:
        """Log the warm-up."""
        self.log.append("warm_up")
        super().warm_up()

    def on_events(self, session: Session, events: Sequence[Event], now: float) -> None:
        """Log the first batch that starts the session."""
        if any(isinstance(event, SessionStarted) for event in events):
            self.log.append("session started")
        super().on_events(session, events, now)

    def close(self) -> None:
        """Remember the release."""
        self.closed = True


def _window_with_late_sound(
    qtbot: QtBot,
    paths: DataPaths,
    monkeypatch: pytest.MonkeyPatch,
    *,
    problem: str | None = None,
) -> tuple[MainWindow, list[str], Callable[[], LoggedPlayer | None]]:
    """The window as run_app builds it, its cue player made by a factory that logs."""
    log: list[str] = []
    made: list[LoggedPlayer] = []

    def cue_sound(
        audio: str, settings: Settings, alerts: object
    ) -> tuple[LoggedPlayer, str | None]:
        log.append("built")
        made.append(LoggedPlayer(log))
        return made[-1], problem

    monkeypatch.setattr(app_module, "_cue_sound", cue_sound)
    SettingsStore(paths, warn=pytest.fail).save(Settings(checklist_confirmed=True))
    window = build_window(
        paths,
        HistoryStore(paths, warn=pytest.fail),
        PlanStore(paths, warn=pytest.fail),
        plan=parse_spec(SHORT_PLAN, name="short"),
        warn=pytest.fail,
        clock=FakeClock(),
        inhibitor=RecordingInhibitor(),
    )
    qtbot.addWidget(window)
    return window, log, lambda: made[0] if made else None


def _show(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitExposed(window):
        window.show()
    qtbot.waitUntil(lambda: window.started_up, timeout=2000)


def test_the_history_is_read_after_the_first_frame_not_to_build_the_window(
    make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[HistoryStore] = []
    real_load = HistoryStore.load

    def load(self: HistoryStore) -> object:
        reads.append(self)
        return real_load(self)

    monkeypatch.setattr(HistoryStore, "load", load)
    kit = make_window(show=False)
    assert reads == []
    assert not kit.window.started_up
    _show(kit.qtbot, kit.window)
    assert len(reads) == 1  # once: the store keeps it, so the save at the end only splices


def test_a_session_started_before_the_history_is_read_still_respects_a_newer_file(
    make_window: MakeWindow, data_paths: DataPaths
) -> None:
    newer = json.dumps({"schema_version": 99, "sessions": []}).encode()
    data_paths.history_file.write_bytes(newer)
    kit = make_window(show=False)
    kit.window._on_toggle_requested()  # Space, before the first frame was ever painted
    assert "newer RetroCoach" in kit.window.notices.messages()["history"]
    kit.walk(60)
    assert kit.paths.history_file.read_bytes() == newer
    assert kit.paths.journal_files() == []


def test_the_cue_player_is_built_after_the_first_frame_and_warmed_up_at_the_start(
    qtbot: QtBot, data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, log, player = _window_with_late_sound(qtbot, data_paths, monkeypatch)
    window._on_mute_requested()  # muted before the player exists
    assert log == []
    _show(qtbot, window)
    assert log == ["built"]
    built = player()
    assert built is not None
    assert built.muted  # what was asked before it existed is kept
    window._on_toggle_requested()
    assert log == ["built", "warm_up", "session started"]


def test_a_session_started_before_the_first_frame_builds_the_player_before_its_first_cue(
    qtbot: QtBot, data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, log, _player = _window_with_late_sound(qtbot, data_paths, monkeypatch)
    window._on_toggle_requested()
    assert log == ["built", "warm_up", "session started"]
    _show(qtbot, window)
    assert log == ["built", "warm_up", "session started"]  # built once


def test_why_the_late_player_has_no_sound_is_told_in_a_banner(
    qtbot: QtBot, data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, _log, _player = _window_with_late_sound(
        qtbot, data_paths, monkeypatch, problem="no sound (no output device): cues will flash"
    )
    assert "sound" not in window.notices.messages()
    _show(qtbot, window)
    assert window.notices.messages()["sound"].startswith("No sound:")


def _recorded_elsewhere(record_id: str) -> SessionRecord:
    """A session as another RetroCoach would save it."""
    plan = parse_spec(SHORT_PLAN, name="short")
    segments = tuple(
        SegmentRecord(s.kind, s.seconds, float(s.seconds), s.round)
        for s in plan.segments()
        if s.kind is not Kind.GETREADY
    )
    started = datetime(2026, 11, 20, 7, 0, tzinfo=UTC)
    return SessionRecord(
        id=record_id,
        started_at=started,
        ended_at=started + timedelta(seconds=plan.total_s),
        outcome=Outcome.COMPLETED,
        plan=plan,
        segments=segments,
        forward_s=float(sum(s.actual_s for s in segments if s.kind is not Kind.BACKWARD)),
        backward_s=float(sum(s.actual_s for s in segments if s.kind is Kind.BACKWARD)),
    )


def test_the_history_page_is_built_when_first_shown_and_shows_history_json(
    make_window: MakeWindow, data_paths: DataPaths
) -> None:
    kit = make_window()
    page = kit.window._pages.history
    assert not page.is_built  # type: ignore[attr-defined]
    HistoryStore(data_paths, warn=pytest.fail).add(_recorded_elsewhere("elsewhere"))
    kit.press(Key.Key_H, Ctrl)
    assert page.is_built  # type: ignore[attr-defined]
    proxy = page.page.table.model()  # type: ignore[attr-defined]
    shown = [proxy.index(row, 0).data(RECORD_ROLE).id for row in range(proxy.rowCount())]
    assert shown == ["elsewhere"]


def test_the_plan_editor_is_built_when_first_shown_and_then_drives_the_window(
    make_window: MakeWindow,
) -> None:
    kit = make_window()
    pages = kit.window._pages
    assert not pages.plan.is_built
    kit.press(Key.Key_P, Ctrl)
    assert pages.plan.is_built
    assert kit.window.tabs.currentWidget() is pages.plan
    edit = pages.plan_editor._fields.edits["forward"]
    edit.clear()
    kit.qtbot.keyClicks(edit, "7s")
    assert kit.session.plan.forward_s == 7


def test_the_safety_page_is_built_and_laid_out_when_first_shown(make_window: MakeWindow) -> None:
    kit = make_window()
    tab = kit.window._pages.safety
    assert not tab.is_built  # type: ignore[attr-defined]
    kit.press(Key.Key_F1)
    safety = tab.page  # type: ignore[attr-defined]
    assert isinstance(safety, SafetyPage)
    assert safety._items is not None
    assert safety.items.isVisible()
    assert safety.items.toPlainText()
