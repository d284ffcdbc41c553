"""A simulated heart-rate strap on a bumble device: the Heart Rate Service and a heart to set."""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable
from typing import Final

from bumble.core import UUID
from bumble.device import Device
from bumble.gatt import Characteristic, Service

from retrocoach.core.devices.heart_rate import Contact, HeartRateMeasurement, encode_heart_rate
from retrocoach.devices.simulated.peripheral import SimulatedPeripheral
from retrocoach.devices.strap import HEART_RATE_MEASUREMENT, HEART_RATE_SERVICE

__all__ = ["DEMO_STRAP_ADDRESS", "DEMO_STRAP_NAME", "SimulatedStrap", "demo_heart"]

DEMO_STRAP_NAME: Final = "Demo heart-rate strap"
DEMO_STRAP_ADDRESS: Final = "F2:7E:AD:31:11:03"
"""A random static address, as the demo treadmill's (the top two bits set)."""
_BODY_SENSOR_LOCATION: Final = 0x2A38
_CHEST: Final = b"\x01"


def demo_heart(elapsed_s: float) -> int:
    """The demo's heart: about 88 at rest, rising over the first minutes, a slow swell on top.

    It passes 120 now and then, so a demo with a ceiling of 120 shows every zone.
    """
    rise = 26 * (1 - math.exp(-elapsed_s / 90))
    swell = 9 * math.sin(elapsed_s / 25)
    return round(88 + rise + swell)


class SimulatedStrap(SimulatedPeripheral):
    """The Heart Rate Service of a strap on a bumble Device, notifying every *interval_s*."""

    def __init__(
        self,
        device: Device,
        heart: Callable[[float], int] = demo_heart,
        *,
        interval_s: float = 1.0,
    ) -> None:
        super().__init__(device, HEART_RATE_SERVICE)
        self.heart = heart
        """Beats per minute at a number of seconds since start()."""
        self.interval_s = interval_s
        self.bpm_override: int | None = None
        """A value to send instead of the heart's (0 or 300, say); None: the heart's own."""
        self.contact = Contact.DETECTED
        self.sending = True
        """False: the strap stays connected but sends nothing (a flat battery, say)."""
        self.sent = 0
        self._measurement = Characteristic(
            UUID.from_16_bits(HEART_RATE_MEASUREMENT),
            Characteristic.Properties.NOTIFY,
            Characteristic.READABLE,
            encode_heart_rate(HeartRateMeasurement(0, Contact.LOST)),
        )
        device.add_service(
            Service(
                UUID.from_16_bits(HEART_RATE_SERVICE),
                [
                    self._measurement,
                    Characteristic(
                        UUID.from_16_bits(_BODY_SENSOR_LOCATION),
                        Characteristic.Properties.READ,
                        Characteristic.READABLE,
                        _CHEST,
                    ),
                ],
            )
        )

    async def send_raw(self, data: bytes) -> None:
        """Notify *data* as it is: a malformed measurement, say."""
        await self._quietly(self.device.notify_subscribers(self._measurement, data))

    async def _run(self) -> None:  # the heart beats
        loop = asyncio.get_running_loop()
        began = loop.time()
        while True:
            await asyncio.sleep(self.interval_s)
            if not self.sending:
                continue
            bpm = self.bpm_override
            if bpm is None:
                bpm = self.heart(loop.time() - began)
            data = encode_heart_rate(HeartRateMeasurement(bpm, self.contact))
            await self._quietly(self.device.notify_subscribers(self._measurement, data))
            self.sent += 1
