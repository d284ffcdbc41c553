"""Boundary timing of the real driver loop on the real steady clock: error per boundary, drift.

Runs a compressed plan (1 s segments, played --speed times faster than real time) through the
terminal coach's loop, and records for every segment start how late the loop reported it
compared with its scheduled time. Errors are printed in real milliseconds.

    python benchmarks/timer_drift.py [--segments 600] [--speed 10]
"""

from __future__ import annotations

import argparse
import io
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from retrocoach.cli.terminal import TerminalCoach, Waiter, wait_with_select
from retrocoach.core.clock import MonotonicClock
from retrocoach.core.plan.model import Plan
from retrocoach.core.session.machine import Event, SegmentStarted, Session, SessionFinished


class ScaledClock:
    """The real steady clock, running *speed* times faster: compresses a long plan."""

    def __init__(self, speed: float) -> None:
        self._base = MonotonicClock()
        self._origin = self._base.now()
        self.speed = speed

    def now(self) -> float:
        return (self._base.now() - self._origin) * self.speed


class BoundaryProbe:
    """Records how late each boundary was reported, in scaled seconds."""

    def __init__(self) -> None:
        self.lateness: list[float] = []
        self.reported: list[float] = []
        self.scheduled: list[float] = []

    def on_events(self, session: Session, events: Sequence[Event], now: float) -> None:
        for event in events:
            if isinstance(event, SegmentStarted | SessionFinished):
                self.lateness.append(now - event.at)
                self.reported.append(now)
                self.scheduled.append(event.at)


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


@dataclass(frozen=True)
class DriftFigures:
    """One run: how late each boundary was reported, in real milliseconds."""

    segments: int
    speed: float
    exit_status: int
    errors_ms: tuple[float, ...]
    drift_ms: float

    @property
    def p50_ms(self) -> float:
        return statistics.median(self.errors_ms)

    @property
    def p99_ms(self) -> float:
        return percentile(self.errors_ms, 0.99)

    @property
    def max_ms(self) -> float:
        return max(self.errors_ms)

    @property
    def halves_ms(self) -> tuple[float, float]:
        """Mean error of the first and of the second half of the boundaries."""
        half = len(self.errors_ms) // 2
        return statistics.mean(self.errors_ms[:half]), statistics.mean(self.errors_ms[half:])


def measure(segments: int = 600, speed: float = 10.0, wait: str = "qt") -> DriftFigures:
    """Walk *segments* one-second segments at *speed* times real time; return the errors.

    *wait* ``qt`` sleeps as `retrocoach run` does (Qt's event loop, serving D-Bus for the
    media keys); ``select`` is the plain select(2) wait.
    """
    rounds = max(1, segments // 2)
    # Built directly: the benchmark needs more rounds than a user plan may have (100).
    plan = Plan(forward_s=1, backward_s=1, rounds=rounds, warmup_s=0, cooldown_s=0, getready_s=0)
    clock = ScaledClock(speed)
    probe = BoundaryProbe()
    waiter: Waiter = wait_with_select
    app = None
    if wait == "qt":
        from PySide6.QtCore import QCoreApplication  # noqa: PLC0415

        from retrocoach.app.media_keys import QtWait  # noqa: PLC0415

        app = QCoreApplication.instance() or QCoreApplication(["timer-drift"])
        waiter = QtWait()
    coach = TerminalCoach(
        Session(plan, countdown_s=3),
        clock,
        io.StringIO(),
        listeners=[probe],
        clock_rate=speed,
        wait=waiter,
    )
    code = coach.run()
    del app

    to_ms = 1000.0 / speed
    span_reported = probe.reported[-1] - probe.reported[0]
    span_scheduled = probe.scheduled[-1] - probe.scheduled[0]
    return DriftFigures(
        segments=2 * rounds,
        speed=speed,
        exit_status=code,
        errors_ms=tuple(late * to_ms for late in probe.lateness),
        drift_ms=(span_reported - span_scheduled) * to_ms,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=600)
    parser.add_argument("--speed", type=float, default=10.0)
    parser.add_argument("--wait", choices=("qt", "select"), default="qt")
    args = parser.parse_args()
    figures = measure(args.segments, args.speed, args.wait)
    print(
        f"timer drift: {len(figures.errors_ms)} boundaries, {figures.segments} segments, "
        f"speed x{figures.speed:g}, {args.wait} wait"
    )
    print(f"  exit status            {figures.exit_status}")
    print(f"  boundary error p50     {figures.p50_ms:8.3f} ms")
    print(f"  boundary error p99     {figures.p99_ms:8.3f} ms")
    print(f"  boundary error max     {figures.max_ms:8.3f} ms   (target <= 20 ms)")
    print(f"  drift first -> last    {figures.drift_ms:8.3f} ms   (target: none cumulative)")
    first_half, second_half = figures.halves_ms
    print(f"  mean error 1st / 2nd half {first_half:.3f} / {second_half:.3f} ms")


if __name__ == "__main__":
    main()
