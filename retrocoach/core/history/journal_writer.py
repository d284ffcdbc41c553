"""Writing one session's journal: appended and flushed a line at a time, held while it runs."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Callable, Mapping, Sequence
from errno import ENOSPC
from pathlib import Path
from typing import Any, Final

from retrocoach.core.errors import DiskFullError, StorageError, storage_error
from retrocoach.core.history.walker import WalkLock
from retrocoach.core.storage.files import (
    PRIVATE_FILE_MODE,
    ensure_private_dir,
    write_all,
)
from retrocoach.core.storage.room import keep_room

__all__ = ["SessionJournal"]

_MAX_COPIES: Final = 100


class SessionJournal:
    """The journal a running session appends to; rebuilt whole in a new file if it goes missing.

    *rebuild* returns the lines the journal held before this append (header first). It is used when
    the file cannot be appended to: never created (the disk was full at the start), deleted or
    replaced by someone while the session runs, or cut by a failed write.
    """

    def __init__(
        self,
        folder: Path,
        session_id: str,
        rebuild: Callable[[], Sequence[bytes]],
        walk_lock: WalkLock | None = None,
        spare: Path | None = None,
    ) -> None:
        self.folder = folder
        self.spare = spare
        """A folder on another file system (the runtime folder) for when *folder* is full."""
        self.session_id = session_id
        self._rebuild = rebuild
        self._walk_lock = walk_lock
        self._walker: dict[str, Any] | None = None
        self._fd: int | None = None
        self._size = 0
        self.path: Path | None = None
        """The file holding the session, once one was written (None before)."""

    @property
    def walker(self) -> Mapping[str, Any] | None:
        """Who walks the session, for the journal's header: the walk's own lock is taken here,
        the first time it is asked for, and held until close()."""
        if self._walker is None and self._walk_lock is not None:
            self._walker = self._walk_lock.acquire()
        return self._walker

    def reserve(self, size: int) -> None:
        """Before the walk: make its journal and set *size* bytes of disk aside for it.

        In the data folder, or, if that is full (no room, no free inode), in the spare folder.
        DiskFullError, naming each folder and why, if the walk can be kept in neither.
        """
        problems = []
        for folder in self._folders():
            try:
                ensure_private_dir(folder)
                fd, path = self._create(folder)
            except StorageError as error:
                problems.append(str(error))
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                keep_room(fd, size)
            except OSError as error:
                os.close(fd)
                with contextlib.suppress(OSError):
                    path.unlink()
                problems.append(str(storage_error(path, error, "make room for", "")).rstrip("; "))
                continue
            self._fd, self.path, self._size = fd, path, 0
            return
        raise DiskFullError(
            f"there is no room to keep this walk ({'; '.join(problems)})", self.folder, ENOSPC
        )

    def append(self, lines: Sequence[bytes]) -> None:
        """Add *lines* and flush them to disk; StorageError if the disk refuses."""
        data = b"".join(lines)
        if self._fd is not None and self._size == 0 and self._still_ours():
            self._first(data)  # into the file reserve() made
            return
        if self._fd is None or not self._still_ours():
            self._start_over(data)
            return
        if not data:
            return
        try:
            write_all(self._fd, data)
            os.fdatasync(self._fd)
        except OSError as error:
            self._cut_back()
            assert self.path is not None
            raise storage_error(self.path, error, "write", "the session goes on") from error
        self._size += len(data)

    def close(self, *, remove: bool) -> None:
        """Stop writing; with *remove*, delete the file (the session is safely saved)."""
        fd, self._fd = self._fd, None
        if remove and self.path is not None and fd is not None and self._still_ours(fd):
            with contextlib.suppress(OSError):
                self.path.unlink()
        if fd is not None:
            os.close(fd)  # and with it the lock: a later start may now recover what is left
        if self._walk_lock is not None:
            self._walk_lock.release()  # the walk is over, whatever became of its file
            self._walker = None

    def _start_over(self, new: bytes) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)  # replaced or cut: a new file is written (the walk goes on, locked)
        data = b"".join(self._rebuild()) + new
        failure: StorageError | None = None
        for folder in self._folders():  # a full data folder: the spare one keeps the walk
            try:
                self._write_new(folder, data)
            except StorageError as error:
                failure = failure or error
                continue
            return
        assert failure is not None
        raise failure

    def _first(self, data: bytes) -> None:
        assert self._fd is not None
        assert self.path is not None
        data = b"".join(self._rebuild()) + data
        try:
            write_all(self._fd, data)
            os.fsync(self._fd)
        except OSError as error:
            self._cut_back()
            raise storage_error(self.path, error, "write", "the session goes on") from error
        self._size = len(data)
        _fsync_folder(self.path.parent)

    def _folders(self) -> list[Path]:
        return [self.folder] if self.spare is None else [self.folder, self.spare]

    def _write_new(self, folder: Path, data: bytes) -> None:
        try:
            ensure_private_dir(folder)
        except StorageError as error:
            raise StorageError(f"{error}; the session goes on", folder, error.errno) from None
        fd, path = self._create(folder)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # a new file: nobody else holds it
            write_all(fd, data)
            os.fsync(fd)
        except OSError as error:
            os.close(fd)
            with contextlib.suppress(OSError):
                path.unlink()
            raise storage_error(path, error, "write", "the session goes on") from error
        self._fd, self.path, self._size = fd, path, len(data)
        _fsync_folder(folder)

    def _create(self, folder: Path) -> tuple[int, Path]:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND | os.O_CLOEXEC
        for number in range(1, _MAX_COPIES + 1):
            suffix = "" if number == 1 else f"-{number}"
            path = folder / f"session-{self.session_id}{suffix}.journal.jsonl"
            try:
                return os.open(path, flags | os.O_NOFOLLOW, PRIVATE_FILE_MODE), path
            except FileExistsError:
                continue  # an earlier file of this session, or someone else's: left alone
            except OSError as error:
                raise storage_error(path, error, "write", "the session goes on") from error
        raise StorageError(
            f"could not start a journal: {_MAX_COPIES} files for this session exist already",
            folder,
        )

    def _cut_back(self) -> None:
        """Take a half-written line off the end, or give the file up if even that fails."""
        assert self._fd is not None
        try:
            os.ftruncate(self._fd, self._size)
        except OSError:
            fd, self._fd = self._fd, None
            os.close(fd)  # the next append writes the journal afresh

    def _still_ours(self, fd: int | None = None) -> bool:
        fd = self._fd if fd is None else fd
        if fd is None or self.path is None:
            return False
        try:
            held = os.fstat(fd)
            there = os.stat(self.path, follow_symlinks=False)
        except OSError:
            return False
        return (held.st_dev, held.st_ino) == (there.st_dev, there.st_ino)


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
