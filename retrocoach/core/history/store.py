"""The session history: history.json, its schema version, and the journal of a running session."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, Final, Protocol, TypeVar

from retrocoach.core.clock import local_now
from retrocoach.core.errors import JournalBusyError, NewerSchemaError, StorageError
from retrocoach.core.history.journal_writer import SessionJournal
from retrocoach.core.history.lines import (
    checked_history,
    earlier_in,
    in_time_order,
    programme_walks_in,
    session_strings,
)
from retrocoach.core.history.measured import upgrade_v2
from retrocoach.core.history.merging import Kept, covers, keep_in
from retrocoach.core.history.parsing import upgrade_v1
from retrocoach.core.history.records import Outcome, RecordError, SessionRecord
from retrocoach.core.history.recovery import JournalRecovery, describe_recovered
from retrocoach.core.history.walker import WalkLock, runtime_folder
from retrocoach.core.storage.digest import sha256_hex
from retrocoach.core.storage.document import DocumentFile, FileState, Loaded, MigrationStep, migrate
from retrocoach.core.storage.files import collector_paused
from retrocoach.core.storage.lazy import VouchedLineError
from retrocoach.core.storage.locks import LockFile

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "FileState",
    "HistoryStore",
    "JournalBusyError",
    "LoadResult",
    "NewerSchemaError",
    "Outcome",
    "RecordError",
    "SessionRecord",
    "StorageError",
    "UnknownSessionError",
    "describe_recovered",
    "migrate_history",
]

SCHEMA_VERSION: Final = 3
MIGRATIONS: Final[Mapping[int, MigrationStep]] = {1: upgrade_v1, 2: upgrade_v2}
"""One step per old schema version: MIGRATIONS[n] turns a version-n document into n + 1."""

LoadResult = Loaded[SessionRecord]
T = TypeVar("T")


class UnknownSessionError(KeyError):
    """No session in the history has the given id."""


class DataFolder(Protocol):
    """Anything that names the data folder, such as retrocoach.core.storage.paths.DataPaths."""

    @property
    def data_dir(self) -> Path:
        """The folder that holds history.json and the journal."""
        ...


def migrate_history(document: dict[str, Any]) -> dict[str, Any]:
    """Bring a history document of any known schema version up to SCHEMA_VERSION."""
    return migrate(document, current=SCHEMA_VERSION, steps=MIGRATIONS)


class HistoryStore:
    """history.json in a data folder, plus the journal of the session in progress.

    Every change is a locked read-modify-write, so RetroCoach processes saving at the same time
    all land. Problems with the file are told, one line each, through *warn*.
    """

    def __init__(
        self,
        location: DataFolder | Path,
        *,
        warn: Callable[[str], None],
        wall_clock: Callable[[], datetime] = local_now,
        lock_timeout_s: float = 10.0,
        schema_version: int = SCHEMA_VERSION,
        migrations: Mapping[int, MigrationStep] = MIGRATIONS,
        runtime_dir: Path | None = None,
    ) -> None:
        folder = location if isinstance(location, Path) else location.data_dir
        self.folder = folder
        self._warn = warn
        self._wall_clock = wall_clock
        self._version = schema_version
        self._file: DocumentFile[SessionRecord] = DocumentFile(
            folder / "history.json",
            list_key="sessions",
            noun="sessions",
            parse_item=SessionRecord.from_json,
            dump_item=SessionRecord.to_json,
            item_key=lambda record: record.id,
            item_strings=session_strings,
            schema_version=schema_version,
            migrations=migrations,
            warn=warn,
            wall_clock=wall_clock,
            lock_timeout_s=lock_timeout_s,
            # A long history is read line by line, only as far as needed, once it was checked
            # whole; only for the current schema, which is what the certificate is made for.
            checked=checked_history(folder) if schema_version == SCHEMA_VERSION else None,
        )
        self._runtime = runtime_folder() if runtime_dir is None else runtime_dir
        # Where a walk is journalled when the data folder is full: the runtime folder is on
        # another file system (a tmpfs) on most systems. One folder per data folder.
        digest = sha256_hex(os.fsencode(os.path.realpath(folder)))[:16]
        self.spare_folder = self._runtime / "journals" / digest
        self._recovery = JournalRecovery(
            folder,
            spare=self.spare_folder,
            save=self.keep,
            holds=self.holds,
            warn=warn,
            wall_clock=wall_clock,
            legacy_versions=range(1, schema_version + 1),
        )
        self._claim: LockFile | None = None
        self._journal: SessionJournal | None = None

    @property
    def path(self) -> Path:
        """history.json."""
        return self._file.path

    @property
    def journal_path(self) -> Path:
        """Where this store's latest session is journalled (the data folder before it is)."""
        journal = self._journal
        return journal.path if journal is not None and journal.path is not None else self.folder

    # -- the history -------------------------------------------------------------------------

    def load(self) -> LoadResult:
        """Read the history, never changing the file; see Loaded.state and .warnings."""
        with collector_paused():
            return self._file.load()

    def sessions(self) -> Sequence[SessionRecord]:
        """Every readable session, in the order they were recorded."""
        with collector_paused():
            return self._file.load().items

    def add(self, record: SessionRecord) -> None:
        """Append *record*; the save is read back before this returns (UnverifiedSaveError)."""
        with collector_paused():
            if not self._file.add_new(record):
                raise RecordError(f"a session with id {record.id} is already recorded")

    def keep(self, record: SessionRecord) -> Kept:
        """Add *record*, or let it replace the record of the same walk if that holds less.

        A walk's journal may have been recovered while it still ran (a copy in its place, say):
        the walk's own record, holding more, replaces the early one. Nothing is written when
        the history already holds everything *record* holds (Kept.HELD). Read back before
        this returns (UnverifiedSaveError).
        """
        with collector_paused():
            if self._file.add_new(record):
                return Kept.ADDED
            with self._file.editing() as records:
                # A crash between saving a session and removing its journal leaves both.
                return keep_in(records, record)

    def export_json(self) -> bytes:
        """Every readable session, oldest first, in history.json's own shape (an export).

        A checked history whose lines are already what the export writes is not rebuilt.
        """
        return self._reading(lambda items: self._file.exported(in_time_order(items)))

    def programme_walks(self) -> Sequence[SessionRecord]:
        """Every readable session walked in a programme, in the order they were recorded."""
        return self._reading(programme_walks_in)

    def earlier_walks(self, record: SessionRecord, count: int) -> list[SessionRecord]:
        """Up to *count* walks started before *record* (itself left out), the latest last:
        those summarise() compares it with."""
        return self._reading(lambda items: earlier_in(items, record, count))

    def forget(self) -> None:
        """Read history.json afresh at the next load (a line read by line did not read)."""
        self._file.forget()

    def _reading(self, use: Callable[[Sequence[SessionRecord]], T]) -> T:
        """What *use* makes of every readable session, changing nothing.

        A line a certificate vouched for that does not read (it lied; it is withdrawn then)
        costs a whole read at once, told as any damaged file is, as the next start would do:
        the Programme page, the coach's programme line and a walk's summary go on.
        """
        with collector_paused():
            try:
                return use(self._file.load().items)
            except VouchedLineError:
                self.forget()
                return use(self._file.load().items)

    def holds(self, record: SessionRecord) -> bool:
        """Whether the history holds everything *record* holds (its walk, as far or further)."""
        return self._reading(
            lambda items: any(
                existing.id == record.id and covers(existing, record) for existing in items
            )
        )

    def update(self, record: SessionRecord) -> None:
        """Replace the session with *record*'s id (after a check-in adds notes and effort)."""
        with self._file.editing() as records:
            records[self._position(records, record.id)] = record

    def delete(self, record_id: str) -> None:
        """Remove the session with *record_id*."""
        with self._file.editing() as records:
            del records[self._position(records, record_id)]

    @staticmethod
    def _position(records: list[SessionRecord], record_id: str) -> int:
        for index, existing in enumerate(records):
            if existing.id == record_id:
                return index
        raise UnknownSessionError(record_id)

    # -- the journals ------------------------------------------------------------------------

    def open_journal(
        self, session_id: str, rebuild: Callable[[], Sequence[bytes]]
    ) -> SessionJournal:
        """The journal for a session about to start (its file is made at the first append)."""
        walk_lock = WalkLock(self._runtime, session_id)
        self._journal = SessionJournal(
            self.folder, session_id, rebuild, walk_lock, spare=self.spare_folder
        )
        return self._journal

    def claim_journal(self) -> SessionRecord | None:
        """Claim the data folder for a session about to start, until release_claim().

        One window walks at a time per data folder: JournalBusyError if another process holds
        the claim, StorageError if it cannot be made. Journals left meanwhile by processes
        that died are recovered first; the latest recovered session is returned (the others
        are told through *warn*). Claiming twice is harmless.
        """
        if not self.try_claim():
            raise JournalBusyError(
                f"another RetroCoach session is running with the data folder {self.folder}",
                self.folder,
            )
        recovered = self.recover_journals(tell=False)
        for record in recovered[:-1]:
            self._warn(describe_recovered(record))
        return recovered[-1] if recovered else None

    def try_claim(self) -> bool:
        """Claim the data folder if no other process has: False if one has (see claim_journal)."""
        if self._claim is None:
            # The lock older versions held while journalling: they and we exclude each other.
            claim = LockFile(self._recovery.legacy_lock_path)
            if not claim.try_acquire():
                return False
            self._claim = claim
        return True

    def release_claim(self) -> None:
        """Let another window start a session in this data folder."""
        claim, self._claim = self._claim, None
        if claim is not None:
            claim.release()

    def recover_journals(self, *, tell: bool = True) -> list[SessionRecord]:
        """Put every session left in a journal nobody holds into the history, each once.

        Call at the start of every command. A journal whose session cannot be saved yet stays
        for a later start, and that is told; with *tell*, so is each recovered session.
        """
        recovered, failures = self._recovery.recover_all()
        for error in failures:
            self._warn(f"an unfinished session could not be recovered yet: {error}")
        if tell:
            for record in recovered:
                self._warn(describe_recovered(record))
        return recovered
