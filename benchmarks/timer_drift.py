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

from retrocoach.core.clock import MonotonicClock
from retrocoach.core.plan import Plan
from retrocoach.core.session import Event, SegmentStarted, Session, SessionFinished
from retrocoach.terminal import TerminalCoach


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=600)
    parser.add_argument("--speed", type=float, default=10.0)
    args = parser.parse_args()

    rounds = max(1, args.segments // 2)
    # Built directly: the benchmark needs more rounds than a user plan may have (100).
    plan = Plan(forward_s=1, backward_s=1, rounds=rounds, warmup_s=0, cooldown_s=0, getready_s=0)
    clock = ScaledClock(args.speed)
    probe = BoundaryProbe()
    coach = TerminalCoach(
        Session(plan, countdown_s=3),
        clock,
        io.StringIO(),
        listeners=[probe],
        clock_rate=args.speed,
    )
    code = coach.run()

    to_ms = 1000.0 / args.speed
    errors = [late * to_ms for late in probe.lateness]
    span_reported = probe.reported[-1] - probe.reported[0]
    span_scheduled = probe.scheduled[-1] - probe.scheduled[0]
    drift_ms = (span_reported - span_scheduled) * to_ms
    print(f"timer drift: {len(errors)} boundaries, {2 * rounds} segments, speed x{args.speed:g}")
    print(f"  exit status            {code}")
    print(f"  boundary error p50     {statistics.median(errors):8.3f} ms")
    print(f"  boundary error p99     {percentile(errors, 0.99):8.3f} ms")
    print(f"  boundary error max     {max(errors):8.3f} ms   (target <= 20 ms)")
    print(f"  drift first -> last    {drift_ms:8.3f} ms   (target: none cumulative)")
    first_half = statistics.mean(errors[: len(errors) // 2])
    second_half = statistics.mean(errors[len(errors) // 2 :])
    print(f"  mean error 1st / 2nd half {first_half:.3f} / {second_half:.3f} ms")


if __name__ == "__main__":
    main()
