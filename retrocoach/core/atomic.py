"""Crash-safe files: atomic JSON writes with a backup, strict reads, and copies set aside."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Final

__all__ = [
    "PRIVATE_DIR_MODE",
    "PRIVATE_FILE_MODE",
    "CorruptFileError",
    "DiskFullError",
    "ReadOnlyError",
    "Signature",
    "StorageError",
    "copy_aside",
    "dump_document",
    "ensure_private_dir",
    "file_signature",
    "parse_json_bytes",
    "read_bytes",
    "remove_stale_temps",
    "splice_items",
    "write_bytes_atomic",
]

PRIVATE_DIR_MODE: Final = 0o700
PRIVATE_FILE_MODE: Final = 0o600
_FULL: Final = frozenset({errno.ENOSPC, errno.EDQUOT})
_READ_ONLY: Final = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


class StorageError(Exception):
    """A file could not be written (or read); the message is one plain line for the user."""

    def __init__(self, message: str, path: Path, code: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.errno = code


class DiskFullError(StorageError):
    """The disk (or the user's quota) is full."""


class ReadOnlyError(StorageError):
    """The folder is read-only or the user may not write there."""


class CorruptFileError(ValueError):
    """A file's bytes are not a JSON document RetroCoach can read; ``reason`` says why."""

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
    else:
        cause, kind = error.strerror or str(error), StorageError
    return kind(f"could not {doing} {path.name}: {cause}; {outcome}", path, code)


def ensure_private_dir(folder: Path) -> None:
    """Create *folder* (and missing parents); a folder created here is made 0700."""
    if folder.is_dir():
        return
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    # mkdir's mode is filtered by the umask; chmod states it exactly.
    folder.chmod(PRIVATE_DIR_MODE)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _write_temp(folder: Path, name: str, data: bytes) -> Path:
    """Write *data* to a new private temp file in *folder*, flushed to disk; return its path."""
    # mkstemp opens with O_EXCL and mode 0600: no other user ever sees the bytes.
    fd, temp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    temp = Path(temp_name)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, PRIVATE_FILE_MODE)
        _write_all(fd, data)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    os.close(fd)
    return temp


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder for fsync; its replace is durable enough
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    except OSError:
        # Some file systems refuse fsync on a folder. The new file is already in place by now,
        # so failing here would wrongly tell the user that the save did not happen.
        pass
    finally:
        os.close(fd)


