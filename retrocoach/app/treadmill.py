"""The treadmill wired for a walk (window or run), and ``retrocoach treadmill scan``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Final, TextIO

from retrocoach.app.device_choice import DeviceChoice, Scan, reach, run_scan, switch_off
from retrocoach.core.devices.belt_coach import BeltCoach
from retrocoach.core.devices.belt_words import TurnBelt
from retrocoach.core.devices.ftms_data import FTMS_SERVICE
from retrocoach.core.settings.store import Settings
from retrocoach.devices.belt_hookup import TreadmillHookup, WalkSide
from retrocoach.devices.loop import DeviceThread, Inbox

if TYPE_CHECKING:
    from retrocoach.core.history.records import SessionRecord
    from retrocoach.devices.simulated.radio import Radio
    from retrocoach.devices.simulated.treadmill import SimulatedTreadmill
    from retrocoach.devices.treadmill import TreadmillLink, Written

__all__ = ["WalkTreadmill", "run_treadmill_scan", "start_demo", "treadmill_choice"]

NO_BUMBLE: Final = (
    "the demo treadmill needs the demo extra (pip install 'retrocoach[demo]'): "
    "walking without a treadmill"
)


def treadmill_choice(flag: str | None, settings: Settings) -> DeviceChoice:
    """--treadmill's word (None: not given) over the treadmill setting."""
    return DeviceChoice.of(flag, settings.treadmill, _demo_address)


def _demo_address() -> str:
    from retrocoach.devices.simulated.radio import DEMO_TREADMILL_ADDRESS  # noqa: PLC0415

    return DEMO_TREADMILL_ADDRESS


class WalkTreadmill:
    """The device thread, the link and the hookup of one walk; ``close()`` stops the belt."""

    def __init__(
        self,
        choice: DeviceChoice,
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
        self._closed = False
        try:
            reached = reach(choice, self.thread, start_demo)
        except ImportError:
            tell(NO_BUMBLE)
            self.link: TreadmillLink | None = None
            return
        from retrocoach.devices.treadmill import TreadmillLink  # noqa: PLC0415

        self.demo = reached.demo
        self.link = TreadmillLink(
            self.address,
            self.hookup,
            thread=self.thread,
            inbox=self.inbox,
            backend=reached.backend,
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
        """Write what is still queued (a last Stop), disconnect, and end the device thread;
        once (the window calls it both when it closes and when the application quits)."""
        if self._closed:
            return
        self._closed = True
        if self.link is not None:
            self.link.stop()
        switch_off(self.thread, self.demo)
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
    scan = Scan(
        what="treadmill",
        service=FTMS_SERVICE,
        setting="treadmill",
        kept=lambda settings: settings.treadmill,
        none_heard="No treadmill heard: is it switched on, near, and not held by another app?",
        start_demo=start_demo,
        no_bumble=NO_BUMBLE.split(":")[0],
    )
    return run_scan(scan, args, out, err)
