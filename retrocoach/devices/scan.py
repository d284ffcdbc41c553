"""Finding Bluetooth LE devices nearby that offer a given service (FTMS, heart rate)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

__all__ = ["Found", "Scan", "bleak_scan", "offering"]


@dataclass(frozen=True, slots=True)
class Found:
    """A device heard advertising."""

    name: str | None
    address: str
    rssi: int
    """Signal strength in dBm: nearer zero is nearer."""
    services: tuple[str, ...] = ()

    def line(self) -> str:
        return f"{self.name or '(no name)'}  {self.address}  signal {self.rssi} dBm"


Scan = Callable[[float], Awaitable[list[Found]]]
"""Listen for *seconds*; every device heard, strongest first."""


async def bleak_scan(seconds: float) -> list[Found]:
    """The system's Bluetooth (BlueZ on Linux) through bleak."""
    from bleak import BleakScanner  # noqa: PLC0415  (only when scanning)

    heard = await BleakScanner.discover(timeout=seconds, return_adv=True)
    found = [
        Found(
            name=advert.local_name or device.name,
            address=device.address,
            rssi=advert.rssi,
            services=tuple(advert.service_uuids),
        )
        for device, advert in heard.values()
    ]
    return sorted(found, key=lambda item: -item.rssi)


def offering(found: list[Found], service: int) -> list[Found]:
    """Those of *found* that advertise the 16-bit *service* (0x1826 for FTMS)."""
    full = f"0000{service:04x}-0000-1000-8000-00805f9b34fb"
    return [item for item in found if full in (uuid.lower() for uuid in item.services)]
