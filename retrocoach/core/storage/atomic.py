"""Crash-safe writes: a temp file renamed over the old one, a backup kept, lists appended."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import Final

from retrocoach.core.errors import (
    ExistingFileError,
    StorageError,
    UnverifiedSaveError,
    storage_error,
)
from retrocoach.core.storage.document_bytes import dump_document, splice_items
from retrocoach.core.storage.files import (
    PRIVATE_FILE_MODE,
    ensure_private_dir,
    read_bytes,
    write_all,
)

# StorageError, ensure_private_dir and the document's bytes are named here too, for the
# callers that write files.
__all__ = [
    "StorageError",
    "dump_document",
    "ensure_private_dir",
    "real_target",
    "remove_stale_temps",
    "splice_items",
    "write_bytes_atomic",
    "write_new_file",
]

_FULL: Final = frozenset({errno.ENOSPC, errno.EDQUOT})


def _write_temp(folder: Path, name: str, data: bytes, *, durable: bool = True) -> Path:
    """Write *data* to a new private temp file in *folder*, flushed to disk unless not
    *durable*; return its path."""
    # mkstemp opens with O_EXCL and mode 0600: no other user ever sees the bytes.
    fd, temp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    temp = Path(temp_name)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, PRIVATE_FILE_MODE)
        write_all(fd, data)
        if durable:
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


def _keep_backup(path: Path, target: Path) -> str | None:
    """Make ``<path>.bak`` a plain copy of *target* (the file *path* is, or links to) as it is now.

    The backup replaces an older one atomically. It is always a regular file, even when *path*
    is a symbolic link: the link itself is worth nothing once the file it names is replaced.
    Returns None, or a line naming the backup and why it could not be kept: a backup is a
    courtesy, so a folder called ``<name>.bak`` (or a full disk) never stops the save itself.
    """
    backup = path.with_name(path.name + ".bak")
    # A hard link costs no space and no copying; file systems without links get a copy.
    staged = path.with_name(f".{path.name}.bak.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError, IsADirectoryError, PermissionError):
        staged.unlink()
    try:
        try:
            os.link(target, staged)
        except OSError as error:
            if error.errno in _FULL or error.errno == errno.EROFS:
                raise
            raw = read_bytes(target)
            if raw is None:
                return None  # gone meanwhile: nothing to keep
            staged = _write_temp(path.parent, path.name + ".bak", raw)
        os.replace(staged, backup)
    except (OSError, StorageError) as error:
        with contextlib.suppress(OSError):
            staged.unlink()
        return _no_backup(path, backup, error)
    with contextlib.suppress(OSError):
        backup.chmod(PRIVATE_FILE_MODE)
    return None


def _no_backup(path: Path, backup: Path, error: OSError | StorageError) -> str:
    """The line telling that *backup* could not be kept, naming what is in its way."""
    try:
        in_the_way = not stat.S_ISREG(backup.lstat().st_mode)
    except OSError:
        in_the_way = False
    if in_the_way:
        cause = f"{backup} is in the way: it is not a plain file; move it away to get backups again"
    elif isinstance(error, StorageError):
        cause = str(error)
    else:
        cause = f"{backup}: {error.strerror or error}"
    return f"{path.name} was saved without its backup copy ({cause})"


def real_target(path: Path) -> Path:
    """The file a save of *path* replaces: *path* itself, or the file its symbolic link names.

    Saving through a link keeps the link, so a history.json the user linked into a synced
    folder stays linked there.
    """
    if not path.is_symlink():
        return path
    return Path(os.path.realpath(path))


def write_bytes_atomic(path: Path, data: bytes, *, keep_backup: bool) -> str | None:
    """Replace *path* with *data* so that a crash leaves either the old or the new file.

    The bytes go to a temp file in the same folder, are flushed and fsynced, then renamed over
    the old file, and the folder is fsynced. With *keep_backup*, the old file becomes
    ``<name>.bak`` first; if it cannot, the save goes on and the returned line says why
    (None when all went well). A symbolic link stays a link: the file it names is replaced.
    On any error nothing is left behind and StorageError says what became of the old file
    (intact, or that there was none). The file is read back at the end; bytes other than
    *data* raise UnverifiedSaveError.
    """
    target = real_target(path)
    folder = target.parent
    temp: Path | None = None
    note: str | None = None
    try:
        ensure_private_dir(path.parent)
        ensure_private_dir(folder)
    except StorageError as error:
        raise type(error)(f"could not save {path.name}: {error}", path, error.errno) from error
    existed = os.path.lexists(target)
    try:
        temp = _write_temp(folder, target.name, data)
        if keep_backup and target.exists():
            note = _keep_backup(path, target)
        os.replace(temp, target)
        temp = None
    except OSError as error:
        outcome = f"the previous {path.name} is intact" if existed else f"no {path.name} was made"
        raise storage_error(path, error, "save", outcome) from error
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                temp.unlink()
    _fsync_dir(folder)
    _verify(path, data)
    return note


def write_new_file(path: Path, data: bytes, *, replace: bool = False, durable: bool = True) -> None:
    """Write *data* as *path*, whole or not at all; an existing file is kept unless *replace*.

    The bytes go to a private temp file in the folder first, so a full disk or a kill never
    leaves a partial file under the final name. Without *replace*, the temp file is linked to
    the name, which fails if the name is taken (ExistingFileError), even by a file that
    appeared meanwhile. Other failures raise StorageError (DiskFullError, ReadOnlyError...).
    A cache, which a crash may leave empty or old, need not be *durable*: nothing is fsynced.
    """
    temp: Path | None = None
    try:
        temp = _write_temp(path.parent, path.name, data, durable=durable)
        if replace:
            os.replace(temp, path)
            temp = None
        else:
            _link_new(temp, path)
    except FileExistsError:
        raise ExistingFileError(
            f"{path} already exists; it was left as it was", path, errno.EEXIST
        ) from None
    except OSError as error:
        raise storage_error(path, error, "write", "nothing was written under that name") from error
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                temp.unlink()
    if durable:
        _fsync_dir(path.parent)


def _link_new(temp: Path, path: Path) -> None:
    """Give *temp*'s file the new name *path*; FileExistsError if the name is taken."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        # A file system without hard links: claim the name exclusively, then move onto it.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
        try:
            os.replace(temp, path)
        except OSError:
            with contextlib.suppress(OSError):
                path.unlink()  # the empty placeholder, never a partial file
            raise


