"""Sessions left in journals (by a crash, a kill, a failed save) put safely into the history."""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import os
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Final

from retrocoach.core.durations import format_walked
from retrocoach.core.errors import CorruptFileError, StorageError
from retrocoach.core.history.journal import (
    JOURNAL_GLOB,
    LEGACY_JOURNAL,
    NewerJournalError,
    parse_journal,
)
from retrocoach.core.history.merging import Kept
from retrocoach.core.history.records import Outcome, SessionRecord
from retrocoach.core.history.walker import walk_alive
from retrocoach.core.storage.files import (
    MAX_DATA_FILE_BYTES,
    copy_aside,
    kept_copy,
    open_regular,
    parse_json_bytes,
    read_fd,
)
from retrocoach.core.storage.locks import LockFile

__all__ = ["JournalRecovery", "describe_recovered"]

_BUSY: Final = (BlockingIOError, PermissionError)


def describe_recovered(record: SessionRecord) -> str:
    """How a session recovered from a journal is told: when it began and what was walked."""
    walked = format_walked(record.forward_s, record.backward_s)[0]
    when = record.started_at.strftime("%Y-%m-%d %H:%M")
    if record.outcome is Outcome.INTERRUPTED:
        return f"kept the session interrupted on {when} ({walked} walked) as 'interrupted'"
    return (
        f"saved the session of {when} ({walked} walked, {record.outcome.value}) that could not "
        "be saved when it ended"
    )


def describe_completed(record: SessionRecord) -> str:
    """How a journal that held more of a walk already in the history is told."""
    walked = format_walked(record.forward_s, record.backward_s)[0]
    when = record.started_at.strftime("%Y-%m-%d %H:%M")
    return f"completed the session of {when} in your history from its journal ({walked} walked)"


