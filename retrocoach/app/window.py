"""The composition root: builds the core objects and the Qt adapters once, wires them, runs."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Final, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QWidget

from retrocoach import __version__
from retrocoach.app.history_page import history_page, units_followed
from retrocoach.app.plan_page import plan_page, speeds_followed
from retrocoach.app.programme import ProgrammeLink, open_programmes
from retrocoach.app.walks import WalkMaker, both, show_straps, straps
from retrocoach.app.window_parts import (
    ScreenSaverLater,
    first_plan,
    remembered_plan,
    settings_dialog,
    theme_switcher,
)
from retrocoach.core.clock import Clock, MonotonicClock
from retrocoach.core.history.store import HistoryStore
from retrocoach.core.plan.model import Plan
from retrocoach.core.plan.store import PlanStore
from retrocoach.core.safety.balance import balance_note
from retrocoach.core.safety.references import ReferenceList
from retrocoach.core.safety.reminders import ReminderBook, ReminderDataError
from retrocoach.core.settings.store import Settings, SettingsStore
from retrocoach.core.speeds import Units
from retrocoach.core.storage.paths import DataPaths
from retrocoach.core.storage.shipped import asset_path
from retrocoach.ui.coach.cue_alerts import CueAlerts
from retrocoach.ui.coach.late_sound import LateSound
from retrocoach.ui.coach.session_driver import SessionDriver, SessionListener
from retrocoach.ui.window.first_frame import after_first_frame
from retrocoach.ui.window.lazy_page import LazyPage
from retrocoach.ui.window.main_window import MainWindow
from retrocoach.ui.window.parts import Sound, WindowPages, WindowServices
from retrocoach.ui.window.quit_signals import quit_signals

if TYPE_CHECKING:
    # Loaded only when first used, never to show the window: the history view pulls in
    # QtCharts, the audio engines Qt Multimedia, and the editor and dialogs cost time too.
    from retrocoach.audio.listener import CueListener
    from retrocoach.ui.dialogs.safety import SafetyPage
    from retrocoach.ui.window.screensaver import ScreenInhibitor

__all__ = [
    "APP_ID",
    "MIN_POINTS",
    "CueSound",
    "WalkMaker",
    "build_window",
    "configure_application",
    "run_app",
    "set_window_icon",
]

APP_ID: Final = "retrocoach"
"""The .desktop file's name: desktops match the running window to its icon by it."""


class CueSound(Sound, SessionListener, Protocol):
    """A cue player as the window uses it: it hears the events and can be muted."""


def _unsaid(_line: str) -> None:
    """Drops a line already said once when the window read the settings at start."""


def _cue_sound(audio: str, settings: Settings, alerts: CueAlerts) -> tuple[CueListener, str | None]:
    """The cue player the command line or the settings ask for, and why it fell back."""
    from retrocoach.audio.setup import build_cue_listener  # noqa: PLC0415  (see TYPE_CHECKING)

    return build_cue_listener(
        audio, settings, on_fault=alerts.report_fault, on_silent_cue=alerts.report_unheard
    )


def _reminder_book(warn: Callable[[str], None]) -> ReminderBook:
    try:
        return ReminderBook.default()
    except ReminderDataError as error:
        warn(f"safety reminders are unavailable; the checklist shows only its core: {error}")
        return ReminderBook((), ReferenceList(()))


def _safety_page(book: ReminderBook) -> LazyPage[SafetyPage]:
    """The Safety tab (F1), built when first shown: with a confirmed checklist nothing of it is
    needed to show the coach."""

    def build(parent: QWidget) -> SafetyPage:
        from retrocoach.ui.dialogs.safety import SafetyPage  # noqa: PLC0415  (see TYPE_CHECKING)

        return SafetyPage(book, parent)

    return LazyPage(build, lambda _page: None)


