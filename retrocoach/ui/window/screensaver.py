"""Holds the screen saver and screen blanking off while a session runs (freedesktop D-Bus)."""

from __future__ import annotations

import itertools
import logging
import sys
from typing import Final, Protocol

from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusPendingCallWatcher

__all__ = ["ScreenInhibitor", "ScreenSaverInhibitor"]

log = logging.getLogger(__name__)

SERVICE: Final = "org.freedesktop.ScreenSaver"
PATH: Final = "/org/freedesktop/ScreenSaver"
APP: Final = "RetroCoach"
REASON: Final = "A walking session is running"
_CALL_TIMEOUT_MS: Final = 2000


class ScreenInhibitor(Protocol):
    """Keeps the screen awake between inhibit() and release()."""

    def inhibit(self) -> None:
        """Hold the screen saver off."""

    def release(self) -> None:
        """Let the screen saver work again."""


class ScreenSaverInhibitor:
    """org.freedesktop.ScreenSaver Inhibit on a connection of its own.

    The cookie UnInhibit wants is a D-Bus uint32, which PySide6 cannot marshal (a Python int
    goes out as int32), so the release is done by closing the private connection instead:
    the screen saver services drop every inhibition of a client whose bus name vanishes.
    Every failure is quiet: one log line, and the session goes on.
    """

    _numbers = itertools.count(1)

    def __init__(
        self, bus_type: QDBusConnection.BusType = QDBusConnection.BusType.SessionBus
    ) -> None:
        self._bus_type = bus_type
        self._name: str | None = None
        self._watcher: QDBusPendingCallWatcher | None = None
        self.active = False

    def inhibit(self) -> None:
        """Ask the screen saver to stay away; a missing bus or service is logged, not raised."""
        if self.active or not sys.platform.startswith("linux"):
            return
        name = f"retrocoach-inhibit-{next(self._numbers)}"
        bus = QDBusConnection.connectToBus(self._bus_type, name)
        if not bus.isConnected():
            log.info("screen saver not held off: no session bus (%s)", bus.lastError().message())
            QDBusConnection.disconnectFromBus(name)
            return
        call = QDBusMessage.createMethodCall(SERVICE, PATH, SERVICE, "Inhibit")
        call.setArguments([APP, REASON])
        # Asynchronous: the UI thread never waits on the bus; a refusal is only logged.
        self._watcher = QDBusPendingCallWatcher(bus.asyncCall(call, _CALL_TIMEOUT_MS))
        self._watcher.finished.connect(self._on_watcher_finished)
        self._name = name
        self.active = True

    def _on_watcher_finished(self, watcher: QDBusPendingCallWatcher) -> None:
        if watcher.isError():
            log.info("screen saver not held off: %s", watcher.error().message())
        else:
            log.debug("screen saver held off while the session runs")
        self._watcher = None

    def release(self) -> None:
        """Close the private connection, which ends the inhibition."""
        if self._name is not None:
            QDBusConnection.disconnectFromBus(self._name)
        self._name = None
        self.active = False
