"""The main window: coach view, plan, history and safety pages, big buttons and global keys."""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING, Final

from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QMainWindow, QWidget

from retrocoach.core.catalog import remembered_word
from retrocoach.core.coaching import ReminderPicker
from retrocoach.core.cues import Cue
from retrocoach.core.history import JournalBusyError, StorageError
from retrocoach.core.plan import Plan
from retrocoach.core.session import (
    Paused,
    PauseReason,
    Progress,
    SegmentStarted,
    SessionFinished,
    State,
)
from retrocoach.core.settings import Settings
from retrocoach.core.speeds import Units
from retrocoach.ui.coach.view import segment_label
from retrocoach.ui.dialogs.safety_gate import SafetyGate
from retrocoach.ui.window.first_frame import after_first_frame
from retrocoach.ui.window.frame import WindowFrame, make_shortcuts
from retrocoach.ui.window.keys import Action
from retrocoach.ui.window.messages import (
    busy_text,
    gap_text,
    history_notice,
    recording_allowed,
    recovered_text,
    save_problem_text,
    settings_problem_text,
    sound_fault_text,
    sound_problem_text,
)
from retrocoach.ui.window.parts import Walk, WindowPages, WindowServices
from retrocoach.ui.window.placement import Pages, default_size, minimum_size, place_on_screen
from retrocoach.ui.window.stop_guard import StopGuard
from retrocoach.ui.window.walk_end import WalkEnd

if TYPE_CHECKING:
    # Dialogs load when they open: the window shows sooner without them.
    from retrocoach.ui.coach.session_driver import SessionDriver
    from retrocoach.ui.dialogs.checkin import CheckinDialog
    from retrocoach.ui.dialogs.safety import SafetyChecklistDialog
    from retrocoach.ui.dialogs.settings import SettingsDialog

__all__ = ["WINDOW_TITLE", "MainWindow", "default_size", "minimum_size"]

