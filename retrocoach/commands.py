"""The commands behind the command line: each builds its objects once and runs."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Final, TextIO

from retrocoach.cli import EXIT_USAGE
from retrocoach.core.catalog import resolve_plan
from retrocoach.core.clock import MonotonicClock
from retrocoach.core.coaching import ReminderPicker
from retrocoach.core.cues import countdown_for
from retrocoach.core.history import (
    FileState,
    HistoryStore,
    JournalBusyError,
    NewerSchemaError,
    StorageError,
    describe_recovered,
)
from retrocoach.core.plan import Plan, PlanError
from retrocoach.core.plans_store import PlanStore
from retrocoach.core.reminders import ReminderBook, ReminderDataError
from retrocoach.core.session import Session
from retrocoach.core.settings import Settings, SettingsStore
from retrocoach.paths import DataPaths
from retrocoach.recorder import SessionRecorder

if TYPE_CHECKING:
    from retrocoach.audio.listener import CueListener

__all__ = ["open_stores", "run_history", "run_plans", "run_terminal", "run_window"]

EXIT_FAILED: Final = 1


def _teller(err: TextIO) -> Callable[[str], None]:
    def tell(message: str) -> None:
        err.write(f"retrocoach: {message}\n")
        err.flush()

    return tell


def open_stores(args: argparse.Namespace, err: TextIO) -> tuple[DataPaths, HistoryStore, PlanStore]:
    """The data folders, the history and the saved plans; a leftover journal is recovered."""
    paths = DataPaths.resolve(args.data_dir)
    tell = _teller(err)
    try:
        paths.ensure()
    except StorageError as error:
        tell(str(error))
        raise SystemExit(EXIT_FAILED) from None
    history = HistoryStore(paths, warn=tell)
    plans = PlanStore(paths, warn=tell)
    try:
        recovered = history.recover_journal()
    except (StorageError, JournalBusyError, NewerSchemaError) as error:
        # A running session owns the journal, the folder is unwritable, or a newer RetroCoach
        # wrote the history: the journal stays where it is for a later start to recover.
        recovered = None
        if not isinstance(error, JournalBusyError):
            tell(f"an interrupted session could not be recovered yet: {error}")
    if recovered is not None:
        tell(describe_recovered(recovered))
    return paths, history, plans


def _resolve(text: str, plans: PlanStore) -> Plan:
    try:
        return resolve_plan(text, plans.plans())
    except PlanError as error:
        from retrocoach.cli import UsageError  # noqa: PLC0415  (the cli imports this module)

        raise UsageError(str(error)) from None


def run_terminal(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``retrocoach run``: walk a plan in the terminal and keep it in the history."""
    from retrocoach.terminal import TerminalCoach, stdin_keys  # noqa: PLC0415  (not the window's)

    tell = _teller(err)
    paths, history, plans = open_stores(args, err)
    plan = _resolve(args.plan, plans)
    state = history.load().state
    if state is FileState.NEWER:
        tell("history.json comes from a newer RetroCoach: update RetroCoach to record sessions")
        return EXIT_USAGE
    if state is FileState.PROTECTED:
        return EXIT_FAILED  # told already: walking now would lose the session
    settings = SettingsStore(paths, warn=tell).load()
    pips = settings.pips if args.pips is None else (0 if args.pips == "off" else int(args.pips))
    cues, pump, qt_app = _terminal_cues(args.audio, settings, pips, tell)
    picker: ReminderPicker | None = None
    try:
        picker = ReminderPicker(ReminderBook.default())
    except ReminderDataError as error:
        tell(f"safety reminders are unavailable: {error}")
    recorder = SessionRecorder(history, report=tell)
    session = Session(plan, countdown_s=countdown_for(pips))
    out.write(f"{plan.name}: {plan.describe()}\n")
    coach = TerminalCoach(
        session,
        MonotonicClock(),
        out,
        # Cues first: the journal's fsync must never delay a switch's cue.
        listeners=[cues, recorder],
        keys=stdin_keys(),
        pump=pump,
        reminders=picker,
    )
    try:
        code = coach.run()
    finally:
        cues.close()
        del qt_app
    if recorder.saved is not None:
        out.write("Saved to your history.\n")
    elif recorder.nothing_walked:
        out.write("Stopped before any walking: nothing was saved.\n")
    if code == 0:
        return 0
    signalled = coach.stopped_by_signal
    return 128 + signalled if signalled else EXIT_FAILED


def _terminal_cues(
    audio: str, settings: Settings, pips: int, tell: Callable[[str], None]
) -> tuple[CueListener, Callable[[], None] | None, object]:
    """The cue listener, what the loop must call to let Qt work, and the Qt app to keep."""
    # Imported here: 'retrocoach history' and 'plans' need no sound.
    from retrocoach.audio.setup import build_cue_listener  # noqa: PLC0415

    if audio == "none" or (audio == "auto" and settings.audio_engine == "none"):
        listener, _ = build_cue_listener("none", settings, pips=pips)
        return listener, None, None
    # Imported only when sound is wanted: Qt Multimedia takes a while to load.
    from PySide6.QtCore import QCoreApplication  # noqa: PLC0415

    app = QCoreApplication.instance() or QCoreApplication(["retrocoach"])
    listener, problem = build_cue_listener(audio, settings, pips=pips, on_fault=tell)
    if problem is not None:
        tell(problem)
    listener.warm_up()
    return listener, QCoreApplication.processEvents, app


def run_history(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``retrocoach history``: list or export past sessions."""
    from retrocoach import history_cli  # noqa: PLC0415

    _, history, _ = open_stores(args, err)
    return history_cli.run_history(
        history, args.format, out, err, since=args.since, until=args.until
    )


def run_plans(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``retrocoach plans``: list the built-in and saved plans."""
    from retrocoach import history_cli  # noqa: PLC0415

    _, _, plans = open_stores(args, err)
    return history_cli.run_plans(plans, out, err)


def run_window(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``retrocoach``: the coach window."""
    paths, history, plans = open_stores(args, err)
    plan = _resolve(args.plan, plans) if args.plan is not None else None
    # Imported here so the terminal commands never load Qt.
    from retrocoach.app import run_app  # noqa: PLC0415

    return run_app(paths, history, plans, plan=plan, audio=args.audio, warn=_teller(err))
