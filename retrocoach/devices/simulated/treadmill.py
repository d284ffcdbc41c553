"""A simulated FTMS treadmill on a bumble device: the service, the belt, and a console to poke."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Final

from bumble.core import UUID
from bumble.device import Connection, Device
from bumble.gatt import Characteristic, CharacteristicValue, Service

from retrocoach.core.devices.ftms_control import (
    CONTROL_POINT,
    FEATURE,
    MACHINE_STATUS,
    PAUSE,
    SPEED_RANGE,
    ControlResponse,
    Features,
    MachineStatus,
    Op,
    Request,
    Result,
    SpeedRange,
    Status,
    decode_request,
    encode_features,
    encode_machine_status,
    encode_response,
    encode_speed_range,
)
from retrocoach.core.devices.ftms_data import (
    FTMS_SERVICE,
    TREADMILL_DATA,
    FtmsDataError,
    TreadmillData,
    encode_treadmill_data,
)
from retrocoach.devices.simulated.belt_model import BeltModel
from retrocoach.devices.simulated.peripheral import SimulatedPeripheral

__all__ = ["DEMO_NAME", "Received", "SimulatedTreadmill"]

DEMO_NAME: Final = "Demo treadmill"
_TICK_S: Final = 0.1
"""How often the belt moves and reports: ten times a second (real ones report about once)."""


@dataclass(frozen=True, slots=True)
class Received:
    """A Control Point request as the treadmill received it, with the belt at that moment."""

    at: float
    """time.monotonic() when it arrived."""
    request: Request
    belt_kmh: float


def _uuid(number: int) -> UUID:
    return UUID.from_16_bits(number)


class SimulatedTreadmill(SimulatedPeripheral):
    """The FTMS service of a treadmill whose belt is a BeltModel, on a bumble Device."""

    def __init__(self, device: Device, belt: BeltModel | None = None) -> None:
        super().__init__(device, FTMS_SERVICE)
        self.belt = belt or BeltModel()
        self.refuse_control = False
        """Answer every request for control with 'not permitted' (another app holds it)."""
        self.received: list[Received] = []
        self.started_at = 0.0
        """time.monotonic() when the belt's clock started: belt.history's times count from it."""
        self._controller: Connection | None = None
        flags = Characteristic.Properties
        self._data = Characteristic(
            _uuid(TREADMILL_DATA), flags.NOTIFY, Characteristic.READABLE, self._data_bytes()
        )
        self._status = Characteristic(
            _uuid(MACHINE_STATUS), flags.NOTIFY, Characteristic.READABLE, b"\x01"
        )
        self._control: Characteristic[bytes] = Characteristic(
            _uuid(CONTROL_POINT),
            flags.WRITE | flags.INDICATE,
            Characteristic.WRITEABLE,
            CharacteristicValue[bytes](write=self._on_control),
        )
        features = encode_features(Features(machine=0b101, target_settings=0b1))
        speeds = encode_speed_range(
            SpeedRange(self.belt.minimum_kmh, self.belt.maximum_kmh, self.belt.step_kmh)
        )
        device.add_service(
            Service(
                _uuid(FTMS_SERVICE),
                [
                    Characteristic(_uuid(FEATURE), flags.READ, Characteristic.READABLE, features),
                    self._data,
                    Characteristic(_uuid(SPEED_RANGE), flags.READ, Characteristic.READABLE, speeds),
                    self._control,
                    self._status,
                ],
            )
        )
        device.on(device.EVENT_CONNECTION, self._on_connection)

    # -- the console: what a walker does on the treadmill itself ------------------------------

    async def console_speed(self, kmh: float) -> None:
        """The walker pressed the console's speed keys."""
        self.belt.set_target(kmh)
        await self._tell(MachineStatus(Status.TARGET_SPEED_CHANGED, speed_kmh=kmh))

    async def console_stop(self, *, pause: bool = False) -> None:
        self.belt.stop(pause=pause)
        await self._tell(MachineStatus(Status.STOPPED_OR_PAUSED_BY_USER, paused=pause))

    async def pull_safety_key(self) -> None:
        self.belt.pull_safety_key()
        await self._tell(MachineStatus(Status.STOPPED_BY_SAFETY_KEY))

    def put_safety_key_back(self) -> None:
        self.belt.safety_key_in = True

    # -- the service ---------------------------------------------------------------------------

    def _on_connection(self, connection: Connection) -> None:
        # Control does not survive the link: a new connection must ask for it again.
        self._controller = None

    def _on_control(self, connection: Connection, value: bytes) -> None:
        try:
            request = decode_request(bytes(value))
        except FtmsDataError:
            op = value[0] if value else 0
            self._answer(connection, op, Result.NOT_SUPPORTED)
            return
        self.received.append(Received(time.monotonic(), request, self.belt.speed_kmh))
        self._answer(connection, request.op, self._carry_out(connection, request))

    def _carry_out(self, connection: Connection, request: Request) -> Result:
        if request.op is Op.REQUEST_CONTROL:
            if self.refuse_control:
                return Result.NOT_PERMITTED
            self._controller = connection
            return Result.SUCCESS
        if self._controller is not connection:
            return Result.NOT_PERMITTED
        return self._on_belt(request)

    def _on_belt(self, request: Request) -> Result:
        belt = self.belt
        result = Result.SUCCESS
        if request.op is Op.SET_TARGET_SPEED:
            speed = request.speed_kmh or 0.0
            if belt.set_target(speed):
                self._later(MachineStatus(Status.TARGET_SPEED_CHANGED, speed_kmh=speed))
            else:
                result = Result.INVALID_PARAMETER
        elif request.op is Op.START_OR_RESUME:
            result = Result.SUCCESS if belt.start() else Result.FAILED
        elif request.op is Op.STOP_OR_PAUSE:
            belt.stop(pause=request.stop_or_pause == PAUSE)
        else:
            result = Result.NOT_SUPPORTED
        return result

    def _answer(self, connection: Connection, op: int, result: Result) -> None:
        response = encode_response(ControlResponse(op, result))
        asyncio.get_running_loop().create_task(
            self._quietly(self.device.indicate_subscriber(connection, self._control, response))
        )

    def _later(self, status: MachineStatus) -> None:
        asyncio.get_running_loop().create_task(self._tell(status))

    async def _tell(self, status: MachineStatus) -> None:
        await self._quietly(
            self.device.notify_subscribers(self._status, encode_machine_status(status))
        )

    async def _run(self) -> None:  # the belt moves and reports
        loop = asyncio.get_running_loop()
        last = self.started_at = loop.time()  # the loop's clock is time.monotonic()
        while True:
            await asyncio.sleep(_TICK_S)
            now = loop.time()
            self.belt.advance(now - last)
            last = now
            await self._quietly(self.device.notify_subscribers(self._data, self._data_bytes()))

    def _data_bytes(self) -> bytes:
        belt = self.belt
        return encode_treadmill_data(
            TreadmillData(
                speed_kmh=round(belt.speed_kmh, 2),
                total_distance_m=int(belt.distance_m),
                elapsed_s=int(belt.elapsed_s) & 0xFFFF,
            )
        )
