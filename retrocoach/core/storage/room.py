"""Disk room set aside for a file before it grows: a walk's journal, before the walk starts."""

from __future__ import annotations

import errno
import functools
import os
import sys
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    # Loaded when room is first set aside (the start of a walk): not to show the window.
    import ctypes

__all__ = ["keep_room"]

_KEEP_SIZE: Final = 1  # FALLOC_FL_KEEP_SIZE: blocks set aside beyond the end, size unchanged


def keep_room(fd: int, size: int) -> None:
    """Set *size* bytes of disk aside for the file *fd* will grow into (appends use them).

    OSError (ENOSPC) if the disk has not that much room. Where the system cannot set room
    aside without changing the file's size (not Linux, or a file system without fallocate),
    nothing is done: the room is then only checked when the file grows.
    """
    libc = _libc()
    if libc is None:
        return
    import ctypes  # noqa: PLC0415  (loaded already by _libc)

    if libc.fallocate(fd, _KEEP_SIZE, ctypes.c_long(0), ctypes.c_long(size)) == 0:
        return
    code = ctypes.get_errno()
    if code in (errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL):
        return
    raise OSError(code, os.strerror(code))


@functools.cache
def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # noqa: PLC0415  (see TYPE_CHECKING)

    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None
