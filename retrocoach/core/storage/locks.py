"""Lock files that survive being deleted, replaced, linked or turned into a folder meanwhile."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from retrocoach.core.errors import NotAFileError, StorageError, StoreBusyError, storage_error
from retrocoach.core.storage.files import PRIVATE_FILE_MODE, ensure_private_dir, open_regular

__all__ = ["LockBusyError", "LockFile", "holding"]

_POLL_S: Final = 0.02
_BUSY: Final = frozenset({errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES})


class LockBusyError(StorageError):
    """Another process holds the lock (after the timeout, if one was given)."""


class LockFile:
    """An exclusive flock(2) on a file that is never followed through a symbolic link.

    Another process holding the same file blocks ``acquire``; the lock ends when the holder
    releases it or dies. The file is never deleted (that would let two holders in at once); if
    someone else deletes or replaces it while a process waits, the process locks the new file.
    Holding a lock keeps the file's descriptor: a file deleted while held only means that a
    newcomer gets a lock of its own, which the stores allow for (see HistoryStore).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """Whether this object holds the lock now."""
        return self._fd is not None

    def acquire(self, timeout_s: float = 0.0) -> None:
        """Take the lock, waiting up to *timeout_s*; LockBusyError if it stays taken.

        A lock file that is a symbolic link, a FIFO, a folder or anything else but a plain file
        raises NotAFileError; other failures raise StorageError. Acquiring twice is harmless.
        """
        if self._fd is not None:
            return
        deadline = time.monotonic() + timeout_s
        while True:
            fd = self._open()
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as error:
                os.close(fd)
                if error.errno not in _BUSY:
                    raise storage_error(self.path, error, "lock", "nothing was changed") from error
                if time.monotonic() >= deadline:
                    raise LockBusyError(
                        f"{self.path.name} is held by another RetroCoach", self.path
                    ) from None
                time.sleep(_POLL_S)
                continue
            if self._still_names(fd):
                self._fd = fd
                return
            os.close(fd)  # deleted or replaced while we waited: lock what is there now
            if time.monotonic() >= deadline + 1.0:
                raise LockBusyError(f"{self.path.name} keeps being replaced", self.path)

    def try_acquire(self) -> bool:
        """Take the lock if it is free now; False if another process holds it."""
        try:
            self.acquire(0.0)
        except LockBusyError:
            return False
        return True

    def release(self) -> None:
        """Give the lock up; harmless if not held, and whatever happened to the file meanwhile."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        with contextlib.suppress(OSError):
            os.close(fd)

    def _open(self) -> int:
        try:
            return open_regular(
                self.path, os.O_RDWR | os.O_CREAT, follow=False, mode=PRIVATE_FILE_MODE
            )
        except NotAFileError:
            raise NotAFileError(
                f"the lock file {self.path} is not a plain file (a symbolic link, FIFO, folder "
                "or device is in its place); remove it to let RetroCoach save again",
                self.path,
            ) from None
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise NotAFileError(
                    f"the lock file {self.path} is a symbolic link, which RetroCoach does not "
                    "follow; remove it to let RetroCoach save again",
                    self.path,
                    error.errno,
                ) from None
            raise storage_error(self.path, error, "lock", "nothing was changed") from error

    def _still_names(self, fd: int) -> bool:
        try:
            now = os.stat(self.path, follow_symlinks=False)
            held = os.fstat(fd)
        except OSError:
            return False
        return (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino)


@contextlib.contextmanager
def holding(lock_path: Path, timeout_s: float, guarded: Path) -> Iterator[None]:
    """Hold the lock at *lock_path* (made in *guarded*'s folder) for a read-modify-write.

    Another writer holding it longer than *timeout_s* raises StoreBusyError naming *guarded*.
    """
    lock = LockFile(lock_path)
    try:
        ensure_private_dir(guarded.parent)
        lock.acquire(timeout_s)
    except LockBusyError:
        raise StoreBusyError(
            f"another RetroCoach kept {guarded.name} locked for over {timeout_s:g} s; "
            "nothing was saved",
            guarded,
        ) from None
    try:
        yield
    finally:
        lock.release()
