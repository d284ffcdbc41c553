"""The heart-rate strap wired for a walk (``run``; the window's wiring follows), and ``hr scan``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Final, TextIO

from retrocoach.app.device_choice import DeviceChoice, Scan, reach, run_scan, switch_off
from retrocoach.core.settings.store import Settings
from retrocoach.core.speeds import Units
from retrocoach.devices.belt_hookup import SessionCommand
from retrocoach.devices.heart_hookup import HeartHookup, HeartSide
from retrocoach.devices.loop import DeviceThread, Inbox
from retrocoach.devices.strap import HEART_RATE_SERVICE

if TYPE_CHECKING:
    from retrocoach.core.history.records import SessionRecord
    from retrocoach.devices.simulated.radio import Radio
    from retrocoach.devices.simulated.strap import SimulatedStrap
    from retrocoach.devices.strap import StrapLink

__all__ = ["WalkStrap", "run_hr_scan", "strap_choice"]

NO_BUMBLE: Final = (
    "the demo strap needs the demo extra (pip install 'retrocoach[demo]'): walking without "
    "a heart-rate strap"
)


def strap_choice(flag: str | None, settings: Settings) -> DeviceChoice:
    """--hr's word (None: not given) over the hr-strap setting."""
    return DeviceChoice.of(flag, settings.hr_strap, _demo_address)


def _demo_address() -> str:
    from retrocoach.devices.simulated.strap import DEMO_STRAP_ADDRESS  # noqa: PLC0415

    return DEMO_STRAP_ADDRESS


class WalkStrap:
    """The link and the hookup of one walk's strap, on a device thread (shared or its own)."""

    def __init__(
        self,
        choice: DeviceChoice,
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
        self._closed = False
        try:
            reached = reach(choice, self.thread, _start_demo)
        except ImportError:
            tell(NO_BUMBLE)
            return
        from retrocoach.devices.strap import StrapLink  # noqa: PLC0415

        self.demo = reached.demo
        self.link = StrapLink(
            self.address,
            self.hookup,
            thread=self.thread,
            inbox=self.inbox,
            backend=reached.backend,
            clock=clock,
        )
        self.link.start()

    def enrich(self, record: SessionRecord) -> SessionRecord:
        """The walk's record with what the strap measured (for the SessionRecorder)."""
        return self.hookup.applied_to(record, self.address)

    def close(self) -> None:
        """Disconnect; the device thread too when it is the strap's own. Once: the window
        calls it when it closes and again when the application quits."""
        if self._closed:
            return
        self._closed = True
        if self.link is not None:
            self.link.stop()
        switch_off(self.thread, self.demo)
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
    scan = Scan(
        what="heart-rate strap",
        service=HEART_RATE_SERVICE,
        setting="hr-strap",
        kept=lambda settings: settings.hr_strap,
        none_heard=(
            "No heart-rate strap heard: is it on your skin (most wake only then), near, and not "
            "held by another app?"
        ),
        start_demo=_start_demo,
        no_bumble=NO_BUMBLE.split(":")[0],
    )
    return run_scan(scan, args, out, err)
