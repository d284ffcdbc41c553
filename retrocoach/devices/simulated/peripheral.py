"""What every simulated device does alike: advertise its service, run, and switch off."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from bumble.device import Device

__all__ = ["SimulatedPeripheral", "advertising"]

_log = logging.getLogger(__name__)


def advertising(service: int, name: str) -> bytes:
    """Flags, the 16-bit *service* UUID and *name*, as advertising data."""
    encoded = name.encode()[:22]  # what fits in 31 bytes beside the flags and the UUID
    return (
        bytes((2, 0x01, 0x06))
        + bytes((3, 0x03))
        + service.to_bytes(2, "little")
        + bytes((len(encoded) + 1, 0x09))
        + encoded
    )


class SimulatedPeripheral:
    """A GATT peripheral on a bumble Device that advertises *service* and runs ``_run``.

    A subclass adds its service to the device and writes ``_run``, its loop (a heart that
    beats, a belt that moves) from ``start()`` to ``close()``.
    """

    def __init__(self, device: Device, service: int) -> None:
        self.device = device
        self._service = service
        self._task: asyncio.Task[None] | None = None

    async def start(self, *, interval_ms: float = 20.0) -> None:
        """Power on, advertise the service (every *interval_ms*) and start running."""
        device = self.device
        device.advertising_data = advertising(self._service, device.name)
        await device.power_on()
        await device.start_advertising(
            advertising_interval_min=interval_ms,
            advertising_interval_max=interval_ms,
            auto_restart=True,
        )
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def close(self) -> None:
        """Stop running and advertising, and drop the links: the device is switched off."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        with contextlib.suppress(Exception):
            await self.device.stop_advertising()
        await self.drop_connections()

    async def drop_connections(self) -> None:
        """The device loses its links (out of range, switched off and on, taken off)."""
        for connection in list(self.device.connections.values()):
            with contextlib.suppress(Exception):
                await connection.disconnect()

    async def _run(self) -> None:
        """The device's own loop, from start() until close() cancels it."""
        raise NotImplementedError

    async def _quietly(self, call: Any) -> None:  # noqa: ANN401  # any of bumble's awaitables
        # A peer that left a moment ago makes bumble raise; the device runs on regardless.
        try:
            await call
        except Exception as error:
            _log.debug("%s: %s", self.device.name, error)
