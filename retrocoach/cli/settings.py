"""``retrocoach settings``: list every setting, or set some with ``KEY=VALUE`` words."""

from __future__ import annotations

import argparse
from typing import TextIO

from retrocoach.cli.commands import HeldLines, teller
from retrocoach.cli.errors import EXIT_FAILED, UsageError
from retrocoach.core.errors import StorageError
from retrocoach.core.history.store import HistoryStore
from retrocoach.core.settings.store import SettingsError, SettingsStore
from retrocoach.core.settings.words import apply_words, describe_settings
from retrocoach.core.storage.paths import DataPaths

__all__ = ["run_settings"]


def run_settings(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """List the settings, or apply *args.words* (all or none) and list the result."""
    tell = teller(err)
    paths = DataPaths.resolve(args.data_dir)
    # Every command recovers the journals a crash or a failed save left (README's promise).
    HistoryStore(paths, warn=tell).recover_journals()
    held = HeldLines(tell)
    store = SettingsStore(paths, warn=held)
    settings = store.load()
    if args.words:
        try:
            settings = apply_words(settings, args.words)
        except SettingsError as error:
            held.release()
            raise UsageError(str(error)) from None
        try:
            paths.ensure()
            store.save(settings)
        except StorageError as error:
            held.fail(f"nothing was saved: {error}")
            return EXIT_FAILED
    held.release()
    out.write("".join(f"{line}\n" for line in describe_settings(settings)))
    return 0
