"""A simulated heart-rate strap (and a treadmill, when asked) on one in-process bumble link."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from treadmill_bench import DEADLINE_S, drain_until

from retrocoach.core.devices.heart_rate import HeartRateMeasurement
from retrocoach.devices.loop import DeviceThread, Inbox
from retrocoach.devices.simulated.bleak_backend import backend_for
from retrocoach.devices.simulated.radio import DEMO_TREADMILL_ADDRESS, Radio
from retrocoach.devices.simulated.strap import DEMO_STRAP_ADDRESS, DEMO_STRAP_NAME, SimulatedStrap
from retrocoach.devices.simulated.treadmill import DEMO_NAME, SimulatedTreadmill
from retrocoach.devices.strap import StrapLink, StrapReports
from retrocoach.devices.treadmill import TreadmillLink, TreadmillReports

T = TypeVar("T")


@dataclass
class HeardStrap:
    """A StrapReports that keeps everything it hears."""

    connected: list[str | None] = field(default_factory=list)
    disconnected: int = 0
    measurements: list[tuple[HeartRateMeasurement, float]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def on_strap_connected(self, name: str | None) -> None:
        self.connected.append(name)

    def on_strap_disconnected(self) -> None:
        self.disconnected += 1

    def on_measurement(self, measurement: HeartRateMeasurement, at: float) -> None:
        self.measurements.append((measurement, at))

    def on_strap_problem(self, line: str) -> None:
        self.problems.append(line)


@dataclass
class StrapBench:
    thread: DeviceThread
    inbox: Inbox
    radio: Radio
    strap: SimulatedStrap
    treadmill: SimulatedTreadmill | None = None

    def on_device(self, coroutine: Any) -> Any:
        """Run a coroutine (the strap's, say) on the device thread."""
        return self.thread.call(coroutine)

    def strap_link(
        self, reports: StrapReports, clock: Callable[[], float] = time.monotonic
    ) -> StrapLink:
        link = StrapLink(
            DEMO_STRAP_ADDRESS,
            reports,
            thread=self.thread,
            inbox=self.inbox,
            backend=backend_for(self.radio.central),
            clock=clock,
        )
        link.start()
        return link

    def treadmill_link(self, reports: TreadmillReports) -> TreadmillLink:
        link = TreadmillLink(
            DEMO_TREADMILL_ADDRESS,
            reports,
            thread=self.thread,
            inbox=self.inbox,
            backend=backend_for(self.radio.central),
        )
        link.start()
        return link

    def until(self, check: Callable[[], T], what: str, deadline_s: float = DEADLINE_S) -> T:
        """Drain the inbox until *check* returns something true; fail after the deadline."""
        return drain_until(self.inbox, check, what, deadline_s)


@contextmanager
def strap_bench(*, with_treadmill: bool = False, interval_s: float = 0.05) -> Iterator[StrapBench]:
    """A running simulated strap (beating every *interval_s*) on a fresh link, closed after."""
    thread = DeviceThread("test-devices")
    inbox = Inbox()
    radio = Radio()

    async def start() -> tuple[SimulatedStrap, SimulatedTreadmill | None]:
        strap = SimulatedStrap(
            radio.peripheral(DEMO_STRAP_NAME, DEMO_STRAP_ADDRESS),
            lambda _elapsed: 100,
            interval_s=interval_s,
        )
        await strap.start()
        treadmill = None
        if with_treadmill:
            treadmill = SimulatedTreadmill(radio.peripheral(DEMO_NAME, DEMO_TREADMILL_ADDRESS))
            await treadmill.start()
        return strap, treadmill

    strap, treadmill = thread.call(start())
    bench = StrapBench(thread, inbox, radio, strap, treadmill)
    try:
        yield bench
    finally:
        thread.call(strap.close())
        if treadmill is not None:
            thread.call(treadmill.close())
        thread.close()
        inbox.close()
