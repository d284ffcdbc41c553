"""The session history: history.json, its schema version, and the journal of a running session."""

from __future__ import annotations

import contextlib
import dataclasses
import json
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Protocol

from retrocoach.core.atomic import (
    PRIVATE_FILE_MODE,
    CorruptFileError,
    StorageError,
    copy_aside,
    ensure_private_dir,
    parse_json_bytes,
    read_bytes,
    remove_stale_temps,
    storage_error,
    write_bytes_atomic,
)
from retrocoach.core.clock import local_now
from retrocoach.core.document import (
    RECORD_ERRORS,
    DocumentFile,
    FileState,
    Loaded,
    MigrationStep,
    NewerSchemaError,
    migrate,
)
from retrocoach.core.durations import format_duration
from retrocoach.core.record_fields import upgrade_v1
from retrocoach.core.records import Outcome, RecordError, SessionRecord

if TYPE_CHECKING:
    import filelock

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

SCHEMA_VERSION: Final = 2
MIGRATIONS: Final[Mapping[int, MigrationStep]] = {1: upgrade_v1}
"""One step per old schema version: MIGRATIONS[n] turns a version-n document into n + 1."""

LoadResult = Loaded[SessionRecord]


class UnknownSessionError(KeyError):
    """No session in the history has the given id."""


class JournalBusyError(Exception):
    """Another RetroCoach process is journalling a running session in the same data folder."""


class DataFolder(Protocol):
    """Anything that names the data folder, such as retrocoach.core.paths.DataPaths."""

    @property
    def data_dir(self) -> Path:
        """The folder that holds history.json and the journal."""
        ...


