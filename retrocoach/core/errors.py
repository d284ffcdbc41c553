"""Every way a data file can fail, as one family: callers catch StorageError and show its line."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Final

__all__ = [
    "CorruptFileError",
    "DiskFullError",
    "ExistingFileError",
    "JournalBusyError",
    "NewerSchemaError",
    "NotAFileError",
    "ReadOnlyError",
    "StorageError",
    "StoreBusyError",
    "UnverifiedSaveError",
    "storage_error",
]

_FULL: Final = frozenset({errno.ENOSPC, errno.EDQUOT})
_READ_ONLY: Final = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


class StorageError(Exception):
    """A data file could not be read or written; the message is one plain line for the user."""

    def __init__(self, message: str, path: Path, code: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.errno = code


class DiskFullError(StorageError):
    """The disk (or the user's quota) is full."""


class ReadOnlyError(StorageError):
    """The folder is read-only or the user may not write there."""


class ExistingFileError(StorageError):
    """A new file was to be written where a file already is; it was left as it was."""


class NotAFileError(StorageError):
    """A FIFO, socket, device, folder or symbolic link stands where a plain file belongs."""


class StoreBusyError(StorageError):
    """Another RetroCoach process held the file's lock for too long."""


class JournalBusyError(StorageError):
    """Another RetroCoach process is walking a session with the same data folder."""


class UnverifiedSaveError(StorageError):
    """The save went through, but reading the file back did not show what was saved."""


class NewerSchemaError(StorageError):
    """The file was written by a newer RetroCoach; this one will not write to it."""

    def __init__(self, path: Path, found: int, known: int) -> None:
        super().__init__(
            f"{path.name} was written by a newer RetroCoach (schema version {found}; this one "
            f"knows {known}): it is left untouched and nothing will be saved to it until "
            "RetroCoach is updated",
            path,
        )
        self.found = found
        self.known = known


class CorruptFileError(ValueError):
    """A file's bytes are not a document RetroCoach can read; ``reason`` says why.

    Not a StorageError: it is raised while parsing bytes already read, before the store
    decides what to do with the file (copy it aside, keep it, tell the user).
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def storage_error(path: Path, error: OSError, doing: str, outcome: str) -> StorageError:
    """Turn an OSError into a named StorageError whose message says what happened and what not."""
    code = error.errno
    kind: type[StorageError]
    if code in _FULL:
        cause, kind = "the disk is full", DiskFullError
    elif code in _READ_ONLY:
        cause, kind = f"{path.parent} is read-only or not yours to write", ReadOnlyError
    elif code == errno.ELOOP:
        cause, kind = "it is a symbolic link, which RetroCoach does not follow here", NotAFileError
    elif code in (errno.EISDIR, errno.ENOTDIR):
        cause = "a folder stands where a file belongs, or a file where a folder"
        kind = NotAFileError
    else:
        cause, kind = error.strerror or str(error), StorageError
    return kind(f"could not {doing} {path.name}: {cause}; {outcome}", path, code)
