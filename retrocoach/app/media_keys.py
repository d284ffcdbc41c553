"""Media keys for the terminal coach: its MPRIS player, and a wait that serves D-Bus calls.

The terminal coach sleeps between wake-ups; to answer a media key while it sleeps, its wait
runs Qt's event loop (D-Bus calls, the audio's timers) until a file descriptor it watches is
readable (a key, a stop signal), its timeout passes, or a media button asks for it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Final

from PySide6.QtCore import QCoreApplication, QEventLoop, QSocketNotifier, Qt, QTimer

from retrocoach.cli.terminal import TerminalCoach, wait_with_select
from retrocoach.core.clock import Clock
from retrocoach.core.session.machine import Session
from retrocoach.core.session.media import RemoteAction
from retrocoach.remote.mpris import MprisPlayer

__all__ = ["QtWait", "TerminalMedia", "core_application", "publish_media_keys"]

_LAST_MS_S: Final = 0.002


class QtWait:
    """A TerminalCoach wait that runs Qt's event loop; ``wake`` ends the current wait."""

    def __init__(self) -> None:
        self._loop: QEventLoop | None = None
        self._timer = QTimer()
        self._timer.setSingleShot(True)
        # The loop's timing contract (boundaries within a few ms) needs a precise timer.
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.wake)

    def __call__(self, fds: Sequence[int], timeout_s: float) -> None:
        if timeout_s < _LAST_MS_S:
            # Qt's timers count whole milliseconds: the last one is waited out with select,
            # so a boundary is not late by the rounding.
            wait_with_select(fds, timeout_s)
            return
        loop = QEventLoop()
        notifiers = [QSocketNotifier(fd, QSocketNotifier.Type.Read) for fd in fds]
        for notifier in notifiers:
            notifier.activated.connect(loop.quit)
        self._loop = loop
        self._timer.start(math.floor(timeout_s * 1000))
        try:
            loop.exec()
        finally:
            self._timer.stop()
            self._loop = None
            for notifier in notifiers:
                notifier.setEnabled(False)
                notifier.deleteLater()

    def wake(self) -> None:
        """End the current wait, if any."""
        if self._loop is not None:
            self._loop.quit()


class TerminalMedia:
    """The MediaSource of ``retrocoach run``: the coach's session; buttons go to the coach."""

    can_raise = False

    def __init__(self, session: Session, clock: Clock, wake: Callable[[], None]) -> None:
        self._session = session
        self._clock = clock
        self._wake = wake
        self.coach: TerminalCoach | None = None

    def current(self) -> tuple[Session | None, float]:
        return self._session, self._clock.now()

    def act(self, action: RemoteAction) -> None:
        if self.coach is not None:
            self.coach.press(action)
            self._wake()

    def raise_window(self) -> None:
        """No window to raise."""

    def quit(self) -> None:
        self.act(RemoteAction.QUIT)


def core_application() -> QCoreApplication:
    """The running QCoreApplication, made if there is none yet."""
    existing = QCoreApplication.instance()
    return existing if existing is not None else QCoreApplication(["retrocoach"])


def publish_media_keys(
    session: Session, clock: Clock
) -> tuple[MprisPlayer, TerminalMedia, QtWait, str | None]:
    """The coach's MPRIS player, its source, the wait that serves it, and why media keys are
    off (None when published). A QCoreApplication must exist. Set ``source.coach`` once the
    coach is built.
    """
    wait = QtWait()
    source = TerminalMedia(session, clock, wait.wake)
    player = MprisPlayer(source)
    problem = player.publish()
    return player, source, wait, problem
