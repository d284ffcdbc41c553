"""Keeps a session in the history: journalled while it runs, saved the moment it ends."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Final

from retrocoach.core.clock import local_now
from retrocoach.core.estimates import NO_BODY_MASS, EstimateBasis
from retrocoach.core.history import (
    HistoryStore,
    JournalBusyError,
    NewerSchemaError,
    Outcome,
    SessionRecord,
    StorageError,
)
from retrocoach.core.outcome import outcome_of
from retrocoach.core.programme_mark import ProgrammeMark
from retrocoach.core.session import (
    Event,
    Paused,
    Resumed,
    SegmentStarted,
    Session,
    SessionFinished,
    SessionStarted,
    SessionStopped,
    State,
)

__all__ = ["SessionRecorder"]

JOURNAL_EVERY_S: Final = 10.0
_SAVE_ERRORS = (StorageError, NewerSchemaError, JournalBusyError)


class SessionRecorder:
    """A session listener that writes the journal and, at the end, the history record.

    The journal is rewritten at every segment start, pause and resume, and at least every
    ``journal_every_s`` seconds, so a crash or power cut loses at most that much walking.
    Failures never stop the session: each is told once through *report*.
    """

    def __init__(
        self,
        store: HistoryStore,
        *,
        report: Callable[[str], None],
        wall_clock: Callable[[], datetime] = local_now,
        journal_every_s: float = JOURNAL_EVERY_S,
        programme: ProgrammeMark | None = None,
        basis: EstimateBasis = NO_BODY_MASS,
    ) -> None:
        self.store = store
        self._programme = programme
        self._report = report
        self._wall_clock = wall_clock
        self._every = journal_every_s
        self._basis = basis  # the energy estimate's body mass and backward factor
        self._id = uuid.uuid4().hex
        self._started_at: datetime | None = None
        self._journalled_at: float | None = None
        self._told: set[str] = set()
        self.saved: SessionRecord | None = None
        """The record saved when the session ended (None until then, or if saving failed)."""
        self.nothing_walked = False
        """True when the session was stopped before any walking: there was nothing to keep."""

    def on_events(self, session: Session, events: Sequence[Event], now: float) -> None:
        """Journal or save as the events require."""
        for event in events:
            if isinstance(event, SessionStarted):
                # Wall time of the start, even if this batch is handled a little later.
                self._started_at = self._wall_clock() - timedelta(seconds=now - event.at)
        if self._started_at is None:
            return
        if any(isinstance(e, SessionFinished | SessionStopped) for e in events):
            outcome = outcome_of(session.state is State.FINISHED, session.walked(now))
            self._save(session, now, outcome)
            return
        due = self._journalled_at is None or now - self._journalled_at >= self._every
        if due or any(isinstance(e, SegmentStarted | Paused | Resumed) for e in events):
            self._journal(session, now)

    def _record(self, session: Session, now: float, outcome: Outcome) -> SessionRecord:
        assert self._started_at is not None
        record = SessionRecord.from_session(
            session,
            started_at=self._started_at,
            now=now,
            outcome=outcome,
            record_id=self._id,
            basis=self._basis,
        )
        # The journal carries the mark too: a session recovered after a crash keeps it.
        return dataclasses.replace(record, programme=self._programme)

    def _journal(self, session: Session, now: float) -> None:
        self._journalled_at = now
        try:
            self.store.write_journal(self._record(session, now, Outcome.INTERRUPTED))
        except _SAVE_ERRORS as error:
            self._tell(f"The running session could not be journalled: {error}")

    def _save(self, session: Session, now: float, outcome: Outcome) -> None:
        record = self._record(session, now, outcome)
        if outcome is Outcome.STOPPED and not any(s.actual_s > 0 for s in record.segments):
            # Stopped during the get-ready countdown (or at once): an empty entry would only
            # clutter the history, so the journal goes and nothing is recorded.
            self.nothing_walked = True
            try:
                self.store.clear_journal()
            except _SAVE_ERRORS as error:
                self._tell(f"The empty session's journal could not be removed: {error}")
            return
        try:
            self.store.add(record)
        except _SAVE_ERRORS as error:
            self._tell(f"The session could not be saved to the history: {error}")
            return
        self.saved = record

    def _tell(self, message: str) -> None:
        if message not in self._told:
            self._told.add(message)
            self._report(message)
