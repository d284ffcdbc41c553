"""Time to open the history view on a history of 10,000 sessions: read, build, show, sort.

Writes a synthetic history.json (presets walked about once a day, some stopped, some with an
effort and a note) to a temporary folder, then in this one process builds and shows a
HistoryView on it several times and prints the median and spread of each step in ms: with a
store that has not read the file yet (the parse included), and with one that has (as in the
app, whose window reads the history at start; the store keeps what it read while the file is
unchanged). Offscreen unless a display is set.

    python benchmarks/history_view_open.py [--sessions 10000] [--runs 5]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from retrocoach.core.history.records import Outcome, SessionRecord
from retrocoach.core.history.store import SCHEMA_VERSION, HistoryStore
from retrocoach.core.plan.model import Kind
from retrocoach.core.plan.presets import PRESETS
from retrocoach.core.session.machine import SegmentRecord
from retrocoach.core.storage.atomic import dump_document
from retrocoach.ui.history.model import COLUMNS
from retrocoach.ui.history.view import HistoryView


def synthetic_history(count: int, seed: int = 7) -> list[SessionRecord]:
    """*count* sessions ending today, about one a day, of the presets, walked in full or not."""
    rng = random.Random(seed)
    plans = [preset.plan for preset in PRESETS.values()]
    now = datetime.now().astimezone().replace(microsecond=0)
    records = []
    for number in range(count):
        plan = rng.choice(plans)
        started = now - timedelta(hours=20 * (count - number) + rng.randint(0, 6))
        stopped = rng.random() < 0.15
        segments = []
        for segment in plan.segments():
            if segment.kind is Kind.GETREADY:
                continue
            actual = float(segment.seconds)
            if stopped and rng.random() < 0.3:
                segments.append(
                    SegmentRecord(segment.kind, segment.seconds, actual / 2, segment.round)
                )
                break
            segments.append(SegmentRecord(segment.kind, segment.seconds, actual, segment.round))
        forward = sum(s.actual_s for s in segments if s.kind is not Kind.BACKWARD)
        backward = sum(s.actual_s for s in segments if s.kind is Kind.BACKWARD)
        records.append(
            SessionRecord(
                id=f"{number:032x}",
                started_at=started,
                ended_at=started + timedelta(seconds=forward + backward + plan.getready_s),
                outcome=Outcome.STOPPED if stopped else Outcome.COMPLETED,
                plan=plan,
                segments=tuple(segments),
                forward_s=forward,
                backward_s=backward,
                effort=rng.randint(0, 10) if rng.random() < 0.6 else None,
                notes="knees fine, kept the rails" if rng.random() < 0.2 else None,
            )
        )
    return records


def timed(action: Callable[[], object]) -> float:
    """Milliseconds *action* takes."""
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def summary(name: str, values: Sequence[float]) -> str:
    """One line: median, min and max in ms."""
    return (
        f"{name:<34} median {statistics.median(values):7.1f} ms   "
        f"min {min(values):7.1f}   max {max(values):7.1f}"
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    figures = measure(args.sessions, args.runs)
    if args.json:
        print(json.dumps(dataclasses.asdict(figures)))
        return
    print(
        f"{args.sessions} sessions, history.json {figures.size_bytes / 1e6:.1f} MB, "
        f"platform {figures.platform}, {args.runs} runs"
    )
    for label, values in figures.steps.items():
        print(summary(label, values))


@dataclass(frozen=True)
class ViewFigures:
    """Milliseconds of each step, every run, by the step's label (see STEPS)."""

    platform: str
    size_bytes: int
    steps: dict[str, list[float]]


STEPS = {
    "load": "history.json first read (load)",
    "cold": "open, store not read yet",
    "warm": "open, store already read (the app)",
    "refresh": "refresh, file unchanged",
    "sort": "sort by one column",
}


def measure(sessions: int = 10_000, runs: int = 5) -> ViewFigures:
    """Write a history of *sessions* sessions to a temporary folder and time each step."""
    if QApplication.instance() is None:
        QApplication([])
    with tempfile.TemporaryDirectory(prefix="retrocoach-bench-") as name:
        return run(Path(name), sessions, runs, QApplication.platformName())


def sort_by(view: HistoryView, column: int) -> None:
    """Sort the view's table by *column*, as a click on its header does."""
    view.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)


def run(folder: Path, sessions: int, runs: int, platform: str) -> ViewFigures:
    """Write the history into *folder*, then time each step *runs* times."""
    records = synthetic_history(sessions)
    data = dump_document(
        {"schema_version": SCHEMA_VERSION}, "sessions", (r.to_json() for r in records)
    )
    (folder / "history.json").write_bytes(data)

    warm_store = HistoryStore(folder, warn=print)
    warm_store.load()  # as the app's store is: the window reads the history when it starts
    steps: dict[str, list[float]] = {label: [] for label in STEPS.values()}
    for _ in range(runs):
        steps[STEPS["load"]].append(timed(HistoryStore(folder, warn=print).load))
        steps[STEPS["cold"]].append(open_view(HistoryStore(folder, warn=print), sessions)[0])
        took, view = open_view(warm_store, sessions)
        steps[STEPS["warm"]].append(took)
        steps[STEPS["refresh"]].append(timed(view.refresh))
        for column in range(len(COLUMNS)):
            steps[STEPS["sort"]].append(timed(partial(sort_by, view, column)))
        view.close()
        view.deleteLater()
        QApplication.processEvents()
    return ViewFigures(platform, len(data), steps)


def open_view(store: HistoryStore, sessions: int) -> tuple[float, HistoryView]:
    """Build a view and show it until painted (the first show reads the history): ms, view."""
    start = time.perf_counter()
    view = HistoryView(store)
    view.resize(1100, 800)
    view.show()
    QApplication.processEvents()
    took = (time.perf_counter() - start) * 1000
    assert view.model.rowCount() == sessions
    return took, view


if __name__ == "__main__":
    main()