def describe_recovered(record: SessionRecord) -> str:
    """How a session recovered from a journal is told: when it began and what was walked."""
    walked = format_duration(record.forward_s + record.backward_s)
    when = record.started_at.strftime("%Y-%m-%d %H:%M")
    return f"kept the session interrupted on {when} ({walked} walked) as 'interrupted'"


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
    ) -> None:
        folder = location if isinstance(location, Path) else location.data_dir
        self.folder = folder
        self.journal_path = folder / "session.journal.json"
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
            schema_version=schema_version,
            migrations=migrations,
            warn=warn,
            wall_clock=wall_clock,
            lock_timeout_s=lock_timeout_s,
        )
        self._journal_lock: filelock.FileLock | None = None
        self._journal_id: str | None = None

    @property
    def path(self) -> Path:
        """history.json."""
        return self._file.path

    @property
    def journal_lock_path(self) -> Path:
        """Held by the process whose session the journal describes, for as long as it runs."""
        return self.journal_path.with_name(self.journal_path.name + ".lock")

    # -- the history -------------------------------------------------------------------------

    def load(self) -> LoadResult:
        """Read the history, never changing the file; see Loaded.state and .warnings."""
        return self._file.load()

    def sessions(self) -> tuple[SessionRecord, ...]:
        """Every readable session, in the order they were recorded."""
        return self._file.load().items

    def add(self, record: SessionRecord) -> None:
        """Append *record*; if the journal holds this session, the journal is cleared after."""
        with self._file.editing() as records:
            if any(existing.id == record.id for existing in records):
                raise RecordError(f"a session with id {record.id} is already recorded")
            records.append(record)
        if self._journal_id == record.id:
            self.clear_journal()

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

    # -- the journal ---------------------------------------------------------------------------

    def claim_journal(self) -> SessionRecord | None:
        """Take the journal lock for a session about to start, until clear_journal().

        Raises JournalBusyError if another RetroCoach process is walking a session in this
        folder, and StorageError if the lock cannot be made. A journal left by a process that
        died after this one started is recovered first, never overwritten: the recovered
        session is returned (None if there was none). Claiming twice is harmless.
        """
        import filelock  # noqa: PLC0415  (slow to import: only saving locks)

        if self._journal_lock is not None:
            return None
        lock = self._journal_lock_file()
        try:
            ensure_private_dir(self.folder)
            lock.acquire(timeout=0)
        except filelock.Timeout:  # before OSError: Timeout is a TimeoutError
            raise JournalBusyError(
                f"another RetroCoach session is running with the data folder {self.folder}"
            ) from None
        except OSError as error:
            raise storage_error(self.journal_path, error, "write", "the session goes on") from error
        self._journal_lock = lock
        try:
            return self._recover_locked()
        except (StorageError, NewerSchemaError) as error:
            # Told, not raised: the walk goes on, and its own journal replaces the leftover
            # only if the disk takes writes again, as it did before this claim existed.
            self._warn(f"an interrupted session could not be recovered yet: {error}")
            return None

    def write_journal(self, record: SessionRecord) -> None:
        """Save the session in progress, atomically; call at each segment start and every 10 s.

        The first call claims the journal (see claim_journal), so another RetroCoach starting
        meanwhile knows the session is alive. Raises JournalBusyError if another process holds
        it, and StorageError if the disk refuses the write.
        """
        recovered = self.claim_journal()
        if recovered is not None:
            # The recorder has no words of its own for another process's session: tell here.
            self._warn(f"another RetroCoach ended without saving: {describe_recovered(recovered)}")
        if self._journal_id not in (None, record.id) and self.journal_path.exists():
            self._keep_unsaved_journal()
        self._journal_id = record.id
        document = {"schema_version": self._version, "session": record.to_json()}
        data = (json.dumps(document, allow_nan=False) + "\n").encode("ascii")
        write_bytes_atomic(self.journal_path, data, keep_backup=False)

    def _keep_unsaved_journal(self) -> None:
        """This store's previous session could not be saved: recover it before journalling anew.

        Its journal is the only copy. If it still cannot be saved, it stays as it is and the new
        session goes unjournalled (StorageError) rather than writing over it.
        """
        try:
            self._recover_locked()
        except (StorageError, NewerSchemaError) as error:
            raise StorageError(
                f"the previous session is still only in {self.journal_path.name}, which is kept "
                f"({error}); this session will be saved when it ends, but not journalled",
                self.journal_path,
            ) from None

    def clear_journal(self) -> None:
        """Remove the journal (the session is saved or abandoned) and release its lock."""
        try:
            self.journal_path.unlink(missing_ok=True)
        except OSError as error:
            raise storage_error(self.journal_path, error, "remove", "it stays for now") from error
        finally:
            if self._journal_lock is not None:
                self._journal_lock.release()
            self._journal_lock = None
            self._journal_id = None

    def recover_journal(self) -> SessionRecord | None:
        """Turn a journal left by a crash into an ``interrupted`` session in the history.

        Call at the start of every command. Returns the recovered session, or None if there was
        nothing to recover (no journal, a live session's journal, or one already recorded).
        """
        if self._journal_lock is not None or not self.journal_path.exists():
            return None
        import filelock  # noqa: PLC0415  (as in write_journal)

        probe = self._journal_lock_file()
        try:
            probe.acquire(timeout=0)
        except filelock.Timeout:  # before OSError: Timeout is a TimeoutError
            return None  # its session is still running in another process
        except OSError as error:
            raise storage_error(self.journal_path, error, "recover", "it was left") from error
        try:
            return self._recover_locked()
        finally:
            probe.release()

    def _recover_locked(self) -> SessionRecord | None:
        remove_stale_temps(self.journal_path)
        raw = read_bytes(self.journal_path)
        if raw is None:
            return None
        try:
            record = self._parse_journal(raw)
        except (CorruptFileError, *RECORD_ERRORS) as error:
            copy = copy_aside(self.journal_path, raw, self._wall_clock())
            self._warn(
                f"the journal of an unfinished session could not be read ({error}); "
                f"a copy is kept as {copy}"
            )
            self._remove_journal()
            return None
        if record is None:
            return None
        recovered = dataclasses.replace(record, outcome=Outcome.INTERRUPTED)
        with self._file.editing() as records:
            # A crash between saving a session and clearing its journal leaves both.
            already_saved = any(existing.id == recovered.id for existing in records)
            if not already_saved:
                records.append(recovered)
        self._remove_journal()
        # The caller tells the user about a recovered session; it knows how to word it.
        return None if already_saved else recovered

    def _parse_journal(self, raw: bytes) -> SessionRecord | None:
        document = parse_json_bytes(raw)
        if not isinstance(document, dict):
            raise CorruptFileError("it is not a JSON object")
        version = document.get("schema_version")
        if isinstance(version, int) and not isinstance(version, bool) and version > self._version:
            self._warn(
                f"{self.journal_path} was written by a newer RetroCoach; it is left untouched"
            )
            return None
        if not isinstance(version, int) or not 1 <= version <= self._version:
            # Sessions read from any known version: keys added since then read as unknown.
            raise CorruptFileError("it has no schema_version this RetroCoach knows")
        return SessionRecord.from_json(document.get("session"))

    def _remove_journal(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.journal_path.unlink()

    def _journal_lock_file(self) -> filelock.FileLock:
        import filelock  # noqa: PLC0415  (as in write_journal)

        return filelock.FileLock(self.journal_lock_path, mode=PRIVATE_FILE_MODE)
