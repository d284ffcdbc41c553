"""The ``retrocoach history`` and ``retrocoach plans`` commands: review, export, plan list."""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, tzinfo
from pathlib import Path
from typing import Final, TextIO

from retrocoach.cli.errors import EXIT_USAGE
from retrocoach.cli.history_fit import export_fit_files, fit_options_problem
from retrocoach.cli.output import escape_controls, is_terminal
from retrocoach.core.clock import shown_time
from retrocoach.core.durations import format_total, format_walked
from retrocoach.core.errors import StorageError
from retrocoach.core.figures.estimate_words import (
    ESTIMATE_NOTE,
    record_estimates,
    totals_estimate_line,
)
from retrocoach.core.figures.export import export_csv_rows, select_sessions
from retrocoach.core.figures.stats import totals
from retrocoach.core.history.records import SessionRecord
from retrocoach.core.history.store import SCHEMA_VERSION, FileState, HistoryStore
from retrocoach.core.plan.presets import PRESETS, Preset
from retrocoach.core.plan.store import PlanStore
from retrocoach.core.safety.coaching_rules import RULES, Rule
from retrocoach.core.safety.references import ReferenceDataError, ReferenceList
from retrocoach.core.session.words import belt_text
from retrocoach.core.speeds import Units, speeds_in
from retrocoach.core.storage.atomic import dump_document
from retrocoach.core.storage.files import collector_paused
from retrocoach.core.storage.lazy import VouchedLineError

__all__ = ["FORMATS", "run_history", "run_plans"]

FORMATS: Final = ("table", "csv", "json", "fit")
EXIT_OK: Final = 0
EXIT_STORAGE: Final = 1
_PLAN_WIDTH: Final = 24
_TEXT_WIDTH: Final = 96


def run_history(
    store: HistoryStore,
    fmt: str,
    out: TextIO,
    err: TextIO,
    *,
    since: date | None = None,
    until: date | None = None,
    tz: tzinfo | None = None,
    units: Units = Units.KMH,
    folder: Path | None = None,
    force: bool = False,
) -> int:
    """List or export the history; returns the exit status (2 for bad input, 1 if unreadable).

    The table shows belt distances in *units*' length (km or miles). The fit format writes
    one file per walk into *folder*, replacing files of the same name only with *force*.
    """
    problem = _usage_problem(fmt, since, until) or fit_options_problem(fmt, folder, force)
    if problem:
        err.write(f"retrocoach: {problem}\n")
        return EXIT_USAGE
    listing = functools.partial(
        _list, store, fmt, out, err, since=since, until=until, tz=tz, units=units
    )
    try:
        return listing(folder=folder, force=force)
    except VouchedLineError:
        # A line its certificate vouched for did not read (it is withdrawn): nothing was
        # written yet (each format reads every session before its first byte), so the file
        # is read whole now, as a damaged file is, as the next start would.
        store.forget()
        return listing(folder=folder, force=force)


def _list(
    store: HistoryStore,
    fmt: str,
    out: TextIO,
    err: TextIO,
    *,
    since: date | None,
    until: date | None,
    tz: tzinfo | None,
    units: Units,
    folder: Path | None,
    force: bool,
) -> int:
    loaded = store.load()
    if loaded.state is FileState.PROTECTED:
        return EXIT_STORAGE  # the store has told why, through its warn callback
    # Every session as JSON is the store's own export, which need not read each session; the
    # CSV export chooses its sessions itself, from what each line says (no record is built).
    whole = fmt == "json" and since is None and until is None
    chosen = whole or fmt == "csv"
    records = loaded.items if chosen else select_sessions(loaded.items, since, until, tz)
    if fmt == "fit":
        assert folder is not None  # fit_options_problem() saw to it
        if not records:
            out.write(_nothing_found(since, until))
            return EXIT_OK
        return export_fit_files(records, folder, out, err, tz=tz, force=force)
    writers: Mapping[str, Callable[[Sequence[SessionRecord], TextIO, tzinfo | None], object]] = {
        "table": functools.partial(_write_table, units=units),
        # On a terminal an escape sequence or a bidi control in a note would act, not show.
        "csv": functools.partial(
            export_csv_rows,
            since=since,
            until=until,
            shown=escape_controls if is_terminal(out) else None,
        ),
        "json": functools.partial(_write_json, store=store if whole else None),
    }
    if fmt == "table" and not records:
        out.write(_nothing_found(since, until))
        return EXIT_OK
    writers[fmt](records, out, tz)
    return EXIT_OK


def _usage_problem(fmt: str, since: date | None, until: date | None) -> str | None:
    if fmt not in FORMATS:
        return f"unknown format '{fmt}': use {', '.join(FORMATS)}"
    if since is not None and until is not None and since > until:
        return f"--since {since} is after --until {until}: swap them"
    return None


def _nothing_found(since: date | None, until: date | None) -> str:
    if since is None and until is None:
        return "No sessions recorded yet.\n"
    span = f"from {since or 'the start'} to {until or 'today'}"
    return f"No sessions {span}.\n"


def _printable(text: str, width: int) -> str:
    # A hand-edited plan name may hold tabs or newlines that would break the table's columns.
    flat = "".join(char if char.isprintable() else " " for char in text)
    return flat if len(flat) <= width else flat[: width - 3] + "..."


