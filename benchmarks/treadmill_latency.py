"""Treadmill: from a segment's boundary to its speed command written, and to the belt at speed.

Run: python benchmarks/treadmill_latency.py [--rounds 10]
A session of forward and backward segments (2.0 and 1.0 km/h, no turn-arounds) walked on the
real clock by a loop like ``run``'s, with the treadmill coach, the device thread and the link
of the app, and the simulated treadmill on an in-process bumble link (real GATT). Times are
from each boundary as scheduled (so the loop's own wake-up counts) to: the Control Point
request written (the write's response back), the treadmill receiving it, and the simulated
belt reaching the speed (at 0.5 km/h per second, its physics dominate that one).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass

from retrocoach.core.devices.belt_coach import BeltCoach
from retrocoach.core.devices.ftms_control import Op
from retrocoach.core.plan.model import parse_spec
from retrocoach.core.session.events import SegmentStarted
from retrocoach.core.session.machine import Session
from retrocoach.devices.belt_hookup import TreadmillHookup
from retrocoach.devices.loop import DeviceThread, Inbox
from retrocoach.devices.simulated.bleak_backend import backend_for
from retrocoach.devices.simulated.radio import DEMO_TREADMILL_ADDRESS, Radio
from retrocoach.devices.simulated.treadmill import DEMO_NAME, SimulatedTreadmill
from retrocoach.devices.treadmill import TreadmillLink, Written


@dataclass(frozen=True)
class BeltFigures:
    """Milliseconds from the boundaries, each list one entry per speed change."""

    written_ms: list[float]
    received_ms: list[float]
    at_speed_ms: list[float]


def measure(rounds: int = 10) -> BeltFigures:
    """Walk *rounds* rounds of 3 s forward, 3 s backward and time every speed change."""
    thread, inbox, radio = DeviceThread("bench-devices"), Inbox(), Radio()

    async def start() -> SimulatedTreadmill:
        treadmill = SimulatedTreadmill(radio.peripheral(DEMO_NAME, DEMO_TREADMILL_ADDRESS))
        await treadmill.start()
        return treadmill

    demo = thread.call(start())
    written: list[Written] = []
    link: TreadmillLink | None = None
    hookup = TreadmillHookup(BeltCoach(), lambda request: link.send(request) if link else None)
    link = TreadmillLink(
        DEMO_TREADMILL_ADDRESS,
        hookup,
        thread=thread,
        inbox=inbox,
        backend=backend_for(radio.central),
        on_written=written.append,
    )
    link.start()
    while not hookup.coach.connected:
        inbox.drain()
        time.sleep(0.01)
    plan = parse_spec(
        f"getready=0s warmup=0s forward=3s backward=3s rounds={rounds} cooldown=0s "
        "forward-speed=2km/h backward-speed=1km/h"
    )
    session = Session(plan)
    boundaries: list[float] = []
    start_at = time.monotonic()
    hookup.on_events(session, session.start(0.0), 0.0)
    while not session.is_over:
        wake = session.next_wake(time.monotonic() - start_at)
        pause = 0.01 if wake is None else wake - (time.monotonic() - start_at)
        time.sleep(max(0.0, min(pause, 0.01)))
        inbox.drain()
        now = time.monotonic() - start_at
        events = session.advance(now)
        boundaries += [start_at + e.at for e in events if isinstance(e, SegmentStarted)]
        hookup.on_events(session, events, now)
    link.stop()
    thread.call(demo.close())
    thread.close()
    inbox.close()
    return _figures(boundaries, written, demo)  # the boundaries after the start


def _figures(
    boundaries: Sequence[float], written: Sequence[Written], demo: SimulatedTreadmill
) -> BeltFigures:
    speeds = [w for w in written if w.request.op is Op.SET_TARGET_SPEED][1:]
    received = [r for r in demo.received if r.request.op is Op.SET_TARGET_SPEED][1:]
    history = demo.belt.history
    written_ms, received_ms, at_speed_ms = [], [], []
    for boundary, write, arrival in zip(boundaries, speeds, received, strict=False):
        written_ms.append((write.at - boundary) * 1000)
        received_ms.append((arrival.at - boundary) * 1000)
        goal = write.request.speed_kmh or 0.0
        reached = next(
            (t for t, kmh in history if t >= arrival.at - _offset(demo) and abs(kmh - goal) < 0.05),
            None,
        )
        if reached is not None:
            at_speed_ms.append((reached + _offset(demo) - boundary) * 1000)
    return BeltFigures(written_ms, received_ms, at_speed_ms)


def _offset(demo: SimulatedTreadmill) -> float:
    """The belt's clock (seconds it has run) against time.monotonic()."""
    return demo.started_at


def _line(name: str, values: Sequence[float]) -> str:
    if not values:
        return f"{name}: no samples"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (
        f"{name}: median {statistics.median(values):.1f} ms, p95 {p95:.1f} ms, "
        f"max {max(values):.1f} ms ({len(values)} changes)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args(argv)
    figures = measure(args.rounds)
    print(_line("boundary to speed command written", figures.written_ms))
    print(_line("boundary to command received by the treadmill", figures.received_ms))
    print(_line("boundary to belt at the new speed", figures.at_speed_ms))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
