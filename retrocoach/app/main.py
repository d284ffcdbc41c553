"""The console entry point: parses the command line and hands over to the window or a command.

The composition root: the only place that sees the window, the terminal coach and the command
line together, and imports each only when its command runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Final, TextIO

from retrocoach.cli.errors import EXIT_FAILED, EXIT_USAGE, UsageError
from retrocoach.cli.output import SafeOutput, reopen_closed_standard_fds
from retrocoach.cli.qt_args import split_qt_args
from retrocoach.cli.quick_args import quick_window_args
from retrocoach.core.errors import StorageError

__all__ = ["main"]

_WALKS: Final = frozenset({"run", None})
"""The window and the terminal coach: output failing never changes what they return."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    closed = reopen_closed_standard_fds()
    real = sys.stdout, sys.stderr
    out = SafeOutput.wrap(sys.stdout, closed_at_start=1 in closed)
    err = SafeOutput.wrap(sys.stderr, closed_at_start=2 in closed)
    # argparse's --help and errors, and anything else that prints, go through them too.
    sys.stdout, sys.stderr = out, err
    command: str | None = "--help"  # until parsed: --help and --version print a listing
    exiting: SystemExit | None = None
    try:
        ours, qt = split_qt_args(sys.argv[1:] if argv is None else argv)
        args = quick_window_args(ours) or _parse(ours)
        command = args.command
        if qt and args.command is not None:
            raise UsageError(
                f"{qt[0]} is an option of Qt, for the window: 'retrocoach {args.command}' has none"
            )
        args.qt_args = qt
        code = _dispatch(args, out, err)
    except UsageError as error:
        err.write(f"retrocoach: {error}\n")
        code = EXIT_USAGE
    except StorageError as error:
        err.write(f"retrocoach: {error}\n")
        code = EXIT_FAILED
    except KeyboardInterrupt:
        err.write("retrocoach: interrupted\n")
        code = 130
    except SystemExit as exit_:  # --help, --version, or a command that stopped early
        exiting = exit_
        code = 0 if exit_.code is None else exit_.code if isinstance(exit_.code, int) else 1
    finally:
        out.flush()
        err.flush()
        sys.stdout, sys.stderr = real
    status = _output_status(code, command, out, err)
    if exiting is not None and status == code:
        raise exiting  # as it was raised: the output was written
    return status


def _parse(words: Sequence[str]) -> argparse.Namespace:
    # The whole grammar, for every command line but the plain window start (quick_args.py).
    from retrocoach.cli.parser import build_parser  # noqa: PLC0415

    return build_parser().parse_args(words)


def _output_status(code: int, command: str | None, out: TextIO, err: TextIO) -> int:
    """*code*, unless a listing's output could not be written: then 1, told in one line."""
    safe = out if isinstance(out, SafeOutput) else None
    if safe is None or safe.failure is None or command in _WALKS:
        return code  # a walk's output is a courtesy: its exit status says what was saved
    if safe.broken_pipe:
        return code or 141  # the reader went away (retrocoach history | head): quietly
    err.write(f"retrocoach: the output could not be written: {safe.describe()}\n")
    err.flush()
    return code or EXIT_FAILED


def _dispatch(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    # Imported here so 'retrocoach --help' and '--version' stay quick and Qt-free.
    if args.command == "run":
        from retrocoach.app.terminal import run_terminal  # noqa: PLC0415

        return run_terminal(args, out, err)
    if args.command == "programme":
        from retrocoach.cli.programme import run_programme  # noqa: PLC0415

        return run_programme(args, out, err)
    if args.command in ("history", "plans"):
        from retrocoach.cli.commands import run_history, run_plans  # noqa: PLC0415

        return (run_history if args.command == "history" else run_plans)(args, out, err)
    if args.command == "settings":
        from retrocoach.cli.settings import run_settings  # noqa: PLC0415

        return run_settings(args, out, err)
    if args.command in ("treadmill", "hr"):
        from retrocoach.app.heart import run_hr_scan  # noqa: PLC0415
        from retrocoach.app.treadmill import run_treadmill_scan  # noqa: PLC0415

        scan = run_treadmill_scan if args.command == "treadmill" else run_hr_scan
        return scan(args, out, err)
    return _run_window(args, err)


def _run_window(args: argparse.Namespace, err: TextIO) -> int:
    """``retrocoach``: the coach window.

    The stores are opened, and the core they need imported, before the window's module loads
    PySide6: PySide6 reads the source of every module imported after it and keeps the text in
    memory (PYSIDE-2029), so the core is cheaper imported first.
    """
    from retrocoach.cli.commands import open_stores, teller  # noqa: PLC0415

    paths, history, plans = open_stores(args, err)
    plan = None
    if args.plan is not None:
        from retrocoach.cli.programme import choose_plan  # noqa: PLC0415  (only for --plan)

        plan = choose_plan(args.plan, paths, history, plans, err).plan
    from retrocoach.app.qt_sources import spare_source_reads  # noqa: PLC0415

    spare_source_reads()  # before the window's modules load (see qt_sources.py)
    from retrocoach.app.window import run_app  # noqa: PLC0415

    return run_app(
        paths,
        history,
        plans,
        plan=plan,
        audio=args.audio,
        warn=teller(err),
        argv=getattr(args, "qt_args", ()),
        hr=getattr(args, "hr", None),
        treadmill=getattr(args, "treadmill", None),
    )
