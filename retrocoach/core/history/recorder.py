"""Keeps a session in the history: journalled while it runs, saved the moment it ends."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Final

from retrocoach.core.clock import local_now
from retrocoach.core.errors import StorageError
from retrocoach.core.history.journal import checkpoint_line, header_line, segment_line
from retrocoach.core.history.journal_writer import SessionJournal
from retrocoach.core.history.outcome import outcome_of
from retrocoach.core.history.records import new_record_id
from retrocoach.core.history.store import HistoryStore, Outcome, RecordError, SessionRecord
from retrocoach.core.plan.model import Kind
from retrocoach.core.programme.mark import ProgrammeMark
from retrocoach.core.session.estimates import NO_BODY_MASS, EstimateBasis
from retrocoach.core.session.machine import (
    Event,
    Paused,
    Resumed,
    SegmentEnded,
    SegmentStarted,
    Session,
    SessionFinished,
    SessionStarted,
    SessionStopped,
    State,
)

__all__ = ["SessionRecorder"]

JOURNAL_EVERY_S: Final = 10.0
_LINE_BYTES: Final = 320
_MARGIN_BYTES: Final = 64 * 1024


class SessionRecorder:
    """A session listener that writes the session's journal and, at the end, its history record.

    The journal gains a line for each segment as it ends, and a checkpoint at every segment
    start, pause and resume and at least every ``journal_every_s`` seconds, so a crash or power
    cut loses at most that much walking; writing it costs the same at the end of a long session
    as at the start. At the end the real outcome is journalled, then the session is saved; only
    a save that reads back removes the journal. Failures never stop the session: each is told
    once through *report*, and the journal keeps the walk for the next start to recover.
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
        enrich: Sequence[Callable[[SessionRecord], SessionRecord]] = (),
    ) -> None:
        """*enrich*: what devices add to the record before it is saved (what they measured)."""
        self.store = store
        self._enrich = list(enrich)
        self._programme = programme
        self._basis = basis  # the energy estimate's body mass and backward factor
        self._report = report
        self._wall_clock = wall_clock
        self._every = journal_every_s
        self._id = new_record_id()
        self._started_at: datetime | None = None
        self._checkpoint_at: float | None = None
        self._done = 0
        self._ended = False
        """How many ended segments the journal holds."""
        self._journal: SessionJournal | None = None
        self._session: Session | None = None
        self._told: set[str] = set()
        self.saved: SessionRecord | None = None
        """The record saved when the session ended (None until then, or if saving failed)."""
        self.unsaved: SessionRecord | None = None
        """The record of a walk whose save failed (kept in its journal): still worth showing."""
        self.nothing_walked = False
        """True when the session was stopped before any walking: there was nothing to keep."""

    @property
    def journal_path(self) -> Path | None:
        """The file that keeps the session until it is saved (None if none could be written)."""
        return None if self._journal is None else self._journal.path

    def prepare(self, planned_s: float) -> None:
        """Before the walk's first step: make its journal, with room for *planned_s* of walking.

        DiskFullError if neither the data folder nor the spare folder has room (nor a free
        inode) for it: the walk could not be kept, and the walker must be told before starting.
        """
        self._journal = self.store.open_journal(self._id, self._all_lines)
        # A line every JOURNAL_EVERY_S and one per segment, twice over for pauses, plus a margin.
        lines = planned_s / max(self._every, 1.0) * 2 + 100
        self._journal.reserve(int(lines * _LINE_BYTES) + _MARGIN_BYTES)

    def on_events(self, session: Session, events: Sequence[Event], now: float) -> None:
        """Journal or save as the events require."""
        for event in events:
            if isinstance(event, SessionStarted):
                # Wall time of the start, even if this batch is handled a little later.
                self._started_at = self._wall_clock() - timedelta(seconds=now - event.at)
                self._session = session
                if self._journal is None:  # not prepared before the walk
                    self._journal = self.store.open_journal(self._id, self._all_lines)
                # A window on this folder waits while this session runs (see claim_journal);
                # without the claim the session is still journalled, in its own file.
                try:
                    self.store.try_claim()
                except StorageError as error:
                    self._tell(f"{error}; the session goes on, journalled")
        if self._started_at is None or self._ended:
            return
        if any(isinstance(e, SessionFinished | SessionStopped) for e in events):
            self._ended = True
            outcome = outcome_of(session.state is State.FINISHED, session.walked(now))
            self._save(session, now, outcome)
            return
        due = self._checkpoint_at is None or now - self._checkpoint_at >= self._every
        checkpoint = due or any(isinstance(e, SegmentStarted | Paused | Resumed) for e in events)
        if checkpoint or any(isinstance(e, SegmentEnded) for e in events):
            self._journal_lines(session, now, checkpoint=checkpoint)

    # -- the journal ---------------------------------------------------------------------------

    def _ended_at(self, session: Session, now: float) -> datetime:
        assert self._started_at is not None
        begin = session.started_at if session.started_at is not None else now
        end = session.ended_at if session.ended_at is not None else now
        return self._started_at + timedelta(seconds=max(0.0, end - begin))

    def _all_lines(self) -> list[bytes]:
        """The lines the journal holds so far, for a journal written afresh."""
        session, started_at = self._session, self._started_at
        assert session is not None
        assert started_at is not None
        at = self._wall_clock()
        start = SessionRecord.from_session(
            session,
            started_at=started_at,
            now=session.started_at or 0.0,
            outcome=Outcome.STOPPED,
            record_id=self._id,
        )
        start = dataclasses.replace(start, programme=self._programme)
        assert self._journal is not None
        lines = [header_line(start, self._basis, self._journal.walker)]
        lines += [segment_line(record, at) for record in session.records[: self._done]]
        return lines

    def _journal_lines(
        self, session: Session, now: float, *, checkpoint: bool, outcome: Outcome | None = None
    ) -> bool:
        assert self._journal is not None
        # Only what the journal lacks is copied: the cost stays flat however long the session.
        tail = session.walked(now, since=self._done)
        current = tail[-1] if tail and _under_way(session) else None
        ended = tail[:-1] if current is not None else tail
        done = self._done + len(ended)
        at = self._ended_at(session, now)
        lines = [segment_line(record, at) for record in ended]
        if checkpoint or outcome is not None:
            self._checkpoint_at = now
            lines.append(checkpoint_line(done, None if outcome else current, at, outcome))
        try:
            self._journal.append(lines)
        except StorageError as error:
            self._tell(f"The running session could not be journalled: {error}")
            return False  # the same segments are tried again next time
        self._done = done
        return True

    # -- the end -------------------------------------------------------------------------------

    def _save(self, session: Session, now: float, outcome: Outcome) -> None:
        assert self._started_at is not None
        assert self._journal is not None
        record = SessionRecord.from_session(
            session,
            started_at=self._started_at,
            now=now,
            outcome=outcome,
            record_id=self._id,
            basis=self._basis,
        )
        # The journal carries the mark too: a session recovered after a crash keeps it.
        record = dataclasses.replace(record, programme=self._programme)
        for add in self._enrich:
            record = add(record)
        if outcome is Outcome.STOPPED and not any(s.actual_s > 0 for s in record.segments):
            # Stopped during the get-ready countdown (or at once): an empty entry would only
            # clutter the history, so the journal goes and nothing is recorded.
            self.nothing_walked = True
            self._journal.close(remove=True)
            self.store.release_claim()
            return
        # The real outcome first: if the save fails, or the power goes during it, the journal
        # still says how the session ended.
        journalled = self._journal_lines(session, now, checkpoint=False, outcome=outcome)
        try:
            # Its journal may have been taken for an 'interrupted' walk while it ran (a copy in
            # its place): this record holds more of the walk, so it replaces that one.
            self.store.keep(record)
        except (StorageError, RecordError) as error:
            self._journal.close(remove=False)
            self.store.release_claim()
            where = self._journal.path
            kept = (
                f"it is kept in {where}, and the next start of RetroCoach that can save the "
                "history adds it"
                if journalled and where is not None
                else "no journal of it could be written either"
            )
            self._tell(f"The session could not be saved to the history: {error}; {kept}")
            self.unsaved = record
            return
        self._journal.close(remove=True)
        self.store.release_claim()
        self.saved = record
        # Another process on this folder may have died meanwhile: its walk is saved now, told
        # through the store's warn, rather than waiting for the next start.
        self.store.recover_journals()

    def _tell(self, message: str) -> None:
        if message not in self._told:
            self._told.add(message)
            self._report(message)


def _under_way(session: Session) -> bool:
    """Whether ``session.walked`` ends with a segment still being walked (as it decides)."""
    walking = session.state in (State.RUNNING, State.PAUSED, State.WAITING)
    return walking and session.segment.kind is not Kind.GETREADY
