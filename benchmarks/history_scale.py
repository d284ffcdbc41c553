"""How the history copes with 10,000 sessions: listing, CSV export, and recording one more.

Run: python benchmarks/history_scale.py [--sessions 10000] [--repeats 7] [--clock wall|cpu]
Each figure is the median (and the worst) of several runs. A history read whole once leaves a
certificate beside it (.history-checked.json) by which later stores read it only as needed;
"load, no certificate" is a store without one (the first start after another program wrote it).
Listing and export use a fresh store each run, as a new ``retrocoach history`` process does.
Recording is timed twice: with a store that has read the history already (the coach reads it
when it starts, so this is what the walker waits for when a session ends), and with a fresh
store that must read it first. "extra" is the same operation on the big history minus on an
empty one.
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import partial
from pathlib import Path

from retrocoach.cli.history import run_history
from retrocoach.core.history.lines import CERTIFICATE_NAME
from retrocoach.core.history.store import SCHEMA_VERSION, HistoryStore, Outcome, SessionRecord
from retrocoach.core.plan.model import Kind, Plan
from retrocoach.core.session.machine import SegmentRecord
from retrocoach.core.storage.atomic import dump_document, write_bytes_atomic

ZONE = timezone(timedelta(hours=1))
PLANS = (
    Plan(name="first-steps", warmup_s=0, forward_s=300, backward_s=60, rounds=3),
    Plan(name="daily-ten", forward_s=120, backward_s=60, rounds=5),
    Plan(name="Lunch walk", forward_s=240, backward_s=90, rounds=4),
)


def make_record(number: int) -> SessionRecord:
    """A realistic session: a full plan, a few stopped or interrupted, some check-ins."""
    plan = PLANS[number % len(PLANS)]
    start = datetime(2000, 1, 1, 7, 0, tzinfo=ZONE) + timedelta(hours=20 * number)
    segments = tuple(
        SegmentRecord(s.kind, s.seconds, float(s.seconds) - (number % 7) * 0.125, s.round)
        for s in plan.segments()
        if s.kind is not Kind.GETREADY
    )
    outcome = (Outcome.COMPLETED, Outcome.COMPLETED, Outcome.STOPPED, Outcome.INTERRUPTED)[
        number % 4
    ]
    return SessionRecord(
        id=uuid.uuid4().hex,
        started_at=start,
        ended_at=start + timedelta(seconds=plan.total_s),
        outcome=outcome,
        plan=plan,
        segments=segments,
        forward_s=sum(s.actual_s for s in segments if s.kind is not Kind.BACKWARD),
        backward_s=sum(s.actual_s for s in segments if s.kind is Kind.BACKWARD),
        notes="felt steady, knees fine" if number % 5 == 0 else None,
        effort=number % 11 if number % 3 == 0 else None,
    )


def build(folder: Path, count: int) -> HistoryStore:
    folder.mkdir()
    if count:
        data = dump_document(
            {"schema_version": SCHEMA_VERSION},
            "sessions",
            (make_record(n).to_json() for n in range(count)),
        )
        write_bytes_atomic(folder / "history.json", data, keep_backup=False)
    return HistoryStore(folder, warn=print)


def timed(
    prepare: Callable[[], Callable[[], object]],
    repeats: int,
    clock: Callable[[], float] = time.perf_counter,
) -> tuple[float, float]:
    """(median, worst) seconds of the action *prepare* returns, prepared afresh each run."""
    times = []
    for _ in range(repeats):
        action = prepare()
        begin = clock()
        action()
        times.append(clock() - begin)
    return statistics.median(times), max(times)


def fresh(store: HistoryStore) -> HistoryStore:
    """A new store on the same folder, as a new process would have: nothing read yet."""
    return HistoryStore(store.folder, warn=print)


def warm(store: HistoryStore) -> HistoryStore:
    """A store that has read the history, as the coach has when a session ends."""
    ready = fresh(store)
    ready.load()
    return ready


def uncertified(store: HistoryStore) -> HistoryStore:
    """A new store, with the history's certificate gone: the history is read whole and checked
    (and the certificate written again), as at the first start after another program wrote it."""
    (store.folder / CERTIFICATE_NAME).unlink(missing_ok=True)
    return fresh(store)


CASES: tuple[tuple[str, Callable[[HistoryStore], Callable[[], object]]], ...] = (
    ("load, no certificate", lambda store: uncertified(store).load),
    ("load (as a walk starts)", lambda store: fresh(store).load),
    ("read every session", lambda store: lambda: tuple(fresh(store).sessions())),
    ("list (history, table)", lambda store: lambda: listing(fresh(store), "table")),
    ("export (history --format csv)", lambda store: lambda: listing(fresh(store), "csv")),
    ("export (history --format json)", lambda store: lambda: listing(fresh(store), "json")),
    ("record one more, as the coach", lambda store: partial(warm(store).add, make_record(-1))),
    ("record one more, cold store", lambda store: partial(fresh(store).add, make_record(-1))),
)


@dataclass(frozen=True)
class Row:
    """One operation: (median, worst) seconds on the empty history and on the big one."""

    empty: tuple[float, float]
    big: tuple[float, float]

    @property
    def extra_s(self) -> float:
        """What the big history adds to the median."""
        return self.big[0] - self.empty[0]


@dataclass(frozen=True)
class ScaleFigures:
    """Every operation of CASES, by its label, on a history of *sessions* sessions."""

    sessions: int
    size_bytes: int
    rows: dict[str, Row]


def measure(
    sessions: int = 10_000, repeats: int = 7, clock: Callable[[], float] = time.perf_counter
) -> ScaleFigures:
    """Time every operation of CASES on an empty history and on one of *sessions* sessions."""
    with tempfile.TemporaryDirectory() as tmp:
        empty = build(Path(tmp) / "empty", 0)
        big = build(Path(tmp) / "big", sessions)
        rows = {
            label: Row(
                timed(partial(prepare, empty), repeats, clock),
                timed(partial(prepare, big), repeats, clock),
            )
            for label, prepare in CASES
        }
        return ScaleFigures(sessions, big.path.stat().st_size, rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument(
        "--clock",
        choices=("wall", "cpu"),
        default="wall",
        help="cpu: this process's CPU time, which other work on a busy machine hardly moves",
    )
    args = parser.parse_args()
    clock = time.process_time if args.clock == "cpu" else time.perf_counter
    figures = measure(args.sessions, args.repeats, clock)
    print(
        f"history.json with {figures.sessions} sessions: {figures.size_bytes / 1e6:.1f} MB"
        f" ({args.clock} time)"
    )
    print(f"{'operation (median, worst)':<32} {'empty':>16} {'big':>18} {'extra':>10}")
    for label, row in figures.rows.items():
        (small_med, small_max), (big_med, big_max) = row.empty, row.big
        print(
            f"{label:<32} {small_med * 1e3:7.1f} ms ({small_max * 1e3:5.1f})"
            f" {big_med * 1e3:8.1f} ms ({big_max * 1e3:6.1f})"
            f" {row.extra_s * 1e3:7.1f} ms"
        )


def listing(store: HistoryStore, fmt: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    if run_history(store, fmt, out, err) != 0:
        raise SystemExit(err.getvalue())


if __name__ == "__main__":
    main()
