"""Media keys for the window: its MPRIS player, fed by the session driver's signals.

The buttons do what the window's own keys do: PlayPause is Space (the first start shows the
safety checklist, as Space does), Next is N, and Stop asks for a second Stop within a few
seconds through the same StopGuard as Esc (the question on screen, the confirmation cue).
Published once the window is on screen: QtDBus is not needed to show it.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from retrocoach.core.session.machine import Session, State
from retrocoach.core.session.media import RemoteAction
from retrocoach.remote.mpris import MprisPlayer
from retrocoach.ui.coach.session_driver import SessionDriver
from retrocoach.ui.window.main_window import MainWindow

__all__ = ["WindowMedia", "publish_window_media_keys"]

_IDLE = (State.IDLE, State.FINISHED, State.STOPPED)
_WALKING = (State.RUNNING, State.GET_READY)
_HELD = (State.PAUSED, State.WAITING)  # Play goes on from a pause and from a waiting turn


class WindowMedia:
    """The window's MediaSource: reads the driver's session, acts as the keys do."""

    can_raise = True

    def __init__(self, window: MainWindow, driver: SessionDriver) -> None:
        self._window = window
        self._driver = driver

    def current(self) -> tuple[Session | None, float]:
        return self._driver.session, self._driver.clock.now()

    def act(self, action: RemoteAction) -> None:
        session = self._driver.session
        state = State.IDLE if session is None else session.state
        if action is RemoteAction.STOP:
            if self._driver.is_active and self._window.stop_guard.press("Stop", "stop the walk"):
                self._driver.stop()
        elif action is RemoteAction.QUIT:
            self.quit()
        elif action is RemoteAction.NEXT:
            if self._driver.is_active:
                self._driver.skip()
        elif state in _IDLE and QApplication.activeModalWidget() is not None:
            # A dialog is open (the check-in after a walk, settings, the checklist): the
            # keyboard cannot start a walk behind it, nor may a remote.
            return
        elif (
            action is RemoteAction.PLAY_PAUSE
            or (action is RemoteAction.PLAY and (state in _IDLE or state in _HELD))
            or (action is RemoteAction.PAUSE and state in _WALKING)
        ):
            self._window.request_toggle()

    def raise_window(self) -> None:
        self._window.showNormal()
        self._window.raise_()
        self._window.activateWindow()

    def quit(self) -> None:
        # As Ctrl+Q answered twice: a walk under way is kept as stopped (closeEvent).
        self._window.close()


def publish_window_media_keys(window: MainWindow, driver: SessionDriver) -> MprisPlayer:
    """The window's MPRIS player, published once the event loop runs; a notice says once
    when media keys are not available."""
    player = MprisPlayer(WindowMedia(window, driver))
    player.setParent(window)
    driver.state_changed.connect(player.refresh)
    driver.segment_started.connect(lambda _event: player.seek_to_segment())

    def publish() -> None:
        problem = player.publish()
        if problem is not None:
            window.notices.show_notice("media", f"{problem[:1].upper()}{problem[1:]}.")

    QTimer.singleShot(0, publish)
    return player