def build_window(
    paths: DataPaths,
    history: HistoryStore,
    plans: PlanStore,
    *,
    plan: Plan | None,
    audio: str = "auto",
    warn: Callable[[str], None],
    clock: Clock | None = None,
    inhibitor: ScreenInhibitor | None = None,
    sound: CueSound | None = None,
    sound_problem: str | None = None,
    hr: str | None = None,
    treadmill: str | None = None,
) -> MainWindow:
    """Every object the window needs, built once; a QApplication must exist.

    *treadmill* is --treadmill's word (an address, demo or none; None: the setting's).
    """
    settings_store = SettingsStore(paths, warn=warn)
    settings = settings_store.load()
    book = _reminder_book(warn)
    driver = SessionDriver(steady := clock or MonotonicClock())
    prepare_sound: Callable[[], str | None] | None = None
    alerts = CueAlerts()
    if sound is None:
        # Built once the window is on screen (MainWindow._finish_start_up), and in any case
        # before a session starts, so the first cue is as punctual as ever.
        late = LateSound(
            lambda: _cue_sound(audio, settings, alerts),
            muted=settings.muted,
            volume=settings.volume,
            pips=settings.pips,
        )
        application = QCoreApplication.instance()
        if application is not None:
            application.aboutToQuit.connect(late.close)  # let the audio device go cleanly
        sound, prepare_sound = late, late.build
    side, belt = None, None
    if treadmill != "none" and (treadmill or settings.treadmill):
        # Imported only with a treadmill: bleak and the device thread cost nothing otherwise.
        from retrocoach.app.window_treadmill import attach, window_treadmill  # noqa: PLC0415

        side, belt = window_treadmill(treadmill, settings, driver, sound, warn)
    apply_theme = theme_switcher(settings.theme)
    link = ProgrammeLink(
        open_programmes(paths, history, warn),
        Units(settings.units),
        # Read afresh: the checklist's balance check may be answered after the window opens.
        balance=lambda: balance_note(SettingsStore(paths, warn=_unsaid).load()),
    )
    # Today's programme session, which needs the history read, replaces the remembered plan
    # once the window is on screen (link.start_up), unless a plan was asked for.
    initial = plan or remembered_plan(settings, plans, warn, link.session_plans) or first_plan()
    # Pages built when first shown, not at start-up: the history view pulls in QtCharts and
    # reads every session; the plan editor is the costliest page to build.
    history_tab = history_page(history, lambda: window.coach.belt.units)
    # The editor opens on the plan the window has when it is first shown (today's session may
    # have replaced the first one by then).
    plan_tab = plan_page(plans, lambda: window.plan or initial, lambda: window.coach.belt.units)
    services = WindowServices(
        driver=driver,
        history=history,
        settings_store=settings_store,
        reminders=book,
        new_walk=WalkMaker(
            history,
            sound,
            link.mark_for,
            [*straps(hr, settings, steady, warn, belt=belt, side=side), *([belt] if belt else [])],
        ),
        sound=sound,
        inhibitor=inhibitor or ScreenSaverLater(),
        sound_problem=sound_problem,
        prepare_sound=prepare_sound,
        alerts=alerts,
        apply_theme=apply_theme,
        after_start_up=functools.partial(link.start_up, today_first=plan is None),
    )
    pages = WindowPages(
        plan=plan_tab,
        history=history_tab,
        refresh_history=both(history_tab.refresh, link.refresh),
        safety=_safety_page(book),
        settings_dialog=link.followed(
            speeds_followed(
                units_followed(
                    functools.partial(settings_dialog, demo_treadmill=treadmill == "demo"),
                    history_tab,
                ),
                plan_tab,
            )
        ),
        programme=link.page,
    )
    window = MainWindow(services, pages, settings, initial)
    after_first_frame(window, _focus_rings)  # the coach, with no field to focus, comes first
    show_straps(window, services.new_walk, sound)
    link.attach(window)
    link.watch_plans(plan_tab)
    if belt is not None and side is not None:
        attach(window, side, belt)
    driver.setParent(window)
    return window


