"""The treadmill wired for a walk (window or run), and ``retrocoach treadmill scan``."""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, TextIO

from retrocoach.cli.commands import open_stores, teller
from retrocoach.cli.errors import EXIT_FAILED
from retrocoach.core.devices.belt_coach import BeltCoach
from retrocoach.core.devices.belt_words import TurnBelt
from retrocoach.core.devices.ftms_data import FTMS_SERVICE
from retrocoach.core.settings.store import Settings, SettingsStore
from retrocoach.devices.belt_hookup import TreadmillHookup, WalkSide
from retrocoach.devices.loop import DeviceThread, Inbox
from retrocoach.devices.problems import describe
from retrocoach.devices.scan import Found, bleak_scan, offering

if TYPE_CHECKING:
    from bleak.backends.client import BaseBleakClient

    from retrocoach.core.history.records import SessionRecord
    from retrocoach.devices.simulated.radio import Radio
    from retrocoach.devices.simulated.treadmill import SimulatedTreadmill
    from retrocoach.devices.treadmill import TreadmillLink, Written

__all__ = [
    "TRANSPORT_VARIABLE",
    "TreadmillChoice",
    "WalkTreadmill",
    "radio_for",
    "run_treadmill_scan",
    "start_demo",
]

TRANSPORT_VARIABLE: Final = "RETROCOACH_BLE_TRANSPORT"
"""A bumble transport (``tcp-client:HOST:PORT``) to reach devices through instead of the
system's Bluetooth: how the tests drive the app against a simulated treadmill in another
process, and a way to use a USB Bluetooth dongle through bumble."""
NO_BUMBLE: Final = (
    "the demo treadmill needs the demo extra (pip install 'retrocoach[demo]'): "
    "walking without a treadmill"
)


@dataclass(frozen=True, slots=True)
class TreadmillChoice:
    """Which treadmill a walk uses: an address, the demo, or none (address None)."""

    address: str | None
    demo: bool = False

    @classmethod
    def of(cls, flag: str | None, settings: Settings) -> TreadmillChoice:
        """--treadmill's word (None: not given) over the treadmill setting."""
        if flag == "demo":
            from retrocoach.devices.simulated.radio import DEMO_TREADMILL_ADDRESS  # noqa: PLC0415

            return cls(DEMO_TREADMILL_ADDRESS, demo=True)
        if flag == "none":
            return cls(None)
        return cls(flag or settings.treadmill)


def radio_for(demo: bool) -> Radio | None:
    """A bumble radio for the demo or for RETROCOACH_BLE_TRANSPORT; None: the system's."""
    transport = os.environ.get(TRANSPORT_VARIABLE)
    if not demo and not transport:
        return None
    from retrocoach.devices.simulated.radio import Radio  # noqa: PLC0415

    return Radio(None if demo else transport)


class WalkTreadmill:
    """The device thread, the link and the hookup of one walk; ``close()`` stops the belt."""

    def __init__(
        self,
        choice: TreadmillChoice,
        settings: Settings,
        walk: WalkSide,
        *,
        tell: Callable[[str], None],
        on_written: Callable[[Written], None] | None = None,
    ) -> None:
        assert choice.address is not None
        self.address = choice.address
        self.thread = DeviceThread()
        self.inbox = Inbox()
        coach = BeltCoach(
            turn_belt=TurnBelt(settings.turn_belt), backward_cap_kmh=settings.backward_cap_kmh
        )
        self.hookup = TreadmillHookup(coach, self._send, walk)
        self.demo: SimulatedTreadmill | None = None
        backend: type[BaseBleakClient] | None = None
        try:
            radio = radio_for(choice.demo)
        except ImportError:
            tell(NO_BUMBLE)
            self.link: TreadmillLink | None = None
            return
        from retrocoach.devices.treadmill import TreadmillLink  # noqa: PLC0415

        if radio is not None:
            from retrocoach.devices.simulated.bleak_backend import backend_for  # noqa: PLC0415

            backend = backend_for(radio.central)
            if choice.demo:
                self.demo = self.thread.call(start_demo(radio))
        self.link = TreadmillLink(
            self.address,
            self.hookup,
            thread=self.thread,
            inbox=self.inbox,
            backend=backend,
            on_written=on_written,
        )
        self.link.start()

    def _send(self, request: object) -> None:
        if self.link is not None:
            self.link.send(request)  # type: ignore[arg-type]  # a Request, from the hookup

    def enrich(self, record: SessionRecord) -> SessionRecord:
        """The walk's record with what the treadmill measured (for the SessionRecorder)."""
        return self.hookup.applied_to(record, self.address)

    def close(self) -> None:
        """Write what is still queued (a last Stop), disconnect, and end the device thread."""
        if self.link is not None:
            self.link.stop()
        demo = self.demo
        if demo is not None:
            with contextlib.suppress(Exception):
                self.thread.call(demo.close(), 5.0)
        self.thread.close()
        self.inbox.close()


async def start_demo(radio: Radio) -> SimulatedTreadmill:
    from retrocoach.devices.simulated.radio import DEMO_TREADMILL_ADDRESS  # noqa: PLC0415
    from retrocoach.devices.simulated.treadmill import DEMO_NAME, SimulatedTreadmill  # noqa: PLC0415

    treadmill = SimulatedTreadmill(radio.peripheral(DEMO_NAME, DEMO_TREADMILL_ADDRESS))
    await treadmill.start()
    return treadmill


def run_treadmill_scan(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``retrocoach treadmill scan``: the FTMS treadmills heard, one line each."""
    tell = teller(err)
    paths, _history, _plans = open_stores(args, err)
    settings = SettingsStore(paths, warn=tell).load()
    seconds = max(0.5, min(float(args.seconds), 60.0))
    thread = DeviceThread()
    try:
        found = thread.call(_scan(args.demo, seconds), seconds + 30)
    except ImportError:
        tell(NO_BUMBLE.split(":")[0])
        return EXIT_FAILED
    except Exception as error:  # bleak's and D-Bus's many kinds: one line
        tell(describe(error))
        return EXIT_FAILED
    finally:
        thread.close()
    treadmills = offering(found, FTMS_SERVICE)
    if not treadmills:
        out.write("No treadmill heard: is it switched on, near, and not held by another app?\n")
        return 0
    for item in treadmills:
        kept = "  (kept: treadmill setting)" if item.address == settings.treadmill else ""
        out.write(item.line() + kept + "\n")
    out.write("Keep one with: retrocoach settings treadmill=ADDRESS\n")
    return 0


async def _scan(demo: bool, seconds: float) -> list[Found]:
    radio = radio_for(demo)
    if radio is None:
        return await bleak_scan(seconds)
    if demo:
        await start_demo(radio)
    return await radio.scan(seconds)
