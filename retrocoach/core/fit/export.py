"""Walks exported as FIT files into a folder: one per walk, named by its date and plan."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import Final

from retrocoach.core.clock import in_zone, shown_time
from retrocoach.core.errors import ExistingFileError, StorageError
from retrocoach.core.fit.activity import FitRangeError, encode_walk
from retrocoach.core.fit.walk import walk_of
from retrocoach.core.history.records import SessionRecord
from retrocoach.core.storage.atomic import ensure_private_dir, write_new_file

__all__ = ["FitExportError", "FitFile", "export_fit", "fit_files"]

_SLUG_CHARS: Final = re.compile(r"[^0-9A-Za-z]+")
_SLUG_LENGTH: Final = 40


class FitExportError(Exception):
    """The export stopped; the message says why and what was written, in one line."""

    def __init__(
        self, message: str, written: Sequence[Path] = (), *, existing: bool = False
    ) -> None:
        super().__init__(message)
        self.written = tuple(written)
        self.existing = existing
        """True when a file of the same name was in the way (replacing it was not asked)."""


@dataclass(frozen=True, slots=True)
class FitFile:
    """One walk's file, ready to write: its name in the folder and its bytes."""

    record: SessionRecord
    name: str
    data: bytes


def file_name(record: SessionRecord, tz: tzinfo | None) -> str:
    """``2026-12-05-093000-steady-steps.fit``: the walk's local start, then its plan."""
    local = in_zone(record.started_at, tz)
    # ASCII travels best between file systems and upload forms: accents are dropped first.
    plain = unicodedata.normalize("NFKD", record.plan.name).encode("ascii", "ignore").decode()
    slug = _SLUG_CHARS.sub("-", plain).strip("-").lower()[:_SLUG_LENGTH].strip("-")
    return f"{local.year:04d}-{local:%m-%d-%H%M%S}-{slug or 'walk'}.fit"


def fit_files(
    records: Sequence[SessionRecord],
    tz: tzinfo | None,
    version: str,
    skipped: Callable[[str], None],
) -> list[FitFile]:
    """The files of *records*; a walk with nothing to export is told to *skipped* in a line."""
    files: list[FitFile] = []
    taken: set[str] = set()
    for record in records:
        when = f"the walk of {shown_time(record.started_at, tz)} ({record.plan.name})"
        walk = walk_of(record)
        if walk is None:
            skipped(f"Skipped {when}: it has no segments to export.")
            continue
        try:
            data = encode_walk(walk, version)
        except FitRangeError as error:
            skipped(f"Skipped {when}: {error}.")
            continue
        name = file_name(record, tz)
        stem, number = name.removesuffix(".fit"), 2
        while name in taken:  # two walks begun in the same second with the same plan
            name, number = f"{stem}-{number}.fit", number + 1
        taken.add(name)
        files.append(FitFile(record, name, data))
    return files


def export_fit(files: Sequence[FitFile], folder: Path, *, replace: bool) -> list[Path]:
    """Write *files* into *folder* (made if missing); the paths written.

    Without *replace*, nothing is written if any of the names is taken. Each file is written
    whole or not at all; FitExportError says what stopped the export and what was written.
    """
    try:
        ensure_private_dir(folder)
    except StorageError as error:
        raise FitExportError(f"{error}; nothing was written") from error
    if not replace:
        taken = [folder / f.name for f in files if (folder / f.name).exists()]
        if taken:
            more = f" (and {len(taken) - 1} more)" if len(taken) > 1 else ""
            raise FitExportError(
                f"{taken[0]} already exists{more}: nothing was written", existing=True
            )
    written: list[Path] = []
    for file in files:
        path = folder / file.name
        try:
            write_new_file(path, file.data, replace=replace)
        except ExistingFileError as error:  # it appeared after the check above
            raise FitExportError(_stopped(error, written, files), written, existing=True) from error
        except StorageError as error:
            raise FitExportError(_stopped(error, written, files), written) from error
        written.append(path)
    return written


def _stopped(error: StorageError, written: Sequence[Path], files: Sequence[FitFile]) -> str:
    if not written:
        return f"{error}"
    return f"{error}; {len(written)} of {len(files)} files were written before it"
