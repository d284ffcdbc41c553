"""The heart-rate strap of the window: one link for the window's life, heard on Qt's loop."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSocketNotifier

from retrocoach.app.heart import WalkStrap, strap_choice
from retrocoach.core.clock import Clock
from retrocoach.core.settings.store import Settings
from retrocoach.devices.belt_hookup import SessionCommand
from retrocoach.ui.coach.heart_panel import HeartPanel
from retrocoach.ui.window.main_window import MainWindow
from retrocoach.ui.window.parts import Sound

__all__ = ["close_strap", "show_strap", "window_strap"]


def window_strap(
    flag: str | None,
    settings: Settings,
    *,
    clock: Clock,
    tell: Callable[[str], None],
    act: Callable[[SessionCommand], None] | None = None,
    belt_kmh: Callable[[], float | None] | None = None,
) -> WalkStrap | None:
    """The strap of --hr (or the setting), its reports drained when its inbox's pipe wakes Qt.

    Made before the window, whose first walk is made with it; show_strap() gives it the
    window's coach once there is one.
    """
    choice = strap_choice(flag, settings)
    if choice.address is None:
        return None
    strap = WalkStrap(
        choice, settings, None, tell=tell, clock=clock.now, act=act, belt_kmh=belt_kmh
    )
    notifier = QSocketNotifier(strap.inbox.fd, QSocketNotifier.Type.Read)
    notifier.activated.connect(lambda: strap.inbox.drain())  # noqa: PLW0108  # drops Qt's args
    strap.notifier = notifier  # type: ignore[attr-defined]  # kept as long as the strap
    application = QCoreApplication.instance()
    if application is not None:
        application.aboutToQuit.connect(lambda: close_strap(strap))
    return strap


def show_strap(window: MainWindow, strap: WalkStrap | None, sound: Sound) -> None:
    """The strap's lines on the window's coach, under the belt's."""
    if strap is None:
        return
    coach = window.coach
    say = lambda text: window.notices.show_notice("heart", text)  # noqa: E731
    panel = HeartPanel(coach, sound, say, like=coach.next_label)
    panel.attach(coach.column, at=4)
    strap.hookup.side = panel
    strap.hookup.refresh()


def close_strap(strap: WalkStrap) -> None:
    """Disconnect the strap, its notifier first (as at quit)."""
    notifier = getattr(strap, "notifier", None)
    if isinstance(notifier, QSocketNotifier):
        notifier.setEnabled(False)  # before its pipe closes: Qt warns of a dead socket
    strap.close()
