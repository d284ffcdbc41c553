"""The heart-rate strap wired for a walk (``run``; the window's wiring follows), and ``hr scan``."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, TextIO

from retrocoach.app.treadmill import TRANSPORT_VARIABLE, radio_for
from retrocoach.cli.commands import open_stores, teller
from retrocoach.cli.errors import EXIT_FAILED
from retrocoach.core.settings.store import Settings, SettingsStore
from retrocoach.core.speeds import Units
from retrocoach.devices.belt_hookup import SessionCommand
from retrocoach.devices.heart_hookup import HeartHookup, HeartSide
from retrocoach.devices.loop import DeviceThread, Inbox
from retrocoach.devices.problems import describe
from retrocoach.devices.scan import Found, bleak_scan, offering
from retrocoach.devices.strap import HEART_RATE_SERVICE

if TYPE_CHECKING:
    from bleak.backends.client import BaseBleakClient

    from retrocoach.core.history.records import SessionRecord
    from retrocoach.devices.simulated.radio import Radio
    from retrocoach.devices.simulated.strap import SimulatedStrap
    from retrocoach.devices.strap import StrapLink

__all__ = ["TRANSPORT_VARIABLE", "StrapChoice", "WalkStrap", "run_hr_scan"]

NO_BUMBLE: Final = (
    "the demo strap needs the demo extra (pip install 'retrocoach[demo]'): walking without "
    "a heart-rate strap"
)


@dataclass(frozen=True, slots=True)
class StrapChoice:
    """Which strap a walk listens to: an address, the demo, or none (address None)."""

    address: str | None
    demo: bool = False

    @classmethod
    def of(cls, flag: str | None, settings: Settings) -> StrapChoice:
        """--hr's word (None: not given) over the hr-strap setting."""
        if flag == "demo":
            from retrocoach.devices.simulated.strap import DEMO_STRAP_ADDRESS  # noqa: PLC0415

            return cls(DEMO_STRAP_ADDRESS, demo=True)
        if flag == "none":
            return cls(None)
        return cls(flag or settings.hr_strap)


class WalkStrap:
    """The link and the hookup of one walk's strap, on a device thread (shared or its own)."""

    def __init__(
        self,
        choice: StrapChoice,
        settings: Settings,
        side: HeartSide | None,
        *,
        tell: Callable[[str], None],
        clock: Callable[[], float],
        act: Callable[[SessionCommand], None] | None = None,
        belt_kmh: Callable[[], float | None] | None = None,
        thread: DeviceThread | None = None,
        inbox: Inbox | None = None,
    ) -> None:
        """*thread* and *inbox*: the treadmill's, so one loop and one wake serve both."""
        assert choice.address is not None
        self.address = choice.address
        self._own = thread is None
        self.thread = thread or DeviceThread()
        self.inbox = inbox or Inbox()
        self.hookup = HeartHookup(
            settings.hr_ceiling, side, act=act, belt_kmh=belt_kmh, units=Units(settings.units)
        )
        self.demo: SimulatedStrap | None = None
        self.link: StrapLink | None = None
        backend: type[BaseBleakClient] | None = None
        try:
            radio = radio_for(choice.demo)
        except ImportError:
            tell(NO_BUMBLE)
            return
        from retrocoach.devices.strap import StrapLink  # noqa: PLC0415

        if radio is not None:
            from retrocoach.devices.simulated.bleak_backend import backend_for  # noqa: PLC0415

            backend = backend_for(radio.central)
            if choice.demo:
                self.demo = self.thread.call(_start_demo(radio))
        self.link = StrapLink(
            self.address,
            self.hookup,
            thread=self.thread,
            inbox=self.inbox,
            backend=backend,
            clock=clock,
        )
        self.link.start()

    def enrich(self, record: SessionRecord) -> SessionRecord:
        """The walk's record with what the strap measured (for the SessionRecorder)."""
        return self.hookup.applied_to(record, self.address)

    def close(self) -> None:
        """Disconnect; the device thread too when it is the strap's own."""
        if self.link is not None:
            self.link.stop()
        if self.demo is not None:
            with contextlib.suppress(Exception):
                self.thread.call(self.demo.close(), 5.0)
        if self._own:
            self.thread.close()
            self.inbox.close()


async def _start_demo(radio: Radio) -> SimulatedStrap:
    from retrocoach.devices.simulated.strap import (  # noqa: PLC0415
        DEMO_STRAP_ADDRESS,
        DEMO_STRAP_NAME,
        SimulatedStrap,
    )

    strap = SimulatedStrap(radio.peripheral(DEMO_STRAP_NAME, DEMO_STRAP_ADDRESS))
    await strap.start()
    return strap


def run_hr_scan(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``retrocoach hr scan``: the heart-rate straps heard, one line each."""
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
        tell(describe(error, "heart-rate strap"))
        return EXIT_FAILED
    finally:
        thread.close()
    straps = offering(found, HEART_RATE_SERVICE)
    if not straps:
        out.write(
            "No heart-rate strap heard: is it on your skin (most wake only then), near, and not "
            "held by another app?\n"
        )
        return 0
    for item in straps:
        kept = "  (kept: hr-strap setting)" if item.address == settings.hr_strap else ""
        out.write(item.line() + kept + "\n")
    out.write("Keep one with: retrocoach settings hr-strap=ADDRESS\n")
    return 0


async def _scan(demo: bool, seconds: float) -> list[Found]:
    radio = radio_for(demo)
    if radio is None:
        return await bleak_scan(seconds)
    if not demo:
        return await radio.scan(seconds)
    strap = await _start_demo(radio)
    try:
        return await radio.scan(seconds)
    finally:
        await strap.close()