def _write_table(
    records: Sequence[SessionRecord], out: TextIO, tz: tzinfo | None, *, units: Units
) -> None:
    names = [_printable(record.plan.name, _PLAN_WIDTH) for record in records]
    width = max(len("Plan"), *map(len, names))
    out.write(
        f"{'Date':<16}  {'Plan':<{width}}  {'Walked':>8}  {'Backward':>9}  "
        f"{'Belt est.*':>10}  {'Energy est.*':>12}  Outcome\n"
    )
    for record, name in zip(records, names, strict=True):
        started = shown_time(record.started_at, tz)
        distance, energy = record_estimates(record, units)
        walked, _, backward = format_walked(record.forward_s, record.backward_s)
        out.write(
            f"{started:<16}  {name:<{width}}  {walked:>8}  "
            f"{backward:>9}  {distance:>10}  {energy:>12}  "
            f"{record.outcome.value}\n"
        )
    summed = totals(records)
    noun = "session" if summed.sessions == 1 else "sessions"
    out.write("-" * (width + 76) + "\n")
    out.write(
        f"{summed.sessions} {noun}, {format_total(summed.walking_s)} walked: "
        f"{format_total(summed.forward_s)} forward, {format_total(summed.backward_s)} backward\n"
    )
    estimated = totals_estimate_line(summed, units)
    if estimated:
        out.write(f"{estimated}\n")
    for line in textwrap.wrap(f"* {ESTIMATE_NOTE}", _TEXT_WIDTH):
        out.write(f"{line}\n")


def _write_json(
    records: Sequence[SessionRecord], out: TextIO, tz: tzinfo | None, *, store: HistoryStore | None
) -> None:
    # The same shape as history.json, so scripts can use the shipped schema on it.
    if store is not None:
        out.write(store.export_json().decode("ascii"))
        return
    with collector_paused():  # 10,000 sessions' dicts, none of them garbage
        data = dump_document(
            {"schema_version": SCHEMA_VERSION}, "sessions", (r.to_json() for r in records)
        )
    out.write(data.decode("ascii"))


def run_plans(
    plans: PlanStore,
    out: TextIO,
    err: TextIO,
    *,
    presets: Mapping[str, Preset] = PRESETS,
    references: ReferenceList | None = None,
    units: Units = Units.KMH,
) -> int:
    """List the built-in presets with their sources, the saved plans, then the references."""
    try:
        saved = plans.plans()
    except StorageError as error:
        err.write(f"retrocoach: {error}\n")
        return EXIT_STORAGE
    if references is None:
        try:
            references = ReferenceList.default()
        except ReferenceDataError as error:
            err.write(f"retrocoach: the plans' sources are unavailable: {error}\n")
    names = [*presets, *(plan.name for plan in saved)]
    width = min(max(map(len, names), default=4), _PLAN_WIDTH)
    pad = " " * (width + 4)
    out.write("Built-in plans:\n")
    for key, preset in presets.items():
        out.write(f"  {_printable(key, _PLAN_WIDTH):<{width}}  {preset.plan.describe()}\n")
        out.write(f"{pad}{preset.description}\n")
        belt = belt_text(preset.plan, units)
        if belt:
            out.write(f"{pad}{belt}\n")
        details = speeds_in(preset.details, units)
        for line in textwrap.wrap(details, max(40, _TEXT_WIDTH - len(pad))):
            out.write(f"{pad}{line}\n")
        if references is not None:
            label = "Source" if len(preset.references) == 1 else "Sources"
            out.write(f"{pad}{label}: {references.cite(preset.references)}\n")
    out.write("\nSaved plans:\n")
    if not saved:
        out.write("  none yet\n")
    for plan in saved:
        out.write(f"  {_printable(plan.name, _PLAN_WIDTH):<{width}}  {plan.describe()}\n")
        out.write(f"{pad}{plan.spec()}\n")
    out.write("\nRules every built-in plan and programme keeps:\n")
    for rule in RULES:
        lines = textwrap.wrap(speeds_in(rule.text, units), _TEXT_WIDTH - 4)
        out.writelines(f"  {'-' if at == 0 else ' '} {line}\n" for at, line in enumerate(lines))
        if references is not None:
            label = "Source" if len(rule.references) == 1 else "Sources"
            said = f"{label}: {references.cite(rule.references)}"
            out.writelines(f"    {line}\n" for line in textwrap.wrap(said, _TEXT_WIDTH - 4))
    if references is not None:
        cited: list[Preset | Rule] = [*presets.values(), *RULES]
        _write_references(references, cited, out)
    return EXIT_OK


def _write_references(
    references: ReferenceList, citing: Iterable[Preset | Rule], out: TextIO
) -> None:
    """The full citation of every source the presets and rules cite, for looking them up."""
    cited = {ref_id for item in citing for ref_id in item.references}
    listed = [ref for ref in references.all() if ref.id in cited]
    if not listed:
        return
    out.write("\nReferences (RetroCoach is not medical advice):\n")
    for ref in listed:
        lines = textwrap.wrap(
            ref.full(), _TEXT_WIDTH - 4, break_on_hyphens=False, break_long_words=False
        ) or [""]
        out.write(f"  - {lines[0]}\n")
        for line in lines[1:]:
            out.write(f"    {line}\n")