def _verify(path: Path, data: bytes) -> None:
    """Read *path* back: a save is told as done only once its bytes are really there."""
    try:
        written = read_bytes(path)
    except StorageError as error:
        written, problem = None, str(error)
    else:
        problem = "it reads back different from what was written"
    if written != data:
        raise UnverifiedSaveError(
            f"{path.name} was written but does not read back as saved ({problem})", path
        )


def remove_stale_temps(path: Path) -> None:
    """Delete temp files a killed writer of *path* left behind.

    Call only while holding the lock that every writer of *path* holds: then no temp file for
    it can belong to a live writer.
    """
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()


_MOST_COPIES: Final = 1000


def keep_older_version(path: Path, version: int, raw: bytes) -> Path | None:
    """Keep *raw*, the version-*version* bytes of *path*, as <name>.v<N><suffix>; the new copy.

    One kept earlier with other bytes is never replaced: these go to <name>.v<N>.2<suffix>
    (or .3, ...), not only to the next .bak. None when the same bytes are kept already.
    """
    stem, suffix = f"{path.stem}.v{version}", path.suffix
    for number in range(1, _MOST_COPIES):
        kept = path.with_name(f"{stem}{'' if number == 1 else f'.{number}'}{suffix}")
        if not (kept.exists() or kept.is_symlink()):
            write_bytes_atomic(kept, raw, keep_backup=False)
            return kept
        if kept.is_file() and _same_bytes(kept, raw):
            return None
    return None


def _same_bytes(path: Path, raw: bytes) -> bool:
    try:
        return path.stat().st_size == len(raw) and path.read_bytes() == raw
    except OSError:
        return False
