"""FIT export: how long one hour walked takes to encode, and how big its file is.

Run: python benchmarks/fit_export.py [--runs 7]
The walk is an hour of ten rounds with turn-arounds (42 laps), belt speeds and a heart-rate
trace every 5 s, so every record carries speed, distance and pulse. Figures are the median
(and the worst) of the runs; the file is the same bytes every run.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from retrocoach.core.fit.activity import encode_walk
from retrocoach.core.fit.walk import Walk, walk_of
from retrocoach.core.history.records import SessionRecord


@dataclass(frozen=True)
class FitFigures:
    """Encoding time per hour walked (ms) and the file's size."""

    median_ms: float
    worst_ms: float
    size_bytes: int
    laps: int
    records: int


def hour_walk() -> Walk:
    """An hour's walk of ten rounds, as the history keeps it, laid out for FIT."""
    segments: list[dict[str, object]] = [
        {"kind": "warmup", "round": 0, "planned_s": 300, "actual_s": 300.0, "speed_kmh": 3.0}
    ]
    for n in range(1, 11):
        segments += [
            {"kind": "forward", "round": n, "planned_s": 240, "actual_s": 240.0, "speed_kmh": 3.5},
            {"kind": "turn", "round": n, "planned_s": 10, "actual_s": 10.0, "speed_kmh": None},
            {"kind": "backward", "round": n, "planned_s": 60, "actual_s": 60.0, "speed_kmh": 1.5},
            {"kind": "turn", "round": n + 1, "planned_s": 10, "actual_s": 10.0, "speed_kmh": None},
        ]
    segments.append(
        {"kind": "cooldown", "round": 0, "planned_s": 300, "actual_s": 300.0, "speed_kmh": 3.0}
    )
    walked = 300.0 * 2 + 10 * (240 + 10 + 60 + 10)
    start = datetime(2026, 12, 5, 9, 0, tzinfo=timezone(timedelta(hours=1)))
    plan = {
        "name": "Hour walk", "getready_s": 5, "warmup_s": 300, "forward_s": 240,
        "backward_s": 60, "cooldown_s": 300, "rounds": 10, "turn_s": 10,
        "forward_speed_kmh": 3.5, "backward_speed_kmh": 1.5,
    }  # fmt: skip
    trace = [[float(t), 95 + (t // 60) % 20] for t in range(5, 3805, 5)]
    record = SessionRecord.from_json(
        {
            "id": "hour",
            "started_at": start.isoformat(),
            "ended_at": (start + timedelta(seconds=5 + walked)).isoformat(),
            "outcome": "completed",
            "plan": plan,
            "segments": segments,
            "forward_s": 3000.0,
            "backward_s": 600.0,
            "forward_m": None,
            "backward_m": None,
            "energy_kcal_est": 180.0,
            "heart_rate": {"avg_bpm": 101, "max_bpm": 118, "trace": trace},
        }
    )
    walk = walk_of(record)
    assert walk is not None
    return walk


def measure(runs: int = 7) -> FitFigures:
    """Encode the hour's walk *runs* times."""
    walk = hour_walk()
    times: list[float] = []
    data = b""
    for _ in range(runs):
        start = time.perf_counter()
        data = encode_walk(walk, "0.0.0")
        times.append((time.perf_counter() - start) * 1000)
    return FitFigures(
        statistics.median(times), max(times), len(data), len(walk.laps), int(walk.timer_s) + 1
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    figures = measure(args.runs)
    print(
        f"one hour walked ({figures.laps} laps, {figures.records:,} records): "
        f"{figures.median_ms:.0f} ms to encode ({figures.worst_ms:.0f} ms worst), "
        f"{figures.size_bytes / 1024:.0f} KiB"
    )


if __name__ == "__main__":
    main()
