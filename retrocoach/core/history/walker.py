"""Whether a journal's walk is still being walked, told by more than the lock on the journal file.

A sync client, a backup restore or an editor's save-by-rename can put a copy in place of a
running walk's journal: the walker's lock stays on the old file, and the copy looks abandoned.
So each walk also holds a lock of its own on a file outside the data folder (in the runtime
folder, which nothing syncs), and its journal's header names that file and the walking process
(its pid, its start time and the boot it runs in). A journal is taken by recovery only when
its walk is known to be over.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from retrocoach.core.errors import StorageError
from retrocoach.core.storage.files import PRIVATE_FILE_MODE, ensure_private_dir

__all__ = ["FOREIGN_QUIET_S", "WalkLock", "runtime_folder", "walk_alive"]

FOREIGN_QUIET_S: Final = 600.0
"""A journal synced from another computer counts as walked there until it is this quiet."""
_BUSY: Final = frozenset({errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES})
_FLAGS: Final = os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK


def runtime_folder(environ: Mapping[str, str] | None = None) -> Path:
    """Where this user's walk locks live: $XDG_RUNTIME_DIR/retrocoach, else a private temp one."""
    env = os.environ if environ is None else environ
    runtime = env.get("XDG_RUNTIME_DIR", "").strip()
    if runtime and Path(runtime).is_dir():
        return Path(runtime) / "retrocoach"
    return Path(tempfile.gettempdir()) / f"retrocoach-{os.getuid()}"


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="ascii") as file:
            return file.read().strip()
    except (OSError, ValueError):
        return None


def _boot_id() -> str | None:
    return _read("/proc/sys/kernel/random/boot_id")


def _start_ticks(pid: int) -> int | None:
    """When process *pid* started, in clock ticks since boot (Linux), or None."""
    stat = _read(f"/proc/{pid}/stat")
    if stat is None:
        return None
    try:
        return int(stat.rpartition(")")[2].split()[19])  # field 22; the name may hold spaces
    except (IndexError, ValueError):
        return None


def _me() -> dict[str, Any]:
    pid = os.getpid()
    host = os.uname().nodename  # what socket.gethostname() reads, without loading socket
    return {"pid": pid, "start": _start_ticks(pid), "boot": _boot_id(), "host": host}


class WalkLock:
    """An exclusive flock on ``walk-<id>.lock`` in the runtime folder, held while a walk runs."""

    def __init__(self, folder: Path, session_id: str) -> None:
        self.path = folder / f"walk-{session_id}.lock"
        self._fd: int | None = None

    def acquire(self) -> dict[str, Any]:
        """Take the lock; the walker's identity for the journal's header (without a lock if
        none could be made: the pid and start time still tell the walk is alive)."""
        me = _me()
        if self._fd is None:
            with contextlib.suppress(OSError, StorageError):
                ensure_private_dir(self.path.parent)
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | _FLAGS, PRIVATE_FILE_MODE)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    os.close(fd)
                    raise
                self._fd = fd
        if self._fd is not None:
            me["lock"] = str(self.path)
        return me

    def release(self) -> None:
        """The walk is over: remove the lock file, then let the lock go."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()
        os.close(fd)


def walk_alive(walker: object, quiet_s: float) -> bool:  # noqa: PLR0911  (one per way to tell)
    """Whether the walk whose journal header names *walker* is still being walked.

    *quiet_s* is how long ago the journal last changed. A journal of an older RetroCoach names
    no walker: only the lock on its file tells, as before.
    """
    if not isinstance(walker, dict):
        return False
    me = _me()
    if walker.get("host") != me["host"]:
        # Synced from another computer: nothing here can see that walk; give it time to end.
        return quiet_s < FOREIGN_QUIET_S
    if walker.get("boot") != me["boot"]:
        return False  # walked before this computer last started
    lock = walker.get("lock")
    if isinstance(lock, str):
        return _held(Path(lock))
    pid = walker.get("pid")
    if not isinstance(pid, int) or isinstance(pid, bool) or pid == me["pid"]:
        return False
    start = _start_ticks(pid)
    if start is not None:
        return start == walker.get("start")
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: it exists
    return True


def _held(path: Path) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY | _FLAGS)
    except OSError:
        return False  # removed at the walk's end, or never there after a reboot
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError as error:
        return error.errno in _BUSY
    finally:
        os.close(fd)
    return False
