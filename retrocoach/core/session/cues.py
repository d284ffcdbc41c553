"""Which sound cues a batch of session events calls for: the cue contract, free of any audio code.

A cue sounds at the start of every segment (the first included) and at the end of the session;
pips count the last seconds before a switch when the walker wants them; pausing and resuming
have their own cues. A boundary is cued once, however the events arrive. When a late tick makes
``advance`` report several boundaries at once, only the latest sounds, and pips that are already
stale are dropped, so a stalled loop never releases a burst of sounds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Final

from retrocoach.core.choices import PIPS_CHOICES
from retrocoach.core.plan.model import Kind
from retrocoach.core.session.events import SlowDownDue
from retrocoach.core.session.machine import (
    CountdownTick,
    Event,
    Paused,
    Resumed,
    SegmentStarted,
    SessionFinished,
    SessionStarted,
)

__all__ = ["PIPS_CHOICES", "STALE_S", "Cue", "CuePlanner", "countdown_for"]

STALE_S: Final = 0.5
"""A pip due longer ago than this is dropped: a late count is worse than none."""


class Cue(StrEnum):
    """A sound cue; the value names its file in ``assets/sounds/`` (and ``voice/``)."""

    GET_READY = "getready"
    WARMUP = "warmup"
    FORWARD = "forward"
    BACKWARD = "backward"
    COOLDOWN = "cooldown"
    PIP = "pip"
    FINISHED = "finished"
    PAUSED = "paused"
    RESUMED = "resumed"
    CONFIRM_STOP = "confirmstop"
    """Not a session's cue: the window asks for a second Esc (or Ctrl+Q) to stop the walk."""
    TURN = "turn"
    """A turn-around phase begins: turn round on the side rails, the belt set for what follows."""
    SLOW_DOWN = "slowdown"
    """Slow the belt: the next walking segment is slower (see retrocoach.core.session.belt)."""
    DEVICE_LOST = "devicelost"
    """Not a session's cue: a Bluetooth device (the treadmill) was lost mid-walk."""
    EASE_OFF = "easeoff"
    """Not a session's cue: the heart rate stayed above the walker's ceiling (or far above it)."""
    WAKE = "wake"
    """Not a sound: a boundary is due in about a second, so keep the output device awake.

    A sound server suspends a device left idle for a few seconds, and the first sound after
    that pays for the wake-up (late, or its start cut off); a player may prevent it here."""

    @property
    def audible(self) -> bool:
        """False for WAKE, which makes no sound; a silent window flashes for the others."""
        return self is not Cue.WAKE


SEGMENT_CUES: Final[Mapping[Kind, Cue]] = {
    Kind.GETREADY: Cue.GET_READY,
    Kind.WARMUP: Cue.WARMUP,
    Kind.FORWARD: Cue.FORWARD,
    Kind.BACKWARD: Cue.BACKWARD,
    Kind.COOLDOWN: Cue.COOLDOWN,
    Kind.TURN: Cue.TURN,
}

# The boundary key of the session's end: after every segment index.
_END: Final = (1 << 31, None)


def countdown_for(pips: int) -> int:
    """The session's countdown_s for a pips lead: at least 1, for the WAKE before a boundary."""
    return max(pips, 1)


class CuePlanner:
    """Turns each batch of session events into the cues to play, in order.

    One planner may serve many sessions: a SessionStarted event begins afresh. The session
    needs ``countdown_s >= countdown_for(pips)``: its CountdownTick events drive both the pips and
    the WAKE a second before each boundary.
    """

    def __init__(self, pips: int = 3, stale_s: float = STALE_S) -> None:
        if pips not in PIPS_CHOICES:
            raise ValueError(f"pips must be one of {PIPS_CHOICES}, not {pips}")
        self.pips = pips
        self.stale_s = stale_s
        self._last_boundary: tuple[int, Kind | None] = (-1, None)
        self._last_tick: tuple[int, int] = (-1, 0)

    def reset(self) -> None:
        """Forget what was cued: the next boundary is a new session's."""
        self._last_boundary = (-1, None)
        self._last_tick = (-1, 0)

    def cues_for(self, events: Sequence[Event], now: float) -> list[Cue]:
        """The cues for *events*, which ``advance`` (or a command) returned at *now*."""
        latest = self._latest_boundary(events)
        cues: list[Cue] = []
        for position, event in enumerate(events):
            if isinstance(event, SessionStarted):
                self.reset()
            elif position == latest:
                cues.append(self._boundary_cue(event))
            elif isinstance(event, CountdownTick):
                cues.extend(self._tick_cues(event, now, superseded=position < latest))
            elif isinstance(event, SlowDownDue):
                cues.extend(self._slow_down_cues(event, now, superseded=position < latest))
            elif isinstance(event, Paused):
                cues.append(Cue.PAUSED)
            elif isinstance(event, Resumed):
                cues.append(Cue.RESUMED)
        if Cue.SLOW_DOWN in cues and Cue.TURN in cues:
            # Due at the turn-around's start: one sound at a time, and slowing matters more.
            cues.remove(Cue.TURN)
        return cues

    def _latest_boundary(self, events: Sequence[Event]) -> int:
        """The position of the last boundary not yet cued, or -1: earlier ones are skipped."""
        latest = -1
        boundary = self._last_boundary
        for position, event in enumerate(events):
            if isinstance(event, SessionStarted):
                boundary = (-1, None)
            key = _boundary_key(event)
            if key is not None and _after(key, boundary):
                latest, boundary = position, key
        return latest

    def _boundary_cue(self, event: Event) -> Cue:
        key = _boundary_key(event)
        assert key is not None  # _latest_boundary only picks boundaries
        self._last_boundary = key
        if isinstance(event, SegmentStarted):
            return SEGMENT_CUES[event.segment.kind]
        return Cue.FINISHED

    def _tick_cues(self, tick: CountdownTick, now: float, *, superseded: bool) -> list[Cue]:
        """WAKE, then PIP when the count is within the pips lead: fresh ticks only, each once.

        A tick before a boundary reported in the same batch counts down to a switch that has
        already happened, so it is *superseded* and makes no sound.
        """
        key = (tick.index, -tick.seconds_left)  # grows as the session goes on
        stale = now - tick.at > self.stale_s
        old = tick.index < self._last_boundary[0] or key <= self._last_tick
        if superseded or stale or old:
            return []
        cues: list[Cue] = []
        if tick.seconds_left <= max(self.pips, 1):
            self._last_tick = key
            cues.append(Cue.WAKE)
            if tick.seconds_left <= self.pips:
                cues.append(Cue.PIP)
        return cues

    def _slow_down_cues(self, due: SlowDownDue, now: float, *, superseded: bool) -> list[Cue]:
        """WAKE a second ahead, then SLOW_DOWN; never for a switch already past or stale."""
        if superseded or now - due.at > self.stale_s or due.index < self._last_boundary[0]:
            return []
        return [Cue.SLOW_DOWN if due.seconds_left == 0 else Cue.WAKE]


def _boundary_key(event: Event) -> tuple[int, Kind | None] | None:
    if isinstance(event, SegmentStarted):
        return (event.index, event.segment.kind)
    if isinstance(event, SessionFinished):
        return _END
    return None


def _after(key: tuple[int, Kind | None], last: tuple[int, Kind | None]) -> bool:
    """Whether boundary *key* comes later in the session than *last*: never cue one twice."""
    return key[0] > last[0]
