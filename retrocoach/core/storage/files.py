"""Reading data files safely: never blocking on a FIFO, strict JSON, damaged files copied aside."""

from __future__ import annotations

import contextlib
import errno
import gc
import json
import os
import stat
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Final

from retrocoach.core.errors import CorruptFileError, NotAFileError, StorageError, storage_error

__all__ = [
    "MAX_DATA_FILE_BYTES",
    "PRIVATE_DIR_MODE",
    "PRIVATE_FILE_MODE",
    "Signature",
    "collector_paused",
    "copy_aside",
    "ensure_private_dir",
    "file_signature",
    "kept_copy",
    "open_regular",
    "parse_json_bytes",
    "read_bytes",
    "read_fd",
    "read_named_text",
    "write_all",
]

PRIVATE_DIR_MODE: Final = 0o700
PRIVATE_FILE_MODE: Final = 0o600
_CLOEXEC: Final = getattr(os, "O_CLOEXEC", 0)
# Opening a FIFO for reading waits for a writer; O_NONBLOCK makes open return at once, so the
# fstat below can refuse it. On a regular file O_NONBLOCK changes nothing.
_NONBLOCK: Final = getattr(os, "O_NONBLOCK", 0)
_NOFOLLOW: Final = getattr(os, "O_NOFOLLOW", 0)
MAX_DATA_FILE_BYTES: Final = 256 * 1024 * 1024
"""No data file RetroCoach writes comes near this: a history of daily walks grows by well under
1 MB a year. A larger file (a disk image or a dump saved under the name) is refused before it
is read: read whole, and copied aside, a 3 GB one took a minute, 9 GB of memory and 3 GB of disk."""


def ensure_private_dir(folder: Path) -> None:
    """Create *folder* (and missing parents); a folder created here is made 0700.

    Raises StorageError naming the folder and why it cannot be made (a file in its place, a
    parent the user may not write to...).
    """
    if folder.is_dir():
        return
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
        # mkdir's mode is filtered by the umask; chmod states it exactly.
        folder.chmod(PRIVATE_DIR_MODE)
    except FileExistsError:
        raise NotAFileError(
            f"could not make the folder {folder}: something that is not a folder is in its place",
            folder,
        ) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise StorageError(
            f"could not make the folder {folder}: {reason}", folder, error.errno
        ) from error


