"""One Bluetooth LE device by its address, through bleak: connect, keep reconnecting, notify.

Shared by the treadmill and the heart-rate strap. Runs on the device thread's asyncio loop
(retrocoach.devices.loop); what it hears is handed to callbacks there, which post to an Inbox.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Final

from bleak import BleakClient
from bleak.backends.client import BaseBleakClient
from bleak.exc import BleakError

from retrocoach.devices.problems import describe

__all__ = ["LINK_ERRORS", "BleLink", "uuid16"]

RETRY_S: Final = 2.0
"""Seconds between attempts to reach a device that is away."""
_log = logging.getLogger(__name__)

LINK_ERRORS: Final = (BleakError, OSError, asyncio.TimeoutError, EOFError)
"""What bleak and the D-Bus library raise when Bluetooth or the device is not there."""


def uuid16(number: int) -> str:
    """A 16-bit Bluetooth UUID in bleak's 128-bit form."""
    return f"0000{number:04x}-0000-1000-8000-00805f9b34fb"


class BleLink:
    """Keeps one device connected while ``run()`` runs; a lost link is reconnected."""

    def __init__(
        self,
        address: str,
        *,
        what: str,
        notify: Mapping[int, Callable[[bytes], None]],
        on_connected: Callable[[BleakClient], Awaitable[None]],
        on_disconnected: Callable[[], None],
        on_problem: Callable[[str], None],
        backend: type[BaseBleakClient] | None = None,
        retry_s: float = RETRY_S,
        timeout_s: float = 10.0,
    ) -> None:
        self.address = address
        self._what = what
        self._notify = notify
        self._on_connected = on_connected
        self._on_disconnected = on_disconnected
        self._on_problem = on_problem
        self._backend = backend
        self._retry_s = retry_s
        self._timeout_s = timeout_s
        self._client: BleakClient | None = None
        self._told: str | None = None

    @property
    def client(self) -> BleakClient | None:
        """The connected client, or None."""
        client = self._client
        return client if client is not None and client.is_connected else None

    async def run(self) -> None:
        """Connect, and again whenever the link drops, until cancelled."""
        lost = asyncio.Event()
        client = BleakClient(
            self.address,
            disconnected_callback=lambda _client: lost.set(),
            timeout=self._timeout_s,
            backend=self._backend,
        )
        try:
            while True:
                lost.clear()
                try:
                    await client.connect()
                    for number, callback in self._notify.items():
                        await client.start_notify(uuid16(number), _bytes(callback))
                    self._client = client
                    self._told = None
                    await self._on_connected(client)
                except LINK_ERRORS as error:
                    self._tell(describe(error, self._what, self.address))
                    await self._drop(client)
                    await asyncio.sleep(self._retry_s)
                    continue
                await lost.wait()
                self._client = None
                self._on_disconnected()
                await asyncio.sleep(min(self._retry_s, 0.2))
        finally:
            self._client = None
            await self._drop(client)

    async def write(self, number: int, data: bytes) -> bool:
        """Write with response to the characteristic *number*; False when not connected."""
        client = self.client
        if client is None:
            return False
        try:
            await client.write_gatt_char(uuid16(number), data, response=True)
        except LINK_ERRORS as error:
            _log.info("write to %s failed: %s", self.address, error)
            return False
        return True

    def _tell(self, line: str) -> None:
        if line != self._told:  # the same trouble at every retry is told once
            self._told = line
            self._on_problem(line)

    @staticmethod
    async def _drop(client: BleakClient) -> None:
        with contextlib.suppress(*LINK_ERRORS, asyncio.CancelledError):
            if client.is_connected:
                await client.disconnect()


def _bytes(callback: Callable[[bytes], None]) -> Callable[[object, bytearray], None]:
    def deliver(_characteristic: object, data: bytearray) -> None:
        callback(bytes(data))

    return deliver
