"""A bleak client backend over a bumble central: the app's unchanged bleak calls, real GATT."""

from __future__ import annotations

import asyncio
import functools
import uuid as uuidlib
from collections.abc import Awaitable, Callable
from typing import Any, ClassVar

from bleak.args import SizedBuffer
from bleak.backends.characteristic import BleakGATTCharacteristic
from bleak.backends.client import BaseBleakClient, NotifyCallback
from bleak.backends.descriptor import BleakGATTDescriptor
from bleak.backends.service import BleakGATTService, BleakGATTServiceCollection
from bleak.exc import BleakError
from bumble.core import UUID
from bumble.device import Connection, Device, Peer
from bumble.hci import Address

__all__ = ["BumbleClient", "backend_for", "bleak_uuid"]


def bleak_uuid(uuid: UUID) -> str:
    """bumble's UUID in bleak's form: 128 bits, lower case."""
    return str(uuidlib.UUID(bytes=bytes(reversed(uuid.to_bytes(force_128=True)))))


class BumbleClient(BaseBleakClient):
    """bleak's client interface over a bumble central (see ``backend_for``)."""

    central: ClassVar[Callable[[], Awaitable[Device]]]

    def __init__(self, address_or_ble_device: Any, **kwargs: Any) -> None:  # noqa: ANN401
        kwargs.pop("services", None)  # bleak passes these for its own backends
        kwargs.pop("bluez", None)
        kwargs.pop("winrt", None)
        kwargs.pop("pair", None)
        super().__init__(
            address_or_ble_device,
            disconnected_callback=kwargs.pop("disconnected_callback", None),
            timeout=kwargs.pop("timeout", 10.0),
        )
        self._connection: Connection | None = None
        self._peer: Peer | None = None
        self._objects: dict[int, Any] = {}

    @property
    def name(self) -> str:
        return self.address

    @property
    def mtu_size(self) -> int:
        return self._connection.att_mtu if self._connection is not None else 23

    @property
    def is_connected(self) -> bool:
        return self._connection is not None

    async def connect(self, pair: bool, **kwargs: Any) -> None:  # noqa: ANN401
        central = await type(self).central()
        try:
            connection = await central.connect(Address(self.address), timeout=self._timeout)
        except Exception as error:  # bumble raises its own kinds (timeouts, HCI errors)
            raise BleakError(f"could not connect to {self.address}: {error}") from error
        self._connection = connection
        connection.on(connection.EVENT_DISCONNECTION, self._on_disconnection)
        peer = Peer(connection)
        self._peer = peer
        await peer.discover_services()
        collection = BleakGATTServiceCollection()
        for service in peer.services:
            await service.discover_characteristics()
            bleak_service = BleakGATTService(service, service.handle, bleak_uuid(service.uuid))
            collection.add_service(bleak_service)
            for characteristic in service.characteristics:
                await peer.discover_descriptors(characteristic)
                names = [
                    str(flag.name).lower().replace("_", "-")
                    for flag in type(characteristic.properties)
                    if flag.name and characteristic.properties & flag
                ]
                item = BleakGATTCharacteristic(
                    characteristic,
                    characteristic.handle,
                    bleak_uuid(characteristic.uuid),
                    names,  # type: ignore[arg-type]  # the property names bleak knows
                    lambda: self.mtu_size - 3,
                    bleak_service,
                )
                collection.add_characteristic(item)
                self._objects[characteristic.handle] = characteristic
                for descriptor in characteristic.descriptors:
                    collection.add_descriptor(
                        BleakGATTDescriptor(
                            descriptor, descriptor.handle, bleak_uuid(descriptor.type), item
                        )
                    )
                    self._objects[descriptor.handle] = descriptor
        self.services = collection

    def _on_disconnection(self, *_args: object) -> None:
        self._connection = self._peer = None
        if self._disconnected_callback is not None:
            self._disconnected_callback()

    async def disconnect(self) -> None:
        connection = self._connection
        if connection is not None:
            await connection.disconnect()

    async def pair(self, *args: Any, **kwargs: Any) -> None:  # noqa: ANN401
        raise NotImplementedError("FTMS treadmills need no pairing")

    async def unpair(self) -> None:
        raise NotImplementedError("FTMS treadmills need no pairing")

    async def _call(self, make: Callable[[], Awaitable[Any]]) -> Any:  # noqa: ANN401
        """Run a GATT request; bumble cancels one in flight when the link drops."""
        if self._connection is None:
            raise BleakError("not connected")
        try:
            return await make()
        except asyncio.CancelledError:
            task = asyncio.current_task()
            if not self.is_connected and (task is None or not task.cancelling()):
                raise BleakError("the connection was lost") from None
            raise

    async def read_gatt_char(
        self,
        characteristic: BleakGATTCharacteristic,
        **kwargs: Any,  # noqa: ANN401
    ) -> bytearray:
        value = await self._call(self._objects[characteristic.handle].read_value)
        return bytearray(value)

    async def read_gatt_descriptor(
        self,
        descriptor: BleakGATTDescriptor,
        **kwargs: Any,  # noqa: ANN401
    ) -> bytearray:
        value = await self._call(self._objects[descriptor.handle].read_value)
        return bytearray(value)

    async def write_gatt_char(
        self, characteristic: BleakGATTCharacteristic, data: SizedBuffer, response: bool
    ) -> None:
        target = self._objects[characteristic.handle]
        await self._call(functools.partial(target.write_value, bytes(data), response))

    async def write_gatt_descriptor(
        self, descriptor: BleakGATTDescriptor, data: SizedBuffer
    ) -> None:
        target = self._objects[descriptor.handle]
        await self._call(functools.partial(target.write_value, bytes(data), True))

    async def start_notify(
        self,
        characteristic: BleakGATTCharacteristic,
        callback: NotifyCallback,
        **kwargs: Any,  # noqa: ANN401
    ) -> None:
        target = self._objects[characteristic.handle]

        def deliver(value: bytes) -> None:
            callback(bytearray(value))

        await self._call(functools.partial(target.subscribe, deliver, prefer_notify=True))

    async def stop_notify(self, characteristic: BleakGATTCharacteristic) -> None:
        target = self._objects[characteristic.handle]
        await self._call(target.unsubscribe)


def backend_for(central: Callable[[], Awaitable[Device]]) -> type[BaseBleakClient]:
    """A BumbleClient class whose clients connect through *central* (e.g. Radio.central)."""
    return type("BumbleClientOnRadio", (BumbleClient,), {"central": staticmethod(central)})