def write_all(fd: int, data: bytes) -> None:
    """Write every byte of *data* to *fd* (os.write may write less than asked)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def open_regular(path: Path, flags: int, *, follow: bool = True, mode: int = 0o600) -> int:
    """os.open that never blocks and returns only a regular file's descriptor.

    A FIFO, socket, device or folder raises NotAFileError; with ``follow=False`` so does a
    symbolic link. Other failures raise OSError as os.open does.
    """
    flags |= _NONBLOCK | _CLOEXEC | (0 if follow else _NOFOLLOW)
    fd = os.open(path, flags, mode)
    try:
        info = os.fstat(fd)
    except OSError:
        os.close(fd)
        raise
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise NotAFileError(
            f"{path.name} is not a regular file (a FIFO, socket, device or folder is in its "
            "place): RetroCoach does not read or write it; remove it or move it away",
            path,
        )
    return fd


def read_fd(fd: int) -> bytes:
    """Every byte from *fd*'s current position to its end."""
    # The size the file has now, and one more byte, in one read: a long history is megabytes,
    # and reading it in pieces then joining them copied it once more. A file that grows
    # meanwhile is read on to its end.
    try:
        first = os.fstat(fd).st_size + 1
    except OSError:
        first = 0
    chunks: list[bytes] = []
    while chunk := os.read(fd, max(first, 1 << 20) if not chunks else 1 << 20):
        chunks.append(chunk)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes, None if it does not exist, StorageError if it cannot be read.

    Anything but a regular file (a FIFO, a socket, a device, a folder) raises NotAFileError at
    once, without blocking.
    """
    try:
        fd = open_regular(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    except NotAFileError:
        raise NotAFileError(
            f"could not read {path.name}: it is not a regular file (a FIFO, socket, device or "
            "folder is in its place); it was left as it is",
            path,
        ) from None
    except OSError as error:
        raise storage_error(path, error, "read", "it was left as it is") from error
    try:
        size = os.fstat(fd).st_size
        if size > MAX_DATA_FILE_BYTES:
            raise StorageError(
                f"could not read {path.name}: it is {size / 1e6:,.0f} MB, far more than "
                f"RetroCoach ever writes (at most {MAX_DATA_FILE_BYTES / 1e6:,.0f} MB); it was "
                "left as it is",
                path,
            )
        return read_fd(fd)
    except OSError as error:
        raise storage_error(path, error, "read", "it was left as it is") from error
    finally:
        os.close(fd)


def read_named_text(path: Path) -> str:
    """The UTF-8 text of a file a user or a test names (an environment variable, an option).

    Read as read_bytes reads: a FIFO, socket, device or folder raises NotAFileError at once,
    never waiting for a writer that may never come. A missing file raises FileNotFoundError,
    other failures StorageError, and text that is not UTF-8 UnicodeDecodeError.
    """
    raw = read_bytes(path)
    if raw is None:
        raise FileNotFoundError(errno.ENOENT, "no such file", str(path))
    return raw.decode("utf-8")


Signature = tuple[int, int, int, int, int]


def file_signature(path: Path) -> Signature | None:
    """What changes whenever the file is replaced or edited; None if it cannot be seen."""
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _refuse_constant(name: str) -> object:
    raise CorruptFileError(f"it holds {name}, which JSON does not allow")


def decode_text(raw: bytes) -> str:
    """UTF-8 text without zero bytes, or CorruptFileError with a short plain reason."""
    try:
        text = raw.decode("utf-8-sig")  # a BOM from a hand edit in Notepad is harmless
    except UnicodeDecodeError:
        raise CorruptFileError("it is not UTF-8 text") from None
    if "\x00" in text:
        # Zero bytes are what a power cut often leaves in a file being written.
        raise CorruptFileError("it contains zero bytes, as a damaged or unfinished file does")
    return text


# json.loads with an option builds a decoder at each call: a long history is parsed a line at
# a time, so the one decoder is kept.
_DECODER: Final = json.JSONDecoder(parse_constant=_refuse_constant)


def parse_json_text(text: str) -> object:
    """Parse JSON text strictly, or raise CorruptFileError with a short plain reason."""
    try:
        if text.startswith("\ufeff"):  # as json.loads refuses it
            raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
        return _DECODER.decode(text)
    except json.JSONDecodeError as error:
        raise CorruptFileError(
            f"it is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    except RecursionError:
        raise CorruptFileError("it is nested too deeply to be a RetroCoach file") from None
    except ValueError as error:  # e.g. an integer longer than Python will convert
        raise CorruptFileError(f"it holds a value that cannot be read ({error})") from None


def parse_json_bytes(raw: bytes) -> object:
    """Parse UTF-8 JSON strictly, or raise CorruptFileError with a short plain reason."""
    if not raw.strip():
        raise CorruptFileError("it is empty")
    return parse_json_text(decode_text(raw))


def _same_bytes(existing: Path, raw: bytes) -> bool:
    try:
        if existing.lstat().st_size != len(raw):
            return False
        return read_bytes(existing) == raw
    except (OSError, StorageError):
        return False


def _stem_suffix(path: Path) -> tuple[str, str]:
    stem, dot, suffix = path.name.rpartition(".")
    return (stem, suffix) if dot else (path.name, "json")


def kept_copy(path: Path, raw: bytes) -> Path | None:
    """A copy of *raw* (the bytes of *path*) that copy_aside made earlier, or None."""
    stem, suffix = _stem_suffix(path)
    try:
        copies = sorted(path.parent.glob(f"{stem}.corrupt-*.{suffix}"))
    except OSError:
        return None
    return next((copy for copy in copies if _same_bytes(copy, raw)), None)


def copy_aside(path: Path, raw: bytes, when: datetime) -> Path:
    """Keep *raw* (the bytes of *path*) as ``<stem>.corrupt-<when>.<suffix>`` beside it.

    An existing copy with the same bytes is reused, and an existing copy is never overwritten:
    a clash of names gets a ``-2``, ``-3``... suffix. Raises StorageError if no copy can be made.
    """
    existing = kept_copy(path, raw)
    if existing is not None:
        return existing
    stem, suffix = _stem_suffix(path)
    stamp = when.strftime("%Y%m%dT%H%M%S")
    number = 1
    while True:
        name = f"{stem}.corrupt-{stamp}{'' if number == 1 else f'-{number}'}.{suffix}"
        target = path.with_name(name)
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _CLOEXEC, PRIVATE_FILE_MODE)
        except FileExistsError:
            number += 1
            continue
        except OSError as error:
            raise storage_error(target, error, "write", f"{path.name} was left as it is") from error
        try:
            write_all(fd, raw)
            os.fsync(fd)
        except OSError as error:
            with contextlib.suppress(OSError):
                target.unlink()
            raise storage_error(target, error, "write", f"{path.name} was left as it is") from error
        finally:
            os.close(fd)
        return target


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Hold Python's cyclic garbage collector off while a big file is read or written.

    Parsing a long history makes about a million containers, none of them garbage; each pass
    the collector makes over them meanwhile finds nothing (about 12% of reading 10,000
    sessions). Reference counting still frees everything as usual, and the collector is
    switched back on, as it was, when the block ends, whatever way it ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
