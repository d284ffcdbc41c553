"""Each walk the window starts: a fresh session with its cue listener and its recorder."""

from __future__ import annotations

from collections.abc import Callable

from retrocoach.core.history.recorder import SessionRecorder
from retrocoach.core.history.store import HistoryStore
from retrocoach.core.plan.model import Plan
from retrocoach.core.programme.model import ProgrammeMark
from retrocoach.core.session.cues import countdown_for
from retrocoach.core.session.machine import Session
from retrocoach.core.settings.store import Settings
from retrocoach.ui.coach.session_driver import SessionListener
from retrocoach.ui.window.parts import Walk

__all__ = ["WalkMaker"]


class WalkMaker:
    """Builds each session with its recorder and the cue listener (the window's WalkFactory)."""

    def __init__(
        self,
        history: HistoryStore,
        cues: SessionListener,
        mark_for: Callable[[Plan], ProgrammeMark | None] = lambda _plan: None,
    ) -> None:
        self._history = history
        self._cues = cues
        self._mark_for = mark_for

    def __call__(
        self, plan: Plan, settings: Settings, report: Callable[[str], None], *, record: bool
    ) -> Walk:
        """A fresh session of *plan*; *record* False leaves the history alone."""
        session = Session(plan, countdown_s=countdown_for(settings.pips))
        recorder = (
            SessionRecorder(
                self._history,
                report=report,
                programme=self._mark_for(plan),
                basis=settings.estimate_basis,
            )
            if record
            else None
        )
        # Cues first: writing a cue never blocks, but the journal's fsync can take tens of ms
        # (the first one also creates its lock file), which would make every switch late.
        listeners: list[SessionListener] = [self._cues]
        if recorder is not None:
            listeners.append(recorder)
        return Walk(session, recorder, tuple(listeners))
