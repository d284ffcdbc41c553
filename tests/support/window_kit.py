"""What the window tests hold on to: the window, its fake clock and doubles, and helpers."""

from __future__ import annotations

import json
from collections.abc import Callable

from fakes import FakeClock
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from window_doubles import RecordingInhibitor, RecordingSound

from retrocoach.core.session.machine import Session
from retrocoach.core.storage.paths import DataPaths
from retrocoach.ui.coach.session_driver import SessionDriver
from retrocoach.ui.window.main_window import MainWindow

__all__ = ["MakeWindow", "WindowKit"]


class WindowKit:
    """A window and the doubles around it, with helpers to walk its session."""

    def __init__(
        self,
        *,
        window: MainWindow,
        clock: FakeClock,
        sound: RecordingSound,
        inhibitor: RecordingInhibitor,
        paths: DataPaths,
        qtbot: QtBot,
    ) -> None:
        self.window = window
        self.clock = clock
        self.sound = sound
        self.inhibitor = inhibitor
        self.paths = paths
        self.qtbot = qtbot
        self.warnings: list[str] = []

    @property
    def session(self) -> Session:
        """The session loaded in the driver."""
        session = self.driver.session
        assert session is not None
        return session

    @property
    def driver(self) -> SessionDriver:
        """The window's session driver."""
        return self.window._services.driver

    def press(
        self,
        key: Qt.Key,
        modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
        target: QWidget | None = None,
    ) -> None:
        """A real key press sent where the keyboard focus is (or to *target*)."""
        widget = target or QApplication.focusWidget() or self.window
        self.qtbot.keyClick(widget, key, modifier)

    def press_twice(
        self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        """Two presses a second apart on the fake clock: Esc or Ctrl+Q that ends a walk."""
        self.press(key, modifier)
        self.clock.advance(1.0)
        self.press(key, modifier)

    def tick_checklist(self) -> None:
        """Tick every item of the open checklist as a walker does: Space, then Down."""
        dialog = self.window.checklist
        assert dialog is not None
        for _ in dialog.checks():
            self.qtbot.keyClick(dialog.items, Qt.Key.Key_Space)
            self.qtbot.keyClick(dialog.items, Qt.Key.Key_Down)
        assert dialog.ticked() == len(dialog.checks())

    def wait_active(self, window: QWidget) -> None:
        """Wait (for the event loop, not the clock) until *window* has the keyboard."""
        self.qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)

    def walk(self, seconds: float, step: float = 0.5) -> None:
        """Move the fake clock on in steps, ticking the driver as its timer would."""
        left = seconds
        while left > 1e-9:
            moved = min(step, left)
            self.clock.advance(moved)
            self.driver.tick()
            left -= moved

    def history(self) -> list[dict[str, object]]:
        """The sessions in history.json, as JSON."""
        path = self.paths.history_file
        if not path.exists():
            return []
        return list(json.loads(path.read_text(encoding="utf-8"))["sessions"])


MakeWindow = Callable[..., "WindowKit"]
