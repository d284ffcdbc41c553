"""The History page's exports: every session as CSV, or the selected walks as FIT files."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, tzinfo
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from retrocoach import __version__
from retrocoach.core.figures.history_figures import ExportError, export_csv
from retrocoach.core.fit.export import FitExportError, export_fit, fit_files
from retrocoach.core.history.records import SessionRecord
from retrocoach.core.history.store import HistoryStore
from retrocoach.ui.dialogs.prompts import Prompts

__all__ = ["HistoryExports"]


class HistoryExports:
    """Asks where, writes the files, and says what it did in one line through *say*."""

    def __init__(
        self,
        parent: QWidget,
        store: HistoryStore,
        *,
        prompts: Prompts,
        tz: tzinfo | None,
        today: Callable[[], date],
        say: Callable[[str], None],
        version: str = __version__,
    ) -> None:
        self._parent = parent
        self._store = store
        self._prompts = prompts
        self._tz = tz
        self._today = today
        self._say = say
        self._version = version
        self._folder = Path.home()
        """The folder last exported to, offered again next time."""

    def csv(self) -> None:
        """Every session into one CSV file, as `retrocoach history --format csv` writes it."""
        suggested = Path.home() / f"retrocoach-history-{self._today().isoformat()}.csv"
        path = self._prompts.ask_save_path(self._parent, "Export the history as CSV", suggested)
        if path is None:
            return
        try:
            export_csv(self._store, path, self._tz)
        except ExportError as error:
            self._say(f"Nothing was exported: {error}")
            return
        self._say(f"Exported the history to {path}.")

    def fit(self, records: Sequence[SessionRecord]) -> list[Path]:
        """*records* as FIT files in a folder; the files written (none if cancelled or failed)."""
        """Export *records*; the files written (none if cancelled or nothing could be)."""
        noun = "walk" if len(records) == 1 else f"{len(records)} walks"
        folder = self._prompts.ask_folder(
            self._parent, f"Export the selected {noun} as FIT files", self._folder
        )
        if folder is None:
            return []
        skipped: list[str] = []
        # About 50 ms for each hour walked: a busy cursor while many walks are encoded.
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            files = fit_files(records, self._tz, self._version, skipped.append)
        finally:
            QApplication.restoreOverrideCursor()
        if not files:
            self._say(" ".join(["Nothing was exported.", *skipped]))
            return []
        taken = [file.name for file in files if (folder / file.name).exists()]
        if taken and not self._prompts.confirm(
            self._parent,
            "Replace FIT files?",
            f"{taken[0]}{f' and {len(taken) - 1} more' if len(taken) > 1 else ''} "
            f"already in {folder}. Replace {'it' if len(taken) == 1 else 'them'}?",
        ):
            self._say("Nothing was exported: the files already there were kept.")
            return []
        try:
            written = export_fit(files, folder, replace=bool(taken))
        except FitExportError as error:
            self._say(f"The FIT export stopped: {error}.")
            return list(error.written)
        self._folder = folder
        count = f"{len(written)} walk{'' if len(written) == 1 else 's'}"
        self._say(" ".join([f"Exported {count} as FIT files to {folder}.", *skipped]))
        return written
