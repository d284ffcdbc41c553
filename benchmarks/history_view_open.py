"""Time to open the history view on a history of 10,000 sessions: read, build, show, sort.

Writes a synthetic history.json (presets walked about once a day, some stopped, some with an
effort and a note) to a temporary folder, then in this one process builds and shows a
HistoryView on it several times and prints the median and spread of each step in ms.
Offscreen unless a display is set.

    python benchmarks/history_view_open.py [--sessions 10000] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from retrocoach.core.atomic import dump_document
from retrocoach.core.history import SCHEMA_VERSION, HistoryStore
from retrocoach.core.plan import Kind
from retrocoach.core.presets import PRESETS
from retrocoach.core.records import Outcome, SessionRecord
from retrocoach.core.session import SegmentRecord
from retrocoach.ui.history_model import COLUMNS
from retrocoach.ui.history_view import HistoryView


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
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="retrocoach-bench-"))
    records = synthetic_history(args.sessions)
    data = dump_document(
        {"schema_version": SCHEMA_VERSION}, "sessions", (r.to_json() for r in records)
    )
    (folder / "history.json").write_bytes(data)
    print(
        f"{args.sessions} sessions, history.json {len(data) / 1e6:.1f} MB, "
        f"platform {app.platformName()}, {args.runs} runs"
    )  # type: ignore[attr-defined]

    store = HistoryStore(folder, warn=print)
    load: list[float] = []
    opened: list[float] = []
    refresh: list[float] = []
    sorts: list[float] = []
    for _ in range(args.runs):
        load.append(timed(store.load))
        view = HistoryView(store)
        view.resize(1100, 800)

        def open_view(view: HistoryView = view) -> None:
            view.show()  # the first show reads the history
            QApplication.processEvents()

        opened.append(timed(open_view))
        assert view.model.rowCount() == args.sessions
        refresh.append(timed(view.refresh))
        for column in range(len(COLUMNS)):
            sorts.append(
                timed(lambda c=column, v=view: v.table.sortByColumn(c, Qt.SortOrder.AscendingOrder))
            )
        view.close()
        view.deleteLater()
        QApplication.processEvents()
    print(summary("history.json read (store.load)", load))
    print(summary("open: build + first show (all in)", opened))
    print(
        summary("view's own part (open - read)", [o - r for o, r in zip(opened, load, strict=True)])
    )
    print(summary("refresh (read again + redraw)", refresh))
    print(summary("sort by one column", sorts))


if __name__ == "__main__":
    main()
