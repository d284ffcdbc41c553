"""The window's session flow: the walk built from the plan, shown as it runs, ended and saved."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from retrocoach.core.history.store import JournalBusyError, StorageError
from retrocoach.core.plan.model import Plan
from retrocoach.core.safety.picker import ReminderPicker
from retrocoach.core.session.cues import Cue
from retrocoach.core.session.machine import (
    Paused,
    PauseReason,
    Progress,
    SegmentStarted,
    SessionFinished,
    State,
)
from retrocoach.core.session.words import GO_WORDS, segment_word
from retrocoach.core.settings.store import Settings
from retrocoach.core.speeds import Units
from retrocoach.ui.dialogs.prompts import walk_unsaved_agreed
from retrocoach.ui.window.frame import WindowFrame
from retrocoach.ui.window.messages import (
    busy_text,
    gap_text,
    recovered_text,
    save_problem_text,
    sound_fault_text,
)
from retrocoach.ui.window.parts import Walk, WindowPages, WindowServices
from retrocoach.ui.window.stop_guard import StopGuard
from retrocoach.ui.window.walk_end import WalkEnd

if TYPE_CHECKING:
    from retrocoach.ui.dialogs.checkin import CheckinDialog

__all__ = ["SessionFlow"]

IDLE_STATES: Final = (State.IDLE, State.FINISHED, State.STOPPED)
log = logging.getLogger(__name__)


class SessionFlow(QObject):
    """Loads the plan's walk into the driver, follows it on the coach, and ends it.

    The window keeps the keys, pages and settings; this keeps the plan Start walks, the walk
    built from it, and what the coach, controls and notices say while it runs.
    """

    def __init__(
        self,
        services: WindowServices,
        pages: WindowPages,
        frame: WindowFrame,
        *,
        settings: Callable[[], Settings],
        plan: Plan | None,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._pages = pages
        self._driver = services.driver
        self._coach = frame.coach
        self._notices = frame.notices
        self._controls = frame.controls
        self._tabs = frame.tabs
        self._settings = settings
        self.plan = plan
        """The plan Start walks (None while the plan editor has a mistake)."""
        chosen = settings()
        self.picker = ReminderPicker(
            services.reminders, chosen.reminder_rotation_s, Units(chosen.units)
        )
        # Nothing is recorded until the history is read, just after the first frame: the walk
        # built for that frame only shows the plan (MainWindow._finish_start_up).
        self.recording = False
        self.quitting = False
        self._walk: Walk | None = None
        self._paused_text = ""
        self.stop_guard = StopGuard(services.driver.clock.now, parent=parent)
        self.walk_end = WalkEnd(
            parent,
            self._coach,
            self._notices,
            services.history,
            pages.refresh_history,
            book=services.reminders,
        )
        driver = self._driver
        driver.state_changed.connect(self._on_driver_state_changed)
        driver.segment_started.connect(self._on_driver_segment_started)
        driver.display_changed.connect(self._on_driver_display_changed)
        driver.paused.connect(self._on_driver_paused)
        driver.resumed.connect(self._on_driver_resumed)
        driver.finished.connect(self._on_driver_finished)
        driver.stopped.connect(self._on_driver_stopped)
        pages.plan.built.connect(self._on_plan_page_built)
        # Esc and Ctrl+Q during a walk
        self.stop_guard.asked.connect(self._on_stop_guard_asked)
        self.stop_guard.lapsed.connect(self._on_stop_guard_lapsed)
        # The sound: faults in a banner, a flash for every cue nobody will hear
        alerts = services.alerts
        if alerts is not None:
            alerts.fault_reported.connect(self._on_alerts_fault_reported)
            alerts.cue_unheard.connect(self._on_alerts_cue_unheard)

    @property
    def can_start_fresh(self) -> bool:
        """Whether Space starts a walk (none is under way) rather than pausing or resuming."""
        session = self._driver.session
        return session is None or session.state in IDLE_STATES

    def load_walk(self) -> None:
        """Build a fresh walk of the plan, unless a walk is under way or there is no plan."""
        if self.plan is None or self._driver.is_active:
            return
        self._walk = self._services.new_walk(
            self.plan, self._settings(), self._on_recorder_reported, record=self.recording
        )
        self._driver.load(self._walk.session, self._walk.listeners)
        warning = " ".join(self.plan.warnings())  # a fast backward belt: allowed, but said
        self._notices.show_notice("belt", warning) if warning else self._notices.dismiss("belt")

    def prepare_start(self) -> bool:
        """Load the plan's walk if the one loaded is stale, and claim its journal."""
        session = self._driver.session
        if session is None or session.is_over or session.plan != self.plan:
            self.load_walk()
        return self._claim_journal() and self._room_to_keep()

    def _room_to_keep(self) -> bool:
        """Make the walk's journal before its first step; with no room, the walker chooses."""
        walk, plan = self._walk, self.plan
        if walk is None or walk.recorder is None or plan is None:
            return True
        try:
            walk.recorder.prepare(plan.total_s)
        except StorageError as error:
            if not walk_unsaved_agreed(self._coach, str(error)):
                self._coach.set_status("Nothing was walked: free some disk space, then Start.")
                return False
            self._notices.show_notice("save", "This walk is not being saved: the disk is full.")
        return True

    def _claim_journal(self) -> bool:
        """One session at a time per data folder: False, and told, if another is under way."""
        walk = self._walk
        if walk is None or walk.recorder is None:
            return True  # this session writes nothing
        history = self._services.history
        try:
            recovered = history.claim_journal()
        except JournalBusyError:
            self._notices.show_notice("busy", busy_text(history.folder))
            self._coach.set_status("Another RetroCoach is walking a session: see the notice.")
            return False
        except StorageError:
            return True  # the recorder tells, once, when the journal cannot be written
        self._notices.dismiss("busy")
        if recovered is not None:  # another window or terminal died mid-session meanwhile
            self._notices.show_notice("recovered", recovered_text(recovered))
            self._pages.refresh_history()
        return True

    def use_plan(self, plan: Plan, *, fresh: bool = False) -> None:
        """Walk *plan* next; a session under way is left alone.

        A finished or stopped walk stays shown (its summary) unless *fresh*: the walker asked
        for this plan now (a programme started, today's session loaded), and an old "STOPPED"
        would say the new plan had been stopped.
        """
        self.plan = plan
        if self._pages.plan.is_built:
            editor = self._pages.plan_editor
            editor.blockSignals(True)  # its plan_changed would load the walk at once
            editor.set_plan(plan)
            editor.blockSignals(False)
        session = self._driver.session
        if session is None or session.state is State.IDLE or (fresh and session.is_over):
            self.load_walk()
            if fresh:
                self._coach.set_status("Press Space to start.", hint=True)
        self.show_controls()

    # -- the plan editor -----------------------------------------------------------------------

    def _on_plan_page_built(self, _editor: QWidget) -> None:
        self._pages.plan_editor.plan_changed.connect(self._on_plan_editor_plan_changed)
        self._pages.plan_editor.problem_changed.connect(self._on_plan_editor_problem_changed)

    def _on_plan_editor_plan_changed(self, plan: Plan | None) -> None:
        self.plan = plan
        if not self._driver.is_active:
            if plan is None:
                self.show_plan_problem()
            else:
                self.load_walk()
                self._coach.set_status("Press Space to start.", hint=True)
            self.show_controls()

    def _on_plan_editor_problem_changed(self, _problem: str) -> None:
        # One mistake can follow another while the plan stays unwalkable (100 rounds, then 1000).
        if self.plan is None and not self._driver.is_active:
            self.show_plan_problem()

    def show_plan_problem(self) -> None:
        """Say on the coach that the plan cannot be walked, and where the editor says why."""
        built = self._pages.plan.is_built
        self._coach.show_plan_problem(self._pages.plan_editor.problem if built else "")

    # -- the session as it runs ----------------------------------------------------------------

    def _on_driver_segment_started(self, _event: SegmentStarted) -> None:
        # Another page may be open for a look during a walk: every switch brings the coach back.
        if self._driver.is_active:
            self._tabs.setCurrentWidget(self._coach)

    def _on_driver_state_changed(self, state: State) -> None:
        active = self._driver.is_active
        if active:
            self._services.inhibitor.inhibit()
        else:
            self._services.inhibitor.release()
        self._pages.plan.setEnabled(not active)  # the editor too, built or not
        self.show_controls()
        if state is State.IDLE:
            self._coach.set_status("Press Space to start.", hint=True)
        elif state in (State.RUNNING, State.GET_READY):
            self._coach.set_status("Space pauses, N skips, Esc stops.", hint=True)
        elif state is State.WAITING:
            self._coach.set_status(f"{GO_WORDS.capitalize()}.")
        elif state is State.PAUSED:
            session = self._driver.session
            where = f" in {segment_word(session.segment).lower()}" if session is not None else ""
            paused = f"Paused{where}: press Space to resume."
            self._coach.set_status(self._paused_text or paused, hint=not self._paused_text)

    def _on_driver_display_changed(self, progress: Progress) -> None:
        self._coach.show_progress(progress, self.picker.pick(progress))

    def _on_driver_paused(self, event: Paused) -> None:
        self._paused_text = gap_text(event.gap_s) if event.reason is PauseReason.GAP else ""
        if self._paused_text:
            log.warning("%s", self._paused_text)  # stderr, where the desktop session keeps it

    def _on_driver_resumed(self, _event: object) -> None:
        self._paused_text = ""

    def _on_driver_finished(self, event: SessionFinished) -> None:
        self._session_ended(event)

    def _on_driver_stopped(self, event: object) -> None:
        self._session_ended(event)

    def _session_ended(self, _event: object) -> None:
        self.stop_guard.withdraw()
        recorder = self._walk.recorder if self._walk is not None else None
        self.walk_end.ended(recorder, ask=not self.quitting)

    @property
    def checkin(self) -> CheckinDialog | None:
        """The check-in dialog after a walk, once it was opened."""
        return self.walk_end.checkin

    def _on_stop_guard_asked(self, question: str) -> None:
        self._tabs.setCurrentWidget(self._coach)
        self._coach.ask(question)
        if not self._services.sound.prompt(Cue.CONFIRM_STOP):
            self._coach.flash()  # heard by nobody: seen instead

    def _on_stop_guard_lapsed(self) -> None:
        self._coach.ask("")

    def _on_alerts_fault_reported(self, message: str) -> None:
        self._notices.show_notice("sound", sound_fault_text(message))

    def _on_alerts_cue_unheard(self, _cue: str) -> None:
        self._coach.flash()

    def _on_recorder_reported(self, message: str) -> None:
        self._notices.show_notice(
            "save", save_problem_text(message, self._services.history.journal_path)
        )

    def show_controls(self) -> None:
        """Enable the buttons that do something in the session's state."""
        session = self._driver.session
        state = session.state if session is not None else State.IDLE
        can_skip = session is not None and self._driver.is_active
        self._controls.show_state(state, can_start=self.plan is not None, can_skip=can_skip)
