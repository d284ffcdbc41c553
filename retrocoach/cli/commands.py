"""The listing commands and what every command shares: the data folders and the plan asked for."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TextIO

from retrocoach.cli.errors import EXIT_FAILED, UsageError
from retrocoach.core.errors import StorageError
from retrocoach.core.history.store import HistoryStore
from retrocoach.core.plan.lookup import resolve_plan
from retrocoach.core.plan.model import Plan, PlanError
from retrocoach.core.plan.store import PlanStore
from retrocoach.core.settings.store import SettingsStore
from retrocoach.core.speeds import Units
from retrocoach.core.storage.paths import DataPaths

__all__ = ["open_stores", "resolve", "run_history", "run_plans", "teller"]


def teller(err: TextIO) -> Callable[[str], None]:
    def tell(message: str) -> None:
        err.write(f"retrocoach: {message}\n")
        err.flush()

    return tell


class HeldLines:
    """What loading a file says, held back while a command changes that file.

    If the change is saved, the lines are told; if it fails, only the failure is, in one line
    that names its reason, which is usually the same problem the held lines describe.
    """

    def __init__(self, tell: Callable[[str], None]) -> None:
        self._tell = tell
        self._lines: list[str] | None = []

    def __call__(self, message: str) -> None:
        if self._lines is None:
            self._tell(message)
        else:
            self._lines.append(message)

    def release(self) -> None:
        """Tell the lines held back (the change was saved, or none was asked for), and any
        told from now on at once."""
        lines, self._lines = self._lines or [], None
        for line in lines:
            self._tell(line)

    def fail(self, message: str) -> None:
        """Tell *message*, the one line a failed change ends with, and drop the lines held."""
        self._lines = None
        self._tell(message)


def open_stores(args: argparse.Namespace, err: TextIO) -> tuple[DataPaths, HistoryStore, PlanStore]:
    """The data folders, the history and the saved plans; a leftover journal is recovered."""
    paths = DataPaths.resolve(args.data_dir)
    tell = teller(err)
    try:
        paths.ensure()
    except StorageError as error:
        tell(str(error))
        raise SystemExit(EXIT_FAILED) from None
    history = HistoryStore(paths, warn=tell)
    plans = PlanStore(paths, warn=tell)
    # Each recovered session, or each journal that must wait, is told through *tell*.
    history.recover_journals()
    return paths, history, plans


def resolve(text: str, plans: PlanStore) -> Plan:
    """The plan *text* names (preset, saved plan or inline spec); a bad one is a usage error."""
    try:
        return resolve_plan(text, plans.plans())
    except PlanError as error:
        raise UsageError(str(error)) from None


def run_history(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``retrocoach history``: list or export past sessions."""
    from retrocoach.cli import history as history_cli  # noqa: PLC0415

    paths, history, _ = open_stores(args, err)
    if args.rate is not None:
        from retrocoach.cli.checkin import rate_last  # noqa: PLC0415

        return rate_last(history, args.rate, out, err)
    units = Units(SettingsStore(paths, warn=teller(err)).load().units)
    return history_cli.run_history(
        history,
        args.format,
        out,
        err,
        since=args.since,
        until=args.until,
        units=units,
        folder=args.out,
        force=args.force,
    )


def run_plans(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``retrocoach plans``: list the built-in and saved plans."""
    from retrocoach.cli import history as history_cli  # noqa: PLC0415

    paths, _, plans = open_stores(args, err)
    units = Units(SettingsStore(paths, warn=teller(err)).load().units)
    return history_cli.run_plans(plans, out, err, units=units)
