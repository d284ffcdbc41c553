"""The treadmill in a walk: the core's BeltCoach between the session, the link and the walker.

Both coaches use it: it is a session listener (the session's events reach the coach), and it
hears the treadmill through the Inbox on the coach's own thread. What the walker must be told,
and the session commands the treadmill calls for, go through a WalkSide the coach provides.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from retrocoach.core.devices.belt_coach import BeltCoach, CorrectSpeed, HoldWalk, PauseWalk
from retrocoach.core.devices.belt_log import BeltLog
from retrocoach.core.devices.belt_words import Notice, NoticeKind
from retrocoach.core.devices.ftms_control import (
    ControlResponse,
    MachineStatus,
    Request,
    SpeedRange,
)
from retrocoach.core.devices.ftms_data import TreadmillData
from retrocoach.core.history.measured import BeltTotals, DeviceRef, Devices
from retrocoach.core.history.records import SessionRecord
from retrocoach.core.session.events import Event, SegmentMeasure, SegmentRecord, SessionStarted
from retrocoach.core.session.machine import Session
from retrocoach.core.session.transitions import Command

__all__ = ["BeltShown", "TreadmillHookup", "WalkSide"]

SessionCommand = Callable[[Session, float], Sequence[Event]]


@dataclass(frozen=True, slots=True)
class BeltShown:
    """What the coach shows of the treadmill: connected or not, the belt's speed, the target."""

    connected: bool
    belt_kmh: float | None
    target_kmh: float | None


class WalkSide(Protocol):
    """What a coach (window or terminal) offers the treadmill, on its own thread."""

    def act(self, command: SessionCommand) -> None:
        """Run *command* on the session now and hand its events to every listener."""

    def tell(self, text: str, *, loud: bool) -> None:
        """Say *text*; *loud*: the treadmill is lost (a sound of its own, the largest text)."""

    def show_belt(self, shown: BeltShown) -> None:
        """Show the treadmill's state beside the target."""


class TreadmillHookup:
    """Connects a BeltCoach to a treadmill link (``send``) and a walk (``WalkSide``)."""

    def __init__(
        self,
        coach: BeltCoach,
        send: Callable[[Request], None],
        walk: WalkSide | None = None,
        log: BeltLog | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.coach = coach
        self.send = send
        self.walk = walk
        self.log = log or BeltLog()
        self.name: str | None = None
        self._clock = clock
        self._shown: BeltShown | None = None

    # -- the session's side (a SessionListener) ------------------------------------------------

    def on_events(self, session: Session, events: Sequence[Event], now: float) -> None:
        if any(isinstance(event, SessionStarted) for event in events):
            self.log = BeltLog()  # each walk of the window keeps what was measured in it
        self.log.on_events(events)
        self.coach.on_events(session, events, now)
        self._route()

    # -- the treadmill's side (TreadmillReports) -----------------------------------------------

    def on_connected(self, name: str | None, speeds: SpeedRange | None) -> None:
        self.name = name
        self.coach.on_connected(speeds)
        self._route()

    def on_disconnected(self) -> None:
        self.coach.on_disconnected()
        self._route()

    def on_data(self, data: TreadmillData) -> None:
        self.coach.on_belt(data.speed_kmh)
        self.log.on_data(data, self._clock())
        self._route()

    def on_status(self, status: MachineStatus) -> None:
        self.coach.on_status(status)
        self._route()

    def on_response(self, response: ControlResponse) -> None:
        self.coach.on_response(response)
        self._route()

    def applied_to(self, record: SessionRecord, address: str) -> SessionRecord:
        """*record* with what the treadmill measured, and the treadmill among its devices."""
        measures = self.log.measures()
        segments = tuple(
            _with_belt(segment, measures[index] if index < len(measures) else None)
            for index, segment in enumerate(record.segments)
        )
        figures = self.log.totals()
        devices = dataclasses.replace(
            record.devices or Devices(), treadmill=DeviceRef(address, self.name)
        )
        return dataclasses.replace(
            record,
            segments=segments,
            measured=None if figures is None else BeltTotals(*dataclasses.astuple(figures)),
            devices=devices,
        )

    def on_problem(self, line: str) -> None:
        if self.walk is not None:
            self.walk.tell(line, loud=False)

    # -- what the coach decided ----------------------------------------------------------------

    def _route(self) -> None:
        walk = self.walk
        for output in self.coach.drain():
            if isinstance(output, Request):
                self.send(output)
            elif walk is None:
                continue
            elif isinstance(output, PauseWalk):
                walk.tell(output.reason, loud=False)
                walk.act(_pause)
            elif isinstance(output, HoldWalk):
                if output.hold:
                    walk.tell(output.reason, loud=False)
                walk.act(_pause if output.hold else _resume)
            elif isinstance(output, CorrectSpeed):
                walk.act(_correction(output.speed_kmh))
            elif isinstance(output, Notice):
                walk.tell(output.text, loud=output.kind is NoticeKind.DISCONNECTED)
        shown = BeltShown(self.coach.connected, self.coach.belt_kmh, self.coach.target_kmh)
        if walk is not None and shown != self._shown:
            self._shown = shown
            walk.show_belt(shown)


def _resume(session: Session, now: float) -> Sequence[Event]:
    return session.resume(now) if session.can(Command.RESUME) else []


def _pause(session: Session, now: float) -> Sequence[Event]:
    return session.pause(now) if session.can(Command.PAUSE) else []


def _correction(kmh: float) -> SessionCommand:
    def correct(session: Session, now: float) -> Sequence[Event]:
        return session.correct_speed(kmh, now)

    return correct


def _with_belt(segment: SegmentRecord, belt: SegmentMeasure | None) -> SegmentRecord:
    """*segment* with the belt's figures, beside any heart-rate figures already there."""
    if belt is None:
        return segment
    measured = dataclasses.replace(
        segment.measured or SegmentMeasure(), distance_m=belt.distance_m, speed_kmh=belt.speed_kmh
    )
    return dataclasses.replace(segment, measured=measured)
