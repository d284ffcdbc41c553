"""An FTMS treadmill over the device layer: its reports decoded and posted to the coach's thread."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from bleak import BleakClient
from bleak.backends.client import BaseBleakClient

from retrocoach.core.devices.ftms_control import (
    CONTROL_POINT,
    MACHINE_STATUS,
    SPEED_RANGE,
    ControlResponse,
    MachineStatus,
    Request,
    SpeedRange,
    decode_machine_status,
    decode_response,
    decode_speed_range,
    encode_request,
)
from retrocoach.core.devices.ftms_data import (
    TREADMILL_DATA,
    FtmsDataError,
    TreadmillData,
    decode_treadmill_data,
)
from retrocoach.devices.link import LINK_ERRORS, BleLink, uuid16
from retrocoach.devices.loop import DeviceThread, Inbox, end_serving

__all__ = ["TreadmillLink", "TreadmillReports", "Written"]


class TreadmillReports(Protocol):
    """What hears the treadmill, on the coach's thread (the Inbox's drain)."""

    def on_connected(self, name: str | None, speeds: SpeedRange | None) -> None: ...
    def on_disconnected(self) -> None: ...
    def on_data(self, data: TreadmillData) -> None: ...
    def on_status(self, status: MachineStatus) -> None: ...
    def on_response(self, response: ControlResponse) -> None: ...
    def on_problem(self, line: str) -> None: ...


@dataclass(frozen=True, slots=True)
class Written:
    """A request written to the Control Point, and when (time.monotonic())."""

    request: Request
    at: float = field(default_factory=time.monotonic)


class TreadmillLink:
    """A treadmill by address: ``start()`` it, ``send()`` requests, hear it through *reports*."""

    def __init__(
        self,
        address: str,
        reports: TreadmillReports,
        *,
        thread: DeviceThread,
        inbox: Inbox,
        backend: type[BaseBleakClient] | None = None,
        on_written: Callable[[Written], None] | None = None,
    ) -> None:
        self.address = address
        self._reports = reports
        self._thread = thread
        self._inbox = inbox
        self._on_written = on_written
        self._task: concurrent.futures.Future[None] | None = None
        self._queue: asyncio.Queue[Request] | None = None
        self._serving: asyncio.Task[object] | None = None
        self._link = BleLink(
            address,
            what="treadmill",
            notify={
                TREADMILL_DATA: self._heard_data,
                MACHINE_STATUS: self._heard_status,
                CONTROL_POINT: self._heard_response,
            },
            on_connected=self._connected,
            on_disconnected=lambda: self._post(reports.on_disconnected),
            on_problem=lambda line: self._post(lambda: reports.on_problem(line)),
            backend=backend,
        )

    def start(self) -> None:
        """Begin connecting (and reconnecting) in the background."""
        if self._task is None:
            self._task = self._thread.submit(self._serve())

    def send(self, request: Request) -> None:
        """From the coach's thread: write *request* to the Control Point, in order."""
        queue = self._queue
        if queue is not None:
            self._thread.loop.call_soon_threadsafe(queue.put_nowait, request)

    def stop(self, timeout_s: float = 3.0) -> None:
        """Disconnect; what was sent before is written first (a last Stop must reach the belt)."""
        task, self._task = self._task, None
        if task is None:
            return

        async def flush() -> None:
            queue = self._queue
            if queue is not None:
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(queue.join(), timeout_s)

        end_serving(self._thread, task, lambda: self._serving, timeout_s=timeout_s, first=flush)

    async def _serve(self) -> None:
        self._serving = asyncio.current_task()
        self._queue = asyncio.Queue()
        writer = asyncio.get_running_loop().create_task(self._write_requests(self._queue))
        try:
            await self._link.run()
        finally:
            writer.cancel()

    async def _write_requests(self, queue: asyncio.Queue[Request]) -> None:
        while True:
            request = await queue.get()
            try:
                written = await self._link.write(CONTROL_POINT, encode_request(request))
                if written and self._on_written is not None:
                    self._on_written(Written(request))
            finally:
                queue.task_done()

    async def _connected(self, client: BleakClient) -> None:
        speeds: SpeedRange | None = None
        try:
            speeds = decode_speed_range(bytes(await client.read_gatt_char(uuid16(SPEED_RANGE))))
        except (*LINK_ERRORS, FtmsDataError):
            speeds = None  # an optional characteristic: the coach keeps safe defaults
        name = client.name if client.name != self.address else None
        self._post(lambda: self._reports.on_connected(name, speeds))

    def _heard_data(self, data: bytes) -> None:
        try:
            decoded = decode_treadmill_data(data)
        except FtmsDataError:
            return  # one garbled notification: the next comes within a second
        self._post(lambda: self._reports.on_data(decoded))

    def _heard_status(self, data: bytes) -> None:
        try:
            status = decode_machine_status(data)
        except FtmsDataError:
            return
        self._post(lambda: self._reports.on_status(status))

    def _heard_response(self, data: bytes) -> None:
        try:
            response = decode_response(data)
        except FtmsDataError:
            return
        self._post(lambda: self._reports.on_response(response))

    def _post(self, call: Callable[[], None]) -> None:
        self._inbox.post(call)
