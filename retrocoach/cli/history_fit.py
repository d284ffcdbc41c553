"""``retrocoach history --format fit --out FOLDER``: one FIT activity file per walk."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from pathlib import Path
from typing import Final, TextIO

from retrocoach import __version__
from retrocoach.core.fit.export import FitExportError, export_fit, fit_files
from retrocoach.core.history.records import SessionRecord

__all__ = ["export_fit_files", "fit_options_problem"]

_EXIT_OK: Final = 0
_EXIT_FAILED: Final = 1


def fit_options_problem(fmt: str, folder: Path | None, force: bool) -> str | None:
    """What is wrong with --out and --force for *fmt*, in one line; None if nothing."""
    if fmt == "fit" and folder is None:
        return "--format fit writes one file per walk: name the folder with --out FOLDER"
    if fmt != "fit" and folder is not None:
        return f"--out goes with --format fit; --format {fmt} prints to the terminal"
    if fmt != "fit" and force:
        return f"--force goes with --format fit; --format {fmt} writes no files"
    return None


def export_fit_files(
    records: Sequence[SessionRecord],
    folder: Path,
    out: TextIO,
    err: TextIO,
    *,
    tz: tzinfo | None,
    force: bool,
) -> int:
    """Write *records* as FIT files into *folder*; say each file and each walk skipped."""

    def tell(line: str) -> None:
        out.write(f"{line}\n")

    files = fit_files(records, tz, __version__, tell)
    if not files:
        out.write("No walk to export: nothing was written.\n")
        return _EXIT_OK
    try:
        written = export_fit(files, folder, replace=force)
    except FitExportError as error:
        for path in error.written:
            out.write(f"Wrote {path}\n")
        hint = "; --force replaces it" if error.existing else ""
        err.write(f"retrocoach: {error}{hint}\n")
        return _EXIT_FAILED
    for path in written:
        out.write(f"Wrote {path}\n")
    noun = "file" if len(written) == 1 else "files"
    out.write(f"{len(written)} FIT {noun} in {folder}\n")
    return _EXIT_OK