class JournalRecovery:
    """Finds the journals of walks that are over; saves each session once, then its journal goes.

    A walk is over when no process holds its journal's lock and the walker its header names is
    gone (see walker.py): a copy put in place of a running walk's journal is never taken.
    *save* adds a record to the history, or lets it replace a record of the same walk that
    holds less, checks that it reads back, and says which (Kept). *holds* says whether the
    history holds everything a record holds. A journal is deleted only when the history holds
    everything in it: after *save* returns, or at once for a copy of what is saved already.
    A journal that cannot be read or is not understood is copied aside byte for byte and left
    where it is, never deleted or written over.
    """

    def __init__(
        self,
        folder: Path,
        *,
        save: Callable[[SessionRecord], Kept],
        holds: Callable[[SessionRecord], bool],
        warn: Callable[[str], None],
        wall_clock: Callable[[], datetime],
        legacy_versions: range,
        spare: Path | None = None,
    ) -> None:
        self.folder = folder
        self.spare = spare
        """Where walks were journalled while the data folder was full (see SessionJournal)."""
        self._legacy_versions = legacy_versions
        """The history schema versions an older RetroCoach wrote its one journal in."""
        self._save = save
        self._holds = holds
        self._warn = warn
        self._wall_clock = wall_clock

    @property
    def legacy_path(self) -> Path:
        """The single journal older versions wrote."""
        return self.folder / LEGACY_JOURNAL

    @property
    def legacy_lock_path(self) -> Path:
        """Held by an older version's process while its session runs; also the folder's claim."""
        return self.folder / (LEGACY_JOURNAL + ".lock")

    def recover_all(self) -> tuple[list[SessionRecord], list[StorageError]]:
        """Recover every journal no live process holds: the sessions added, and the failures.

        A journal whose session cannot be saved now stays, untouched, for a later start.
        """
        recovered: list[SessionRecord] = []
        failures: list[StorageError] = []
        for path in self._journals():
            try:
                record = self._recover(path)
            except StorageError as error:
                failures.append(error)
                continue
            if record is not None:
                recovered.append(record)
        return recovered, failures

    def _journals(self) -> list[Path]:
        found = []
        for folder in (self.folder, self.spare):
            if folder is not None:
                with contextlib.suppress(OSError):
                    found += sorted(folder.glob(JOURNAL_GLOB))
        if os.path.lexists(self.legacy_path):
            found.append(self.legacy_path)
        return found

    def _recover(self, path: Path) -> SessionRecord | None:  # noqa: PLR0911  (one per way out)
        legacy = path == self.legacy_path
        claim = LockFile(self.legacy_lock_path) if legacy else None
        if claim is not None and not claim.try_acquire():
            return None  # an older RetroCoach is walking the session in it
        try:
            fd = open_regular(path, os.O_RDONLY, follow=False)
        except FileNotFoundError:
            return None  # recovered meanwhile by another process
        except (OSError, StorageError) as error:
            if claim is not None:
                claim.release()
            self._warn(f"the journal {path} cannot be read ({error}); it is left as it is")
            return None
        try:
            if not legacy:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except _BUSY:
                    return None  # its session is still running, here or in another process
                if not _same_file(fd, path):
                    return None  # recovered and removed while we waited
            size = os.fstat(fd).st_size
            if size > MAX_DATA_FILE_BYTES:  # not a walk's: never read whole, nor copied
                self._warn(
                    f"the journal {path} is {size / 1e6:,.0f} MB, far more than a walk's "
                    "journal; it is left as it is"
                )
                return None
            return self._recover_locked(path, read_fd(fd), legacy=legacy, quiet_s=_quiet_s(fd))
        finally:
            os.close(fd)
            if claim is not None:
                claim.release()

    def _recover_locked(
        self, path: Path, raw: bytes, *, legacy: bool, quiet_s: float
    ) -> SessionRecord | None:
        if not raw and not legacy:
            _remove(path)  # made before the walk's first line (its room kept): it holds nothing
            return None
        try:
            if legacy:
                record, walker = _parse_legacy(raw, self._legacy_versions), None
            else:
                content = parse_journal(raw)
                record, walker = content.record, content.walker
        except NewerJournalError as error:
            self._keep(path, raw, f"{error}; it is kept for that version")
            return None
        except CorruptFileError as error:
            self._keep(path, raw, str(error))
            return None
        if walk_alive(walker, quiet_s):
            if self._holds(record):
                _remove(path)  # a copy of what the history holds already
            return None  # its walk goes on: its walker saves it at the end
        kept = self._save(record)
        _remove(path)
        if kept is Kept.REPLACED:
            self._warn(describe_completed(record))
        # The caller tells the user about an added session; it knows how to word it.
        return record if kept is Kept.ADDED else None

    def _keep(self, path: Path, raw: bytes, reason: str) -> None:
        if kept_copy(path, raw) is not None:
            return  # told when that copy was made: not again at every start
        try:
            copy = copy_aside(path, raw, self._wall_clock())
        except StorageError as error:
            self._warn(
                f"the journal {path} cannot be recovered ({reason}) and no copy could be kept "
                f"({error}); it is left as it is"
            )
            return
        self._warn(
            f"the journal {path} cannot be recovered ({reason}); it is left as it is, with a "
            f"copy kept as {copy}"
        )


def _parse_legacy(raw: bytes, versions: range) -> SessionRecord:
    document = parse_json_bytes(raw)
    if not isinstance(document, dict):
        raise CorruptFileError("it is not a JSON object")
    version = document.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < versions.start:
        raise CorruptFileError("it has no schema_version this RetroCoach knows")
    if version not in versions:
        raise NewerJournalError(f"it was written by a newer RetroCoach (schema version {version})")
    # Sessions read from any known version: keys added since then read as unknown.
    try:
        record = SessionRecord.from_json(document.get("session"))
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise CorruptFileError(f"its session cannot be read ({error})") from None
    return dataclasses.replace(record, outcome=Outcome.INTERRUPTED)


def _quiet_s(fd: int) -> float:
    """How long ago the file open as *fd* last changed."""
    try:
        return max(0.0, time.time() - os.fstat(fd).st_mtime)
    except OSError:
        return 0.0


def _same_file(fd: int, path: Path) -> bool:
    try:
        held = os.fstat(fd)
        there = os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    return (held.st_dev, held.st_ino) == (there.st_dev, there.st_ino)


def _remove(path: Path) -> None:
    # A journal that cannot be removed is harmless: its session is in the history now, so the
    # next recovery finds it there and tries the removal again.
    with contextlib.suppress(OSError):
        path.unlink()
