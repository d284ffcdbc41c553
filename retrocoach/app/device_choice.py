"""What the treadmill and the strap share: which device a walk uses, the radio, and the scan."""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Generic, Protocol, TextIO, TypeVar

from retrocoach.cli.commands import open_stores, teller
from retrocoach.cli.errors import EXIT_FAILED
from retrocoach.core.settings.store import Settings, SettingsStore
from retrocoach.devices.loop import DeviceThread
from retrocoach.devices.problems import describe
from retrocoach.devices.scan import Found, bleak_scan, offering

if TYPE_CHECKING:
    from bleak.backends.client import BaseBleakClient

    from retrocoach.devices.simulated.radio import Radio

__all__ = [
    "TRANSPORT_VARIABLE",
    "DeviceChoice",
    "Reached",
    "Scan",
    "radio_for",
    "reach",
    "run_scan",
    "switch_off",
]

TRANSPORT_VARIABLE: Final = "RETROCOACH_BLE_TRANSPORT"
"""A bumble transport (``tcp-client:HOST:PORT``) to reach devices through instead of the
system's Bluetooth: how the tests drive the app against a simulated treadmill in another
process, and a way to use a USB Bluetooth dongle through bumble."""


@dataclass(frozen=True, slots=True)
class DeviceChoice:
    """Which device a walk uses: an address, the demo, or none (address None)."""

    address: str | None
    demo: bool = False

    @classmethod
    def of(
        cls, flag: str | None, setting: str | None, demo_address: Callable[[], str]
    ) -> DeviceChoice:
        """The flag's word (``demo``, ``none``, an address; None: not given) over *setting*.

        *demo_address* is asked only for the demo: it imports the simulation (bumble).
        """
        if flag == "demo":
            return cls(demo_address(), demo=True)
        if flag == "none":
            return cls(None)
        return cls(flag or setting)


def radio_for(demo: bool) -> Radio | None:
    """A bumble radio for the demo or for RETROCOACH_BLE_TRANSPORT; None: the system's."""
    transport = os.environ.get(TRANSPORT_VARIABLE)
    if not demo and not transport:
        return None
    from retrocoach.devices.simulated.radio import Radio  # noqa: PLC0415

    return Radio(None if demo else transport)


class _Simulated(Protocol):
    async def close(self) -> None: ...


S = TypeVar("S", bound=_Simulated)


@dataclass(frozen=True, slots=True)
class Reached(Generic[S]):
    """How a walk reaches its device: bleak's backend (None: the system's Bluetooth), and the
    simulated device when it is the demo."""

    backend: type[BaseBleakClient] | None = None
    demo: S | None = None


def reach(
    choice: DeviceChoice,
    thread: DeviceThread,
    start_demo: Callable[[Radio], Coroutine[Any, Any, S]],
) -> Reached[S]:
    """The way to *choice*'s device; the demo is started on *thread* first.

    Raises ImportError when the demo or a bumble transport is asked for without bumble.
    """
    radio = radio_for(choice.demo)
    if radio is None:
        return Reached()
    from retrocoach.devices.simulated.bleak_backend import backend_for  # noqa: PLC0415

    demo = thread.call(start_demo(radio)) if choice.demo else None
    return Reached(backend_for(radio.central), demo)


def switch_off(thread: DeviceThread, demo: _Simulated | None) -> None:
    """Switch the demo device off, if there is one (a few seconds at most, never an error)."""
    if demo is not None:
        with contextlib.suppress(Exception):
            thread.call(demo.close(), 5.0)


@dataclass(frozen=True, slots=True)
class Scan:
    """What a device's ``scan`` looks for and how it speaks of it."""

    what: str
    """The device in words: "treadmill", "heart-rate strap"."""
    service: int
    """The 16-bit GATT service a device of this kind offers."""
    setting: str
    """The setting that keeps one: ``treadmill``, ``hr-strap``."""
    kept: Callable[[Settings], str | None]
    """The address the setting keeps now."""
    none_heard: str
    """The line when nothing was heard: what to check."""
    start_demo: Callable[[Radio], Awaitable[_Simulated]]
    """Starts the simulated device, for ``scan --demo``."""
    no_bumble: str


def run_scan(scan: Scan, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``retrocoach treadmill scan`` or ``hr scan``: the devices heard, one line each."""
    tell = teller(err)
    paths, _history, _plans = open_stores(args, err)
    settings = SettingsStore(paths, warn=tell).load()
    seconds = max(0.5, min(float(args.seconds), 60.0))
    thread = DeviceThread()
    try:
        found = thread.call(_scan(scan, args.demo, seconds), seconds + 30)
    except ImportError:
        tell(scan.no_bumble)
        return EXIT_FAILED
    except Exception as error:  # bleak's and D-Bus's many kinds: one line
        tell(describe(error, scan.what))
        return EXIT_FAILED
    finally:
        thread.close()
    heard = offering(found, scan.service)
    if not heard:
        out.write(scan.none_heard + "\n")
        return 0
    for item in heard:
        kept = f"  (kept: {scan.setting} setting)" if item.address == scan.kept(settings) else ""
        out.write(item.line() + kept + "\n")
    out.write(f"Keep one with: retrocoach settings {scan.setting}=ADDRESS\n")
    return 0


async def _scan(scan: Scan, demo: bool, seconds: float) -> list[Found]:
    radio = radio_for(demo)
    if radio is None:
        return await bleak_scan(seconds)
    if not demo:
        return await radio.scan(seconds)
    device = await scan.start_demo(radio)
    try:
        return await radio.scan(seconds)
    finally:
        await device.close()
