"""The devices of a walk in ``run``: the treadmill and the strap, on one device thread."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from retrocoach.app.heart import WalkStrap, strap_choice
from retrocoach.app.terminal_side import TerminalSide
from retrocoach.app.treadmill import WalkTreadmill, treadmill_choice
from retrocoach.core.clock import MonotonicClock
from retrocoach.core.settings.store import Settings
from retrocoach.core.speeds import Units

if TYPE_CHECKING:
    from retrocoach.audio.listener import CueListener

__all__ = ["close_devices", "walk_devices"]


def _treadmill(
    args: argparse.Namespace, settings: Settings, cues: CueListener, tell: Callable[[str], None]
) -> tuple[TerminalSide, WalkTreadmill | None]:
    """The treadmill of --treadmill (or the setting), connecting in the background; or None."""
    choice = treadmill_choice(getattr(args, "treadmill", None), settings)
    side = TerminalSide(cues, Units(settings.units))
    if choice.address is None:
        return side, None
    return side, WalkTreadmill(choice, settings, side, tell=tell)


def walk_devices(
    args: argparse.Namespace,
    settings: Settings,
    cues: CueListener,
    clock: MonotonicClock,
    tell: Callable[[str], None],
) -> tuple[TerminalSide, list[WalkTreadmill | WalkStrap]]:
    """The walk's treadmill and strap, each connecting in the background (either may be none)."""
    side, treadmill = _treadmill(args, settings, cues, tell)
    strap = _strap(args, settings, side=side, treadmill=treadmill, clock=clock, tell=tell)
    return side, [device for device in (treadmill, strap) if device is not None]


def _strap(
    args: argparse.Namespace,
    settings: Settings,
    *,
    side: TerminalSide,
    treadmill: WalkTreadmill | None,
    clock: MonotonicClock,
    tell: Callable[[str], None],
) -> WalkStrap | None:
    """The strap of --hr (or the setting), on the treadmill's device thread when there is one."""
    choice = strap_choice(getattr(args, "hr", None), settings)
    if choice.address is None:
        return None
    coach = None if treadmill is None else treadmill.hookup.coach
    return WalkStrap(
        choice,
        settings,
        side,
        tell=tell,
        clock=clock.now,
        act=side.act,
        # Only a treadmill RetroCoach controls is slowed: its target speed, else None.
        belt_kmh=None if coach is None else lambda: coach.target_kmh if coach.connected else None,
        thread=None if treadmill is None else treadmill.thread,
        inbox=None if treadmill is None else treadmill.inbox,
    )


def close_devices(devices: list[WalkTreadmill | WalkStrap]) -> None:
    """The strap first, the treadmill last: its queued Stop is written before it goes."""
    for device in reversed(devices):
        device.close()
