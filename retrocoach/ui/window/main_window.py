"""The main window: coach view, plan, history and safety pages, big buttons and global keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QMainWindow, QWidget

from retrocoach.core.plan.model import Plan
from retrocoach.core.safety.picker import ReminderPicker
from retrocoach.core.settings.store import Settings
from retrocoach.core.speeds import Units
from retrocoach.ui.dialogs.safety_gate import SafetyGate
from retrocoach.ui.window.first_frame import after_first_frame
from retrocoach.ui.window.frame import WindowFrame, make_shortcuts
from retrocoach.ui.window.keys import Action
from retrocoach.ui.window.messages import (
    history_notice,
    recording_allowed,
    sound_problem_text,
)
from retrocoach.ui.window.parts import WindowPages, WindowServices
from retrocoach.ui.window.placement import Pages, default_size, minimum_size, place_on_screen
from retrocoach.ui.window.session_flow import SessionFlow
from retrocoach.ui.window.settings_keeper import SettingsKeeper

if TYPE_CHECKING:
    # Dialogs load when they open: the window shows sooner without them.
    from retrocoach.ui.coach.session_driver import SessionDriver
    from retrocoach.ui.dialogs.checkin import CheckinDialog
    from retrocoach.ui.dialogs.safety import SafetyChecklistDialog

__all__ = ["WINDOW_TITLE", "MainWindow", "default_size", "minimum_size"]

WINDOW_TITLE: Final = "RetroCoach"
WALK_MODE_LEFT: Final = "Walk mode left; the walk goes on. Esc again asks to stop it."


class MainWindow(QMainWindow):
    """Wires the session driver to the views; every key works whatever has focus."""

    def __init__(
        self,
        services: WindowServices,
        pages: WindowPages,
        settings: Settings,
        plan: Plan | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._pages = pages
        self._driver = services.driver
        self._offered_checklist = False
        self._started_up = False
        self._gate = SafetyGate(services.reminders, self)
        self.setWindowTitle(WINDOW_TITLE)
        self.setAccessibleName("RetroCoach coach window")
        self._build()
        self._kept = SettingsKeeper(settings, services, self._frame)
        self.flow = SessionFlow(
            services, pages, self._frame, settings=lambda: self.settings, plan=plan, parent=self
        )
        self.stop_guard = self.flow.stop_guard
        self.walk_end = self.flow.walk_end
        place_on_screen(self)
        self.shortcuts = make_shortcuts(self)
        self._frame.keep_to_coach([*self.shortcuts[Action.FASTER], *self.shortcuts[Action.SLOWER]])
        self.coach.belt.units = Units(settings.units)
        self._connect_signals()
        # The coach view needs nothing from history.json and the sound is not needed before a
        # session: both are made ready once the window is on screen (see _finish_start_up).
        after_first_frame(self, self._finish_start_up)
        if services.sound_problem:
            self.notices.show_notice("sound", sound_problem_text(services.sound_problem))
        self.controls.show_muted(settings.muted)
        services.sound.set_muted(settings.muted)
        self.flow.load_walk()

    # -- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        frame = self._frame = WindowFrame(self._pages, self)
        self.pages = Pages(self, frame)
        self.notices = frame.notices
        self.coach = frame.coach
        self.controls = frame.controls
        self.tabs = frame.tabs
        self.setCentralWidget(frame)

    def _connect_signals(self) -> None:
        # Keys and the buttons that do the same
        handlers = {
            Action.TOGGLE: self._on_toggle_requested,
            Action.SKIP: self._driver.skip,
            Action.STOP: self._on_stop_requested,
            Action.MUTE: self._on_mute_requested,
            Action.HISTORY: lambda: self.pages.show(self._pages.history),
            Action.QUIT: self._on_quit_requested,
            Action.FULL_SCREEN: self._on_full_screen_requested,
            Action.SAFETY: lambda: self.pages.show(self._pages.safety),
            Action.COACH: lambda: self.pages.show(self.coach),
            Action.PLAN: lambda: self.pages.show(self._pages.plan),
            Action.NEXT_PAGE: lambda: self.pages.step(1),
            Action.PREVIOUS_PAGE: lambda: self.pages.step(-1),
            Action.SETTINGS: self._on_settings_requested,
            Action.PROGRAMME: self._on_programme_requested,
            Action.FASTER: lambda: self._driver.correct_speed(1, self.coach.belt.units),
            Action.SLOWER: lambda: self._driver.correct_speed(-1, self.coach.belt.units),
        }
        for action, shortcuts in self.shortcuts.items():
            for shortcut in shortcuts:
                shortcut.activated.connect(handlers[action])
        self.controls.toggle_button.clicked.connect(self._on_toggle_requested)
        self.controls.skip_button.clicked.connect(self._driver.skip)
        # A click is deliberate: the button stops at once; only the keys ask twice.
        self.controls.stop_button.clicked.connect(self._driver.stop)
        self.controls.mute_button.clicked.connect(self._on_mute_requested)
        self.controls.full_screen_button.clicked.connect(self._on_full_screen_requested)
        self.controls.settings_button.clicked.connect(self._on_settings_requested)
        self.controls.settings_button.setVisible(self._pages.settings_dialog is not None)
        # The safety checklist
        self._gate.confirmed.connect(self._on_gate_confirmed)
        self._gate.closed.connect(self._on_gate_closed)

    # -- start-up ------------------------------------------------------------------------------

    def _finish_start_up(self) -> None:
        """Read the history and build the sound: after the first frame, or before a session."""
        if self._started_up:
            return
        self._started_up = True
        history = self._services.history
        loaded = history.load()  # kept by the store: saving at the end only splices
        self.flow.recording = recording_allowed(loaded.state)
        notice = history_notice(loaded, history.path)
        if notice is not None:
            self.notices.show_notice("history", notice)
        if self._services.after_start_up is not None:
            self._services.after_start_up()
        # The walk built for the first frame only showed the plan: this one, built now that
        # the history was read, records (unless the file must not be written) and carries
        # its programme mark, which needs the history.
        self.flow.load_walk()
        prepare = self._services.prepare_sound
        problem = prepare() if prepare is not None else None
        if problem:
            self.notices.show_notice("sound", sound_problem_text(problem))

    # -- what the walker asks ------------------------------------------------------------------

    def _on_toggle_requested(self) -> None:
        self._finish_start_up()  # a session needs the history read and the sound ready
        if not self.flow.can_start_fresh:
            self._driver.toggle()
            return
        if self.flow.plan is None:
            self.flow.show_plan_problem()
            return
        if self._gate.needed(self.settings):
            self._gate.open(then_start=True)
            return
        self._start()

    @property
    def driver(self) -> SessionDriver:
        """The session driver: the composition root wires remotes to it."""
        return self._driver

    def request_toggle(self) -> None:
        """Start, pause or resume, as Space does (a media remote's PlayPause)."""
        self._on_toggle_requested()

    def _start(self) -> None:
        if not self.flow.prepare_start():
            return
        self._gate.started()
        self._kept.remember_plan(self.flow.plan)
        self._services.sound.warm_up()
        self.tabs.setCurrentWidget(self.coach)  # whatever page was open, the walk is seen
        self._driver.toggle()

    def _on_stop_requested(self) -> None:
        # Esc leaves walk mode first, as in other programs, and never arms Stop on the way:
        # two presses to leave full screen must not end the walk.
        if self.pages.walk_mode or self.isFullScreen():
            self.pages.set_walk_mode(False)
            if self._driver.is_active:
                self.coach.set_status(WALK_MODE_LEFT)
        elif self._driver.is_active and self.stop_guard.press("Esc", "stop the walk"):
            self._driver.stop()

    def _on_quit_requested(self) -> None:
        if not self._driver.is_active or self.stop_guard.press("Ctrl+Q", "stop the walk and quit"):
            self.close()

    def _on_mute_requested(self) -> None:
        self._kept.toggle_mute()

    def _on_full_screen_requested(self) -> None:
        self.pages.set_walk_mode(not self.pages.walk_mode)

    def _on_settings_requested(self) -> None:
        make = self._pages.settings_dialog
        if make is None:
            return
        dialog = make(self.settings, self)
        dialog.accepted.connect(lambda: self._apply_settings(dialog.result_settings()))
        dialog.open()

    # -- the safety checklist ------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802  (Qt's name)
        super().showEvent(event)
        if self.tabs.currentWidget() is self.coach:
            self.coach.setFocus()  # not the first control Tab would reach: Space starts
        if not self._offered_checklist and not self.settings.checklist_confirmed:
            self._offered_checklist = True
            self._gate.open(then_start=False)

    @property
    def checklist(self) -> SafetyChecklistDialog | None:
        """The safety checklist while it is open."""
        return self._gate.dialog

    def _on_gate_confirmed(self, then_start: bool) -> None:
        if (kept := self._gate.kept(self.settings)) != self.settings:
            self._kept.save(kept)
        if then_start:
            self._start()

    def _on_gate_closed(self, confirmed: bool) -> None:
        if not confirmed and not self.settings.checklist_confirmed:
            # The key that starts the first walk: the coach shows it as its prompt.
            self.coach.set_status("Confirm the safety checklist to start: press Space.", hint=True)

    @property
    def checkin(self) -> CheckinDialog | None:
        """The check-in dialog after a walk, once it was opened."""
        return self.flow.checkin

    # -- settings, controls, closing -----------------------------------------------------------

    def _apply_settings(self, settings: Settings) -> None:
        self.flow.picker = ReminderPicker(
            self._services.reminders, settings.reminder_rotation_s, Units(settings.units)
        )
        self._kept.apply(settings)
        self.flow.load_walk()  # a new pips lead applies from the next session

    def _on_programme_requested(self) -> None:
        if self._pages.programme is not None:
            self.pages.show(self._pages.programme)

    @property
    def plan(self) -> Plan | None:
        """The plan Start walks (None while the plan editor has a mistake)."""
        return self.flow.plan

    def use_plan(self, plan: Plan, *, fresh: bool = False) -> None:
        """Walk *plan* next (today's programme session): see :meth:`SessionFlow.use_plan`."""
        self.flow.use_plan(plan, fresh=fresh)

    @property
    def started_up(self) -> bool:
        """Whether the history is read and the sound built (just after the first frame)."""
        return self._started_up

    @property
    def settings(self) -> Settings:
        """The settings in force."""
        return self._kept.current

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802  (Qt's name)
        self._kept.remember_plan(self.flow.plan)
        if self._driver.is_active:
            # Quitting mid-session keeps what was walked, as Esc does, without the check-in.
            self.flow.quitting = True
            self._driver.stop()
        self._services.inhibitor.release()
        event.accept()