def _keep_backup(path: Path) -> None:
    """Make ``<path>.bak`` the file as it is now, replacing an older backup atomically."""
    backup = path.with_name(path.name + ".bak")
    # A hard link costs no space and no copying; file systems without links get a copy.
    staged = path.with_name(f".{path.name}.bak.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        staged.unlink()
    try:
        os.link(path, staged)
    except OSError as error:
        if error.errno in _FULL or error.errno == errno.EROFS:
            raise
        staged = _write_temp(path.parent, path.name + ".bak", path.read_bytes())
    try:
        os.replace(staged, backup)
    except BaseException:
        with contextlib.suppress(OSError):
            staged.unlink()
        raise
    with contextlib.suppress(OSError):
        backup.chmod(PRIVATE_FILE_MODE)


def write_bytes_atomic(path: Path, data: bytes, *, keep_backup: bool) -> None:
    """Replace *path* with *data* so that a crash leaves either the old or the new file.

    The bytes go to a temp file in the same folder, are flushed and fsynced, then renamed over
    the old file, and the folder is fsynced. With *keep_backup*, the old file becomes
    ``<name>.bak`` first. On any error nothing is left behind and StorageError says the old file
    is intact.
    """
    folder = path.parent
    temp: Path | None = None
    try:
        ensure_private_dir(folder)
        temp = _write_temp(folder, path.name, data)
        if keep_backup and path.exists():
            _keep_backup(path)
        os.replace(temp, path)
        temp = None
    except OSError as error:
        raise storage_error(path, error, "save", f"the previous {path.name} is intact") from error
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                temp.unlink()
    _fsync_dir(folder)


def remove_stale_temps(path: Path) -> None:
    """Delete temp files a killed writer of *path* left behind.

    Call only while holding the lock that every writer of *path* holds: then no temp file for
    it can belong to a live writer.
    """
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()


def dump_document(header: Mapping[str, object], list_key: str, items: Iterable[object]) -> bytes:
    """A JSON object with *header* keys and a list under *list_key*, one item per line.

    One item per line keeps the file readable and diffable, and lets the fast C encoder do the
    work (``indent`` would fall back to the slow pure-Python one). ASCII escapes keep a stray
    lone surrogate in a string from making the file unwritable.
    """
    head = ", ".join(f"{json.dumps(key)}: {json.dumps(value)}" for key, value in header.items())
    lines = ",\n".join(json.dumps(item, allow_nan=False) for item in items)
    body = f"[\n{lines}\n]" if lines else "[]"
    return f"{{{head}, {json.dumps(list_key)}: {body}}}\n".encode("ascii")


def splice_items(raw: bytes, lines: list[bytes]) -> bytes | None:
    """*raw* with *lines* (JSON items) added at the end of the list that closes the document.

    Only for a document already parsed and checked to end with its list (the last key of the
    top-level object); returns None if the bytes do not end in ``] }`` after all.
    """
    body = raw.rstrip()
    if not body.endswith(b"}"):
        return None
    body = body[:-1].rstrip()
    if not body.endswith(b"]"):
        return None
    head = body[:-1].rstrip()
    separator = b"\n" if head.endswith(b"[") else b",\n"
    return head + separator + b",\n".join(lines) + b"\n]}\n"


Signature = tuple[int, int, int, int, int]


def file_signature(path: Path) -> Signature | None:
    """What changes whenever the file is replaced or edited; None if it cannot be seen."""
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes, None if it does not exist, StorageError if it cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise storage_error(path, error, "read", "it was left as it is") from error


def _refuse_constant(name: str) -> object:
    raise CorruptFileError(f"it holds {name}, which JSON does not allow")


def parse_json_bytes(raw: bytes) -> object:
    """Parse UTF-8 JSON strictly, or raise CorruptFileError with a short plain reason."""
    if not raw.strip():
        raise CorruptFileError("it is empty")
    try:
        text = raw.decode("utf-8-sig")  # a BOM from a hand edit in Notepad is harmless
    except UnicodeDecodeError:
        raise CorruptFileError("it is not UTF-8 text") from None
    if "\x00" in text:
        # Zero bytes are what a power cut often leaves in a file being written.
        raise CorruptFileError("it contains zero bytes, as a damaged or unfinished file does")
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise CorruptFileError(
            f"it is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    except RecursionError:
        raise CorruptFileError("it is nested too deeply to be a RetroCoach file") from None
    except ValueError as error:  # e.g. an integer longer than Python will convert
        raise CorruptFileError(f"it holds a value that cannot be read ({error})") from None


def copy_aside(path: Path, raw: bytes, when: datetime) -> Path:
    """Keep *raw* (the bytes of *path*) as ``<stem>.corrupt-<when>.json`` beside it.

    An existing copy with the same bytes is reused, and an existing copy is never overwritten:
    a clash of names gets a ``-2``, ``-3``... suffix. Raises StorageError if no copy can be made.
    """
    stem, dot, suffix = path.name.rpartition(".")
    if not dot:
        stem, suffix = path.name, "json"
    for existing in sorted(path.parent.glob(f"{stem}.corrupt-*.{suffix}")):
        with contextlib.suppress(OSError):
            if existing.stat().st_size == len(raw) and existing.read_bytes() == raw:
                return existing
    stamp = when.strftime("%Y%m%dT%H%M%S")
    number = 1
    while True:
        name = f"{stem}.corrupt-{stamp}{'' if number == 1 else f'-{number}'}.{suffix}"
        target = path.with_name(name)
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
        except FileExistsError:
            number += 1
            continue
        except OSError as error:
            raise storage_error(target, error, "write", f"{path.name} was left as it is") from error
        try:
            _write_all(fd, raw)
            os.fsync(fd)
        except OSError as error:
            with contextlib.suppress(OSError):
                target.unlink()
            raise storage_error(target, error, "write", f"{path.name} was left as it is") from error
        finally:
            os.close(fd)
        return target
