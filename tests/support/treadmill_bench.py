"""A simulated treadmill on an in-process bumble link, and the app's link to it, for tests."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from retrocoach.core.devices.ftms_control import (
    ControlResponse,
    MachineStatus,
    Op,
    SpeedRange,
)
from retrocoach.core.devices.ftms_data import TreadmillData
from retrocoach.devices.loop import DeviceThread, Inbox
from retrocoach.devices.simulated.belt_model import BeltModel
from retrocoach.devices.simulated.bleak_backend import backend_for
from retrocoach.devices.simulated.radio import DEMO_TREADMILL_ADDRESS, Radio
from retrocoach.devices.simulated.treadmill import DEMO_NAME, Received, SimulatedTreadmill
from retrocoach.devices.treadmill import TreadmillLink, Written

T = TypeVar("T")
DEADLINE_S = 20.0


@dataclass
class Heard:
    """A TreadmillReports that keeps everything it hears."""

    connected: list[SpeedRange | None] = field(default_factory=list)
    disconnected: int = 0
    data: list[TreadmillData] = field(default_factory=list)
    statuses: list[MachineStatus] = field(default_factory=list)
    responses: list[ControlResponse] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def on_connected(self, name: str | None, speeds: SpeedRange | None) -> None:
        del name
        self.connected.append(speeds)

    def on_disconnected(self) -> None:
        self.disconnected += 1

    def on_data(self, data: TreadmillData) -> None:
        self.data.append(data)

    def on_status(self, status: MachineStatus) -> None:
        self.statuses.append(status)

    def on_response(self, response: ControlResponse) -> None:
        self.responses.append(response)

    def on_problem(self, line: str) -> None:
        self.problems.append(line)


@dataclass
class Bench:
    thread: DeviceThread
    inbox: Inbox
    radio: Radio
    treadmill: SimulatedTreadmill
    written: list[Written] = field(default_factory=list)

    def on_device(self, coroutine: Any) -> Any:
        """Run a coroutine (the treadmill's console, say) on the device thread."""
        return self.thread.call(coroutine)

    def link(self, reports: Any, address: str = DEMO_TREADMILL_ADDRESS) -> TreadmillLink:
        link = TreadmillLink(
            address,
            reports,
            thread=self.thread,
            inbox=self.inbox,
            backend=backend_for(self.radio.central),
            on_written=self.written.append,
        )
        link.start()
        return link

    def until(self, check: Callable[[], T], what: str, deadline_s: float = DEADLINE_S) -> T:
        """Drain the inbox until *check* returns something true; fail after the deadline."""
        return drain_until(self.inbox, check, what, deadline_s)


def drain_until(
    inbox: Inbox, check: Callable[[], T], what: str, deadline_s: float = DEADLINE_S
) -> T:
    """Drain *inbox* until *check* returns something true; fail after the deadline."""
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        inbox.drain()
        result = check()
        if result:
            return result
        time.sleep(0.01)
    raise AssertionError(f"waited {deadline_s} s for {what}")


@contextmanager
def treadmill_bench() -> Iterator[Bench]:
    """A running simulated treadmill on a fresh in-process link, closed afterwards."""
    thread = DeviceThread("test-devices")
    inbox = Inbox()
    radio = Radio()

    async def start() -> SimulatedTreadmill:
        treadmill = SimulatedTreadmill(radio.peripheral(DEMO_NAME, DEMO_TREADMILL_ADDRESS))
        await treadmill.start()
        return treadmill

    bench = Bench(thread, inbox, radio, thread.call(start()))
    try:
        yield bench
    finally:
        thread.call(bench.treadmill.close())
        thread.close()
        inbox.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _listening(port: int) -> bool:
    """Whether a TCP socket of this machine listens on *port* (Linux's /proc/net/tcp)."""
    rows = Path("/proc/net/tcp").read_text().splitlines()[1:]
    return any(row.split()[1].endswith(f":{port:04X}") and row.split()[3] == "0A" for row in rows)


@contextmanager
def controllers() -> Iterator[tuple[str, str]]:
    """bumble's controllers app linking two TCP transports: (the treadmill's, the app's)."""
    ports = _free_port(), _free_port()
    app = subprocess.Popen(
        [sys.executable, "-m", "bumble.apps.controllers"]
        + [f"tcp-server:127.0.0.1:{port}" for port in ports],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # Not probed by connecting: the app serves one client per port, and a probe's
        # leaving may not be noticed before the real client comes.
        end = time.monotonic() + DEADLINE_S
        while not all(map(_listening, ports)):
            assert time.monotonic() < end, "bumble's controllers app did not listen"
            assert app.poll() is None, "bumble's controllers app ended"
            time.sleep(0.05)
        yield tuple(f"tcp-client:127.0.0.1:{port}" for port in ports)  # type: ignore[misc]
    finally:
        app.terminate()
        app.wait(10)


@contextmanager
def remote_treadmill_bench(transport: str, belt: BeltModel | None = None) -> Iterator[Bench]:
    """A simulated treadmill in this process, reached by another through *transport*."""
    thread = DeviceThread("test-devices")
    inbox = Inbox()
    radio = Radio()

    async def start() -> SimulatedTreadmill:
        device = await radio.peripheral_over(transport, DEMO_NAME, DEMO_TREADMILL_ADDRESS)
        treadmill = SimulatedTreadmill(device, belt)
        await treadmill.start()
        return treadmill

    bench = Bench(thread, inbox, radio, thread.call(start()))
    try:
        yield bench
    finally:
        thread.call(bench.treadmill.close())
        thread.call(radio.close())
        thread.close()
        inbox.close()


def stop_received(bench: Bench, since: float, what: str = "the belt's stop") -> Received:
    """The first Stop the simulated treadmill received at or after *since* (monotonic)."""
    stop = bench.until(
        lambda: next(
            (
                r
                for r in bench.treadmill.received
                if r.request.op is Op.STOP_OR_PAUSE and r.at >= since
            ),
            None,
        ),
        what,
    )
    assert stop is not None
    return stop