WINDOW_TITLE: Final = "RetroCoach"
_IDLE_STATES: Final = (State.IDLE, State.FINISHED, State.STOPPED)
log = logging.getLogger(__name__)


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
        self._settings = settings
        self._picker = ReminderPicker(services.reminders, settings.reminder_rotation_s)
        self._plan = plan
        self._walk: Walk | None = None
        self._paused_text = ""
        self._quitting = False
        self._offered_checklist = False
        self._started_up = False
        self._recording = True  # until the history is read, just after the first frame
        self._gate = SafetyGate(services.reminders, self)
        self.stop_guard = StopGuard(services.driver.clock.now, parent=self)
        self.setWindowTitle(WINDOW_TITLE)
        self.setAccessibleName("RetroCoach coach window")
        self._build()
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
        self._load_walk()

    # -- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        frame = self._frame = WindowFrame(self._pages, self)
        self.pages = Pages(self, frame)
        self.notices = frame.notices
        self.coach = frame.coach
        self.controls = frame.controls
        self.tabs = frame.tabs
        self.setCentralWidget(frame)
        services = self._services
        self.walk_end = WalkEnd(
            self, self.coach, self.notices, services.history, self._pages.refresh_history
        )
        place_on_screen(self)

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
        # The session
        self._driver.state_changed.connect(self._on_driver_state_changed)
        self._driver.segment_started.connect(self._on_driver_segment_started)
        self._driver.display_changed.connect(self._on_driver_display_changed)
        self._driver.paused.connect(self._on_driver_paused)
        self._driver.resumed.connect(self._on_driver_resumed)
        self._driver.finished.connect(self._on_driver_finished)
        self._driver.stopped.connect(self._on_driver_stopped)
        # Esc and Ctrl+Q during a walk
        self.stop_guard.asked.connect(self._on_stop_guard_asked)
        self.stop_guard.lapsed.connect(self._on_stop_guard_lapsed)
        # The safety checklist
        self._gate.confirmed.connect(self._on_gate_confirmed)
        self._gate.closed.connect(self._on_gate_closed)
        # The plan editor, once it is built
        self._pages.plan.built.connect(self._on_plan_page_built)
        # The sound: faults in a banner, a flash for every cue nobody will hear
        alerts = self._services.alerts
        if alerts is not None:
            alerts.fault_reported.connect(self._on_alerts_fault_reported)
            alerts.cue_unheard.connect(self._on_alerts_cue_unheard)

    def _on_alerts_fault_reported(self, message: str) -> None:
        self.notices.show_notice("sound", sound_fault_text(message))

    def _on_alerts_cue_unheard(self, _cue: str) -> None:
        self.coach.flash()

    # -- start-up ------------------------------------------------------------------------------

    def _finish_start_up(self) -> None:
        """Read the history and build the sound: after the first frame, or before a session."""
        if self._started_up:
            return
        self._started_up = True
        history = self._services.history
        loaded = history.load()  # kept by the store: saving at the end only splices
        self._recording = recording_allowed(loaded.state)
        notice = history_notice(loaded, history.path)
        if notice is not None:
            self.notices.show_notice("history", notice)
        if not self._recording:
            self._load_walk()  # the walk built for the first frame must not write the history
        prepare = self._services.prepare_sound
        problem = prepare() if prepare is not None else None
        if problem:
            self.notices.show_notice("sound", sound_problem_text(problem))

    # -- what the walker asks ------------------------------------------------------------------

    def _on_toggle_requested(self) -> None:
        self._finish_start_up()  # a session needs the history read and the sound ready
        session = self._driver.session
        if session is not None and session.state not in _IDLE_STATES:
            self._driver.toggle()
            return
        if self._plan is None:
            self._show_plan_problem()
            return
        if self._gate.needed(self._settings):
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
        session = self._driver.session
        if session is None or session.is_over or session.plan != self._plan:
            self._load_walk()
        if not self._claim_journal():
            return
        self._gate.started()
        self._remember_plan()
        self._services.sound.warm_up()
        self.tabs.setCurrentWidget(self.coach)  # whatever page was open, the walk is seen
        self._driver.toggle()

    def _claim_journal(self) -> bool:
        """One session at a time per data folder: False, and told, if another is under way."""
        walk = self._walk
        if walk is None or walk.recorder is None:
            return True  # this session writes nothing
        history = self._services.history
        try:
            recovered = history.claim_journal()
        except JournalBusyError:
            self.notices.show_notice("busy", busy_text(history.folder))
            self.coach.set_status("Another RetroCoach is walking a session: see the notice.")
            return False
        except StorageError:
            return True  # the recorder tells, once, when the journal cannot be written
        self.notices.dismiss("busy")
        if recovered is not None:  # another window or terminal died mid-session meanwhile
            self.notices.show_notice("recovered", recovered_text(recovered))
            self._pages.refresh_history()
        return True

    def _on_stop_requested(self) -> None:
        if self._driver.is_active:
            if self.stop_guard.press("Esc", "stop the walk"):
                self._driver.stop()
        elif self.pages.walk_mode or self.isFullScreen():
            self.pages.set_walk_mode(False)  # nothing to stop: Esc leaves, as in other programs

    def _on_quit_requested(self) -> None:
        if not self._driver.is_active or self.stop_guard.press("Ctrl+Q", "stop the walk and quit"):
            self.close()

    def _on_stop_guard_asked(self, question: str) -> None:
        self.tabs.setCurrentWidget(self.coach)
        self.coach.ask(question)
        if not self._services.sound.prompt(Cue.CONFIRM_STOP):
            self.coach.flash()  # heard by nobody: seen instead

    def _on_stop_guard_lapsed(self) -> None:
        self.coach.ask("")

    def _on_mute_requested(self) -> None:
        muted = not self._settings.muted
        self._services.sound.set_muted(muted)
        self.controls.show_muted(muted)
        self._save_settings(dataclasses.replace(self._settings, muted=muted))

    def _on_full_screen_requested(self) -> None:
        self.pages.set_walk_mode(not self.pages.walk_mode)

    def _on_settings_requested(self) -> None:
        make = self._pages.settings_dialog
        if make is None:
            return
        dialog = make(self._settings, self)
        dialog.accepted.connect(lambda: self._on_settings_dialog_accepted(dialog))
        dialog.open()

    def _on_settings_dialog_accepted(self, dialog: SettingsDialog) -> None:
        self._apply_settings(dialog.result_settings())

    # -- the safety checklist ------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802  (Qt's name)
        super().showEvent(event)
        if not self._offered_checklist and not self._settings.checklist_confirmed:
            self._offered_checklist = True
            self._gate.open(then_start=False)

    @property
    def checklist(self) -> SafetyChecklistDialog | None:
        """The safety checklist while it is open."""
        return self._gate.dialog

    def _on_gate_confirmed(self, then_start: bool) -> None:
        if not self._settings.checklist_confirmed:
            self._save_settings(dataclasses.replace(self._settings, checklist_confirmed=True))
        if then_start:
            self._start()

    def _on_gate_closed(self, confirmed: bool) -> None:
        if not confirmed and not self._settings.checklist_confirmed:
            self.coach.set_status("Confirm the safety checklist to start: press Space.")

    # -- the session ---------------------------------------------------------------------------

    def _load_walk(self) -> None:
        if self._plan is None or self._driver.is_active:
            return
        self._walk = self._services.new_walk(
            self._plan, self._settings, self._on_recorder_reported, record=self._recording
        )
        self._driver.load(self._walk.session, self._walk.listeners)
        warning = " ".join(self._plan.warnings())  # a fast backward belt: allowed, but said
        self.notices.show_notice("belt", warning) if warning else self.notices.dismiss("belt")

    def _on_plan_page_built(self, _editor: QWidget) -> None:
        self._pages.plan_editor.plan_changed.connect(self._on_plan_editor_plan_changed)
        self._pages.plan_editor.problem_changed.connect(self._on_plan_editor_problem_changed)

    def _on_plan_editor_plan_changed(self, plan: Plan | None) -> None:
        self._plan = plan
        if not self._driver.is_active:
            if plan is None:
                self._show_plan_problem()
            else:
                self._load_walk()
                self.coach.set_status("Press Space to start.")
            self._show_controls()

    def _on_plan_editor_problem_changed(self, _problem: str) -> None:
        # One mistake can follow another while the plan stays unwalkable (100 rounds, then 1000).
        if self._plan is None and not self._driver.is_active:
            self._show_plan_problem()

    def _show_plan_problem(self) -> None:
        built = self._pages.plan.is_built
        self.coach.show_plan_problem(self._pages.plan_editor.problem if built else "")

    def _on_driver_segment_started(self, _event: SegmentStarted) -> None:
        # Another page may be open for a look during a walk: every switch brings the coach back.
        if self._driver.is_active:
            self.tabs.setCurrentWidget(self.coach)

    def _on_driver_state_changed(self, state: State) -> None:
        active = self._driver.is_active
        if active:
            self._services.inhibitor.inhibit()
        else:
            self._services.inhibitor.release()
        self._pages.plan.setEnabled(not active)  # the editor too, built or not
        self._show_controls()
        if state is State.IDLE:
            self.coach.set_status("Press Space to start.")
        elif state in (State.RUNNING, State.GET_READY):
            self.coach.set_status("Space pauses, N skips, Esc stops.")
        elif state is State.PAUSED:
            session = self._driver.session
            where = f" in {segment_label(session.segment).lower()}" if session is not None else ""
            self.coach.set_status(self._paused_text or f"Paused{where}: press Space to resume.")

    def _on_driver_display_changed(self, progress: Progress) -> None:
        self.coach.show_progress(progress, self._picker.pick(progress))

    def _on_driver_paused(self, event: Paused) -> None:
        self._paused_text = gap_text(event.gap_s) if event.reason is PauseReason.GAP else ""
        if self._paused_text:
            log.warning("%s", self._paused_text)  # stderr, where the desktop session keeps it

    def _on_driver_resumed(self, _event: object) -> None:
        self._paused_text = ""

    def _on_driver_finished(self, event: SessionFinished) -> None:
        self._session_ended("Well done: the session is saved in your history.", event)

    def _on_driver_stopped(self, event: object) -> None:
        self._session_ended("Stopped: what you walked is saved as stopped.", event)

    def _session_ended(self, saved_text: str, _event: object) -> None:
        self.stop_guard.withdraw()
        recorder = self._walk.recorder if self._walk is not None else None
        self.walk_end.ended(recorder, saved_text, ask=not self._quitting)

    @property
    def checkin(self) -> CheckinDialog | None:
        """The check-in dialog after a walk, once it was opened."""
        return self.walk_end.checkin

    def _on_recorder_reported(self, message: str) -> None:
        self.notices.show_notice(
            "save", save_problem_text(message, self._services.history.journal_path)
        )

    # -- settings, controls, closing -----------------------------------------------------------

    def _remember_plan(self) -> None:
        if self._plan is not None:
            word = remembered_word(self._plan)
            if word != self._settings.last_plan:
                self._save_settings(dataclasses.replace(self._settings, last_plan=word))

    def _apply_settings(self, settings: Settings) -> None:
        # The engine and voice are chosen at start-up; the rest applies at once.
        if self._services.apply_theme is not None:
            self._services.apply_theme(settings.theme)
        self._services.sound.set_muted(settings.muted)
        self._services.sound.set_volume(settings.volume)
        self._services.sound.set_pips(settings.pips)
        self.controls.show_muted(settings.muted)
        self.coach.belt.units = Units(settings.units)
        self._picker = ReminderPicker(self._services.reminders, settings.reminder_rotation_s)
        self._save_settings(settings)
        self._load_walk()  # a new pips lead applies from the next session

    def _save_settings(self, settings: Settings) -> None:
        self._settings = settings
        try:
            self._services.settings_store.save(settings)
        except StorageError as error:
            self.notices.show_notice("settings", settings_problem_text(error))

    def _show_controls(self) -> None:
        session = self._driver.session
        state = session.state if session is not None else State.IDLE
        can_skip = session is not None and self._driver.is_active
        self.controls.show_state(state, can_start=self._plan is not None, can_skip=can_skip)

    def _on_programme_requested(self) -> None:
        if self._pages.programme is not None:
            self.pages.show(self._pages.programme)

    @property
    def plan(self) -> Plan | None:
        """The plan Start walks (None while the plan editor has a mistake)."""
        return self._plan

    def use_plan(self, plan: Plan) -> None:
        """Walk *plan* next (today's programme session); a session under way is left alone.

        A finished or stopped session stays on screen: Start loads the new plan.
        """
        self._plan = plan
        if self._pages.plan.is_built:
            editor = self._pages.plan_editor
            editor.blockSignals(True)  # its plan_changed would load the walk at once
            editor.set_plan(plan)
            editor.blockSignals(False)
        session = self._driver.session
        if session is None or session.state is State.IDLE:
            self._load_walk()
        self._show_controls()

    @property
    def started_up(self) -> bool:
        """Whether the history is read and the sound built (just after the first frame)."""
        return self._started_up

    @property
    def settings(self) -> Settings:
        """The settings in force."""
        return self._settings

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802  (Qt's name)
        self._remember_plan()
        if self._driver.is_active:
            # Quitting mid-session keeps what was walked, as Esc does, without the check-in.
            self._quitting = True
            self._driver.stop()
        self._services.inhibitor.release()
        event.accept()
