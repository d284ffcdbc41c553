"""Soak: a compressed session of many thousands of segments through the real driver and recorder.

The workload and its checks are tests/soak/soak_workload.py, which the CI test runs at 10,000
segments (the recorder hearing one segment start in 500) and 1,500 (journalled at every
start). Here it runs bigger and prints the times: how long the whole run took, and how long
the recorder took in the first and in the last 1,000 segments, which shows how journalling
grows with the session (the journal holds every segment walked so far).

    python benchmarks/soak.py [--segments 20000] [--journal-every 500] [--no-trace]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT / "tests" / "support",):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402
from soak_workload import SoakFigures, history_problems, run_soak, soak_plan, summary  # noqa: E402


@dataclass(frozen=True)
class SoakRun:
    """One run's figures, and what is wrong with the history it saved (nothing, expected)."""

    figures: SoakFigures
    history_problems: list[str]
    journal_every: int


def measure(segments: int = 20_000, journal_every: int = 500, trace: bool = True) -> SoakRun:
    """Walk a plan of *segments* segments; the recorder hears one segment start in *every*."""
    QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="retrocoach-soak-") as name:
        folder = Path(name)
        figures = run_soak(folder, segments, journal_every=journal_every, trace_memory=trace)
        problems = history_problems(folder, soak_plan(segments))
    return SoakRun(figures, problems, journal_every)


def main() -> int:
    """Print the figures; exit 1 if the run saw a problem."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=20_000)
    parser.add_argument(
        "--journal-every",
        type=int,
        default=500,
        help="the recorder hears one segment start in this many (1: every one, as in the app)",
    )
    parser.add_argument("--no-trace", action="store_true", help="no tracemalloc (much faster)")
    args = parser.parse_args()
    run = measure(args.segments, args.journal_every, trace=not args.no_trace)
    summary(run.figures)
    for problem in run.history_problems:
        print(f"  HISTORY: {problem}")
    if not run.history_problems:
        print(f"  history.json {run.figures.history_bytes / 1e6:.1f} MB: the whole session")
    return 1 if run.figures.problems or run.history_problems else 0


if __name__ == "__main__":
    sys.exit(main())
