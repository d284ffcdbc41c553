"""A bumble radio: simulated peripherals and the app's central, in one process or over TCP."""

from __future__ import annotations

import asyncio
import logging
from typing import Final

from bumble.controller import Controller
from bumble.core import AdvertisingData
from bumble.device import Advertisement, Device
from bumble.hci import Address
from bumble.host import Host
from bumble.link import LocalLink
from bumble.transport import open_transport
from bumble.transport.common import AsyncPipeSink, Transport

from retrocoach.devices.scan import Found
from retrocoach.devices.simulated.bleak_backend import bleak_uuid

__all__ = ["DEMO_TREADMILL_ADDRESS", "Radio"]

# bumble warns of links it no longer knows after a peripheral drops one: harmless, and not
# the walker's business (the window shows warnings as lines of its own).
logging.getLogger("bumble").setLevel(logging.ERROR)

DEMO_TREADMILL_ADDRESS: Final = "F2:7E:AD:31:11:01"
"""The demo treadmill's random static address (the top two bits set, as such addresses have)."""
_CENTRAL_ADDRESS: Final = "C3:7E:AD:31:11:02"


class Radio:
    """Controllers on a bumble LocalLink (one process), or one over a TCP transport.

    Random addresses only: with public ones the first GATT request hung in our trials, the
    local link tagging data with the sender's random address.
    """

    def __init__(self, transport: str | None = None) -> None:
        """*transport*: a bumble transport name (``tcp-client:127.0.0.1:PORT``) for a central
        in another process than the peripherals; None for everything on a LocalLink here."""
        self._transport_name = transport
        self._link = LocalLink()  # type: ignore[no-untyped-call]  # bumble leaves it untyped
        self._central: Device | None = None
        self._transports: list[Transport] = []
        self._lock = asyncio.Lock()

    def peripheral(self, name: str, address: str) -> Device:
        """A device on this process's link, to host a simulated peripheral."""
        controller = Controller(name, link=self._link)
        return Device(
            name=name, address=Address(address), host=Host(controller, AsyncPipeSink(controller))
        )

    async def peripheral_over(self, transport: str, name: str, address: str) -> Device:
        """A device over a bumble transport, for a peripheral that a central elsewhere reaches."""
        opened = await open_transport(transport)
        self._transports.append(opened)
        return Device.with_hci(name, Address(address), opened.source, opened.sink)

    async def central(self) -> Device:
        """The app's central, created and powered on at its first use."""
        async with self._lock:
            if self._central is None:
                if self._transport_name is None:
                    device = self.peripheral("retrocoach", _CENTRAL_ADDRESS)
                else:
                    device = await self.peripheral_over(
                        self._transport_name, "retrocoach", _CENTRAL_ADDRESS
                    )
                await device.power_on()
                self._central = device
            return self._central

    async def scan(self, seconds: float) -> list[Found]:
        """What advertises on this radio within *seconds*, strongest first."""
        central = await self.central()
        found: dict[str, Found] = {}

        def heard(advert: Advertisement) -> None:
            data = advert.data
            name = data.get(AdvertisingData.COMPLETE_LOCAL_NAME) or data.get(
                AdvertisingData.SHORTENED_LOCAL_NAME
            )
            services = data.get(AdvertisingData.COMPLETE_LIST_OF_16_BIT_SERVICE_CLASS_UUIDS)
            address = str(advert.address).split("/")[0]
            found[address] = Found(
                name=name if isinstance(name, str) else None,
                address=address,
                rssi=advert.rssi,
                services=tuple(bleak_uuid(uuid) for uuid in services or ()),
            )

        central.on(central.EVENT_ADVERTISEMENT, heard)
        await central.start_scanning(filter_duplicates=True)
        try:
            await asyncio.sleep(seconds)
        finally:
            await central.stop_scanning()
            central.remove_listener(central.EVENT_ADVERTISEMENT, heard)
        return sorted(found.values(), key=lambda item: -item.rssi)

    async def close(self) -> None:
        for transport in self._transports:
            await transport.close()
        self._transports.clear()
