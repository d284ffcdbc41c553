"""A heart-rate strap over the device layer: its measurements decoded and posted to the coach."""

from __future__ import annotations

import asyncio
import concurrent.futures
import time
from collections.abc import Callable
from typing import Final, Protocol

from bleak import BleakClient
from bleak.backends.client import BaseBleakClient

from retrocoach.core.devices.heart_rate import (
    HeartRateDataError,
    HeartRateMeasurement,
    decode_heart_rate,
)
from retrocoach.devices.link import BleLink
from retrocoach.devices.loop import DeviceThread, Inbox, end_serving

__all__ = ["HEART_RATE_MEASUREMENT", "HEART_RATE_SERVICE", "StrapLink", "StrapReports"]

HEART_RATE_SERVICE: Final = 0x180D
HEART_RATE_MEASUREMENT: Final = 0x2A37


class StrapReports(Protocol):
    """What hears the strap, on the coach's thread (the Inbox's drain)."""

    def on_strap_connected(self, name: str | None) -> None: ...
    def on_strap_disconnected(self) -> None: ...
    def on_measurement(self, measurement: HeartRateMeasurement, at: float) -> None: ...
    def on_strap_problem(self, line: str) -> None: ...


class StrapLink:
    """A strap by address: ``start()`` it, hear it through *reports*, ``stop()`` it."""

    def __init__(
        self,
        address: str,
        reports: StrapReports,
        *,
        thread: DeviceThread,
        inbox: Inbox,
        backend: type[BaseBleakClient] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.address = address
        self._reports = reports
        self._thread = thread
        self._inbox = inbox
        self._clock = clock
        self._task: concurrent.futures.Future[None] | None = None
        self._serving: asyncio.Task[object] | None = None
        self.garbled = 0
        """Notifications that did not follow the specification (dropped, counted)."""
        self._link = BleLink(
            address,
            what="heart-rate strap",
            notify={HEART_RATE_MEASUREMENT: self._heard},
            on_connected=self._connected,
            on_disconnected=lambda: inbox.post(reports.on_strap_disconnected),
            on_problem=lambda line: inbox.post(lambda: reports.on_strap_problem(line)),
            backend=backend,
        )

    def start(self) -> None:
        """Begin connecting (and reconnecting) in the background."""
        if self._task is None:
            self._task = self._thread.submit(self._serve())

    def stop(self, timeout_s: float = 3.0) -> None:
        """Disconnect and stop reconnecting."""
        task, self._task = self._task, None
        if task is None:
            return

        end_serving(self._thread, task, lambda: self._serving, timeout_s=timeout_s)

    async def _serve(self) -> None:
        self._serving = asyncio.current_task()
        await self._link.run()

    async def _connected(self, client: BleakClient) -> None:
        name = client.name if client.name != self.address else None
        self._inbox.post(lambda: self._reports.on_strap_connected(name))

    def _heard(self, data: bytes) -> None:
        # The time it arrived, not when the coach's loop gets to it: the ceiling's 10 s count
        # must not stretch while the window is busy.
        at = self._clock()
        try:
            measurement = decode_heart_rate(data)
        except HeartRateDataError:
            self.garbled += 1  # one garbled notification: the next comes within a second
            return
        self._inbox.post(lambda: self._reports.on_measurement(measurement, at))
