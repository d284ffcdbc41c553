"""Runs work just after a window's first frame, so what it needs later does not delay it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QEvent, QMetaObject, QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import QWidget

__all__ = ["FALLBACK_MS", "after_first_frame"]

FALLBACK_MS: Final = 1000
"""A window that is shown but never exposed (minimised at once...) still gets its work done."""


class _FirstFrame(QObject):
    """Waits for the window's first show, then its first expose, then the end of that event."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._then: Callable[[], None] | None = then
        self._armed = False
        # A timer of our own, not QTimer.singleShot: it dies with the window, so it can never
        # call into a window that is gone.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._run)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802  (Qt's name)
        kind = event.type()
        if watched is self._window and kind == QEvent.Type.Show and not self._armed:
            self._armed = True
            self._window.removeEventFilter(self)
            handle = self._window.windowHandle()
            if handle is not None:
                handle.installEventFilter(self)
            self._timer.start(FALLBACK_MS)
        elif kind == QEvent.Type.Expose and self._is_exposed(watched):
            watched.removeEventFilter(self)
            # Qt paints and flushes the window while it handles this very event: a call
            # posted now runs once the frame is on screen (and is dropped if the window goes).
            QMetaObject.invokeMethod(self, "_run", Qt.ConnectionType.QueuedConnection)
        return False

    def _is_exposed(self, watched: QObject) -> bool:
        handle = self._window.windowHandle()
        return watched is handle and handle.isExposed()

    @Slot()
    def _run(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            then()


def after_first_frame(window: QWidget, then: Callable[[], None]) -> None:
    """Call *then* once, just after *window* is first painted on screen (or a second after it
    is shown, if it never is). *then* may also be run earlier by its owner: it must be safe to
    call twice."""
    _FirstFrame(window, then)
