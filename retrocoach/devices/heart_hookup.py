"""The strap in a walk: the core's HeartRateWatch between the session, the strap and the walker.

Both coaches use it: a session listener (segments, and time passing for a quiet strap) and the
strap's reports, on the coach's own thread. What the walker is told goes through a HeartSide;
an ease-off slows a controlled treadmill one step through the session, as a walker's own
correction would, so the belt never speeds up again by itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from retrocoach.core.devices.heart_rate import HeartRateMeasurement
from retrocoach.core.devices.hr_watch import EaseOff, HeartRateWatch, HrNotice
from retrocoach.core.devices.hr_words import HeartShown, Urgency, heart_text, notice_words
from retrocoach.core.history.heart import with_heart_rate
from retrocoach.core.history.measured import DeviceRef
from retrocoach.core.history.records import SessionRecord
from retrocoach.core.segments import Direction
from retrocoach.core.session.events import Event, SessionStarted
from retrocoach.core.session.machine import Session
from retrocoach.core.speeds import BACKWARD_SPEED, FORWARD_SPEED, Units, step_speed
from retrocoach.devices.belt_hookup import SessionCommand

__all__ = ["HeartHookup", "HeartSide", "one_step_slower"]


class HeartSide(Protocol):
    """What a coach (window or terminal) offers the strap, on its own thread."""

    def tell_heart(self, text: str, urgency: Urgency) -> None:
        """Say *text*; EASE_OFF and STOP: the ease-off sound and the coach's largest message."""

    def show_heart(self, shown: HeartShown) -> None:
        """Show the live heart rate (and its zone against the ceiling)."""


def one_step_slower(belt_kmh: float | None, units: Units) -> SessionCommand:
    """A session command: the walking segment's speed one step (a tenth of *units*) slower.

    From the slower of the segment's speed and the belt's (*belt_kmh*, which a backward cap may
    hold under the plan's), so the belt really slows.
    """

    def slower(session: Session, now: float) -> Sequence[Event]:
        direction = session.segment.kind.direction
        speed = session.progress(now).speed_kmh
        if direction is None or speed is None:
            return []
        if belt_kmh is not None and belt_kmh > 0:
            speed = min(speed, belt_kmh)
        limit = FORWARD_SPEED if direction is Direction.FORWARD else BACKWARD_SPEED
        return session.correct_speed(step_speed(speed, -1, units, limit), now)

    return slower


class HeartHookup:
    """Connects a HeartRateWatch to a strap (StrapReports), a session and a HeartSide."""

    def __init__(
        self,
        ceiling_bpm: int | None,
        side: HeartSide | None = None,
        *,
        act: Callable[[SessionCommand], None] | None = None,
        belt_kmh: Callable[[], float | None] | None = None,
        units: Units = Units.KMH,
    ) -> None:
        """*belt_kmh*: the controlled treadmill's target speed, None when none is controlled."""
        self.ceiling = ceiling_bpm
        self.side = side
        self._act = act
        self._belt_kmh = belt_kmh
        self._units = units
        self.watch: HeartRateWatch | None = None
        """The walk's watch, from the session's start."""
        self.name: str | None = None
        self.connected = False
        self.latest: int | None = None
        self.eased = 0
        """How many times the belt was slowed for the heart."""
        self._told: set[str] = set()
        self._shown: HeartShown | None = None

    # -- the session's side (a SessionListener) ------------------------------------------------

    def on_events(self, session: Session, events: Sequence[Event], now: float) -> None:
        del session
        for event in events:
            if isinstance(event, SessionStarted):  # each walk its own watch (the window's next)
                self.watch = HeartRateWatch(self.ceiling, started_at=event.at)
        if self.watch is not None:
            self.watch.on_events(events)
            self._route(self.watch.tick(now))

    # -- the strap's side (StrapReports) -------------------------------------------------------

    def on_strap_connected(self, name: str | None) -> None:
        self.name, self.connected = name, True
        self._tell("Heart-rate strap connected.", Urgency.QUIET)
        self._show()

    def on_strap_disconnected(self) -> None:
        self.connected = False
        self.latest = None
        if self.watch is not None:
            self.watch.lost()
        self._tell(
            "The heart-rate strap disconnected; RetroCoach keeps trying to reach it, and the "
            "walk goes on.",
            Urgency.QUIET,
        )
        self._show()

    def on_measurement(self, measurement: HeartRateMeasurement, at: float) -> None:
        self.latest = measurement.bpm if measurement.usable else None
        if self.watch is not None:
            self._route(self.watch.measured(at, measurement))
        self._show()

    def on_strap_problem(self, line: str) -> None:
        self._tell(line[:1].upper() + line[1:] + ".", Urgency.QUIET)

    def refresh(self) -> None:
        """Show the latest reading again (to a side just given)."""
        self._shown = None
        self._show()

    # -- the record ----------------------------------------------------------------------------

    def applied_to(self, record: SessionRecord, address: str) -> SessionRecord:
        """*record* with what the strap measured, and the strap among its devices."""
        if self.watch is None:
            return record
        return with_heart_rate(record, self.watch, DeviceRef(address, self.name))

    # -- what the watch decided ----------------------------------------------------------------

    def _route(self, notices: Sequence[HrNotice]) -> None:
        for notice in notices:
            text, urgency = notice_words(notice, self.ceiling)
            if isinstance(notice, EaseOff) and self._slow_belt():
                text += " The belt is one step slower."
            if self.side is not None:
                self.side.tell_heart(text, urgency)
        if notices:
            self._show()

    def _slow_belt(self) -> bool:
        belt = None if self._belt_kmh is None else self._belt_kmh()
        if belt is None or self._act is None:
            return False
        self._act(one_step_slower(belt, self._units))
        self.eased += 1
        return True

    def _tell(self, text: str, urgency: Urgency) -> None:
        if self.side is not None and text not in self._told:
            # Connection news and problems are told once a walk: a strap that comes and goes
            # every few seconds must not flood the coach.
            self._told.add(text)
            self.side.tell_heart(text, urgency)

    def _show(self) -> None:
        shown = heart_text(self.latest, self.ceiling)
        if self.side is not None and shown != self._shown:
            self._shown = shown
            self.side.show_heart(shown)