MIN_POINTS: Final = 10.0
"""No text under this size at scale 1: the desktop's (Qt's own 9 pt here) is raised to it."""


def configure_application(app: QCoreApplication, *, icon: bool = True) -> None:
    """Name the application for the desktop: its .desktop file, version and (with *icon*) icon;
    and raise its font to MIN_POINTS where the desktop's is smaller, for older eyes."""
    if isinstance(app, QGuiApplication):
        font = app.font()
        if 0 < font.pointSizeF() < MIN_POINTS:
            font.setPointSizeF(MIN_POINTS)
            app.setFont(font)
    app.setApplicationName("RetroCoach")
    app.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName(APP_ID)
    if icon:
        set_window_icon()


def set_window_icon() -> None:
    """Give every window the application's icon (the desktop may also find it by APP_ID).

    Drawing it loads Qt's SVG library and renders the icon at each size the window system
    asks for: about 2 MiB and some milliseconds that run_app leaves until after the first frame.
    """
    QGuiApplication.setWindowIcon(QIcon(str(asset_path("icons", "retrocoach.svg"))))


def _focus_rings() -> None:
    """Mark the keyboard focus plainly in every window and dialog (see ui/focus_ring)."""
    from retrocoach.ui.focus_ring import FocusRings  # noqa: PLC0415

    app = QApplication.instance()
    if isinstance(app, QApplication):
        FocusRings.install(app)


def _media_keys(app: QCoreApplication, window: MainWindow) -> None:
    """Publish *window*'s MPRIS player, released when the application quits."""
    from retrocoach.app.window_media import publish_window_media_keys  # noqa: PLC0415

    media = publish_window_media_keys(window, window.driver)
    app.aboutToQuit.connect(media.close)


def _import_for_walks() -> None:
    # After the frame: only the coach must be on screen first.
    import retrocoach.core  # noqa: PLC0415
    import retrocoach.ui  # noqa: PLC0415
    from retrocoach.app.preload import import_for_the_walk  # noqa: PLC0415

    import_for_the_walk((retrocoach.core, retrocoach.ui))


def run_app(
    paths: DataPaths,
    history: HistoryStore,
    plans: PlanStore,
    *,
    plan: Plan | None,
    audio: str,
    warn: Callable[[str], None],
    argv: Sequence[str] = (),
    hr: str | None = None,
    treadmill: str | None = None,
) -> int:
    """Open the window and run until it closes; returns the exit status."""
    logging.basicConfig(level=logging.WARNING, format="retrocoach: %(message)s")
    app = QApplication.instance() or QApplication(["retrocoach", *argv])
    configure_application(app, icon=False)
    window = build_window(
        paths, history, plans, plan=plan, audio=audio, warn=warn, hr=hr, treadmill=treadmill
    )
    after_first_frame(window, set_window_icon)  # the window system takes it when it comes
    # The media keys (MPRIS over QtDBus) are not needed to show the coach: they load and are
    # published just after the first frame.
    after_first_frame(window, lambda: _media_keys(app, window))
    # Everything a walk needs to finish (the summary, the check-in, the recorder), imported
    # once the coach is on screen: a package replaced under the running window by a
    # `pip install` can then not end a walk in a traceback. After the first frame, as the
    # coach is what must show first; long before a walker reaches its end.
    after_first_frame(window, _import_for_walks)
    received: list[int] = []

    def quit_on_signal(number: int) -> None:
        # As Ctrl+Q does: a running session is kept as stopped before the process exits.
        received.append(number)
        window.close()
        app.exit(128 + number)

    with quit_signals() as signals:
        signals.received.connect(quit_on_signal)
        window.show()
        status = app.exec()
    # Like the terminal coach: a signal is told by the status, 143 for SIGTERM.
    return 128 + received[0] if received else status
