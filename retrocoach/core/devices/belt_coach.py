"""The treadmill coach: session events and treadmill reports in, treadmill requests out.

Pure (no Bluetooth, no clock of its own); what it decides waits in ``drain()``: Control Point
requests, actions on the session (pause, hold, a console's correction) and notices.
"""

from __future__ import annotations

from collections.abc import Sequence

from retrocoach.core.devices.belt_limits import (
    HOLD_AHEAD_S,
    SPEED_TOLERANCE_KMH,
    capped,
    clamped,
    slowest,
    slowing_lead_s,
)
from retrocoach.core.devices.belt_words import (
    DEFAULT_BACKWARD_CAP_KMH,
    DISCONNECTED_TEXT,
    MAX_BACKWARD_CAP_KMH,
    CorrectSpeed,
    HoldWalk,
    Notice,
    NoticeKind,
    PauseWalk,
    TurnBelt,
    control_error,
)
from retrocoach.core.devices.ftms_control import (
    PAUSE,
    STOP,
    ControlResponse,
    MachineStatus,
    Op,
    Request,
    Result,
    SpeedRange,
    Status,
)
from retrocoach.core.segments import Direction, Kind, Segment
from retrocoach.core.session.belt import START_KMH
from retrocoach.core.session.events import (
    Event,
    Paused,
    Resumed,
    SegmentStarted,
    SessionFinished,
    SessionStarted,
    SessionStopped,
    SpeedChanged,
)
from retrocoach.core.session.machine import Session
from retrocoach.core.session.transitions import State

__all__ = ["BeltCoach", "CorrectSpeed", "HoldWalk", "Output", "PauseWalk"]

Output = Request | PauseWalk | HoldWalk | CorrectSpeed | Notice


class BeltCoach:
    """Drives a treadmill through one walk; see the module docstring."""

    def __init__(
        self,
        *,
        turn_belt: TurnBelt = TurnBelt.STOP,
        backward_cap_kmh: float = DEFAULT_BACKWARD_CAP_KMH,
    ) -> None:
        self._turn_belt = turn_belt
        self._cap = min(backward_cap_kmh, MAX_BACKWARD_CAP_KMH)
        self._range = SpeedRange(0.5, 20.0, 0.1)  # until the treadmill says its own
        self._out: list[Output] = []
        self._told: set[str] = set()
        self.connected = False
        self._in_control = False
        self._walking = False  # the walker pressed Start and the walk is not over
        self._target: float | None = None  # what we last asked of the belt (0.0: stopped)
        self._belt_kmh: float | None = None  # what the belt last reported
        self._segment: Segment | None = None
        self._slowed_for_turn = False
        self._console_kmh: float | None = None  # a console change followed this segment
        self._turn_kmh: float | None = None  # the speed the coming turn needs, once slowed for it
        self._holding = False
        self._released = False  # a hold just let go: its Resumed is not the walker's

    # -- what comes out ------------------------------------------------------------------------

    def drain(self) -> list[Output]:
        """What the coach decided since the last drain, in order."""
        out, self._out = self._out, []
        return out

    @property
    def target_kmh(self) -> float | None:
        """The speed last asked of the belt (0: stopped; None: nothing asked yet)."""
        return self._target

    @property
    def belt_kmh(self) -> float | None:
        """The belt's speed as the treadmill last reported it."""
        return self._belt_kmh

    # -- the treadmill's side ------------------------------------------------------------------

    def on_connected(self, speeds: SpeedRange | None) -> None:
        """The treadmill is (again) connected; control is taken at the next segment."""
        if speeds is not None:
            self._range = speeds
        self.connected = True
        self._in_control = False

    def on_disconnected(self) -> None:
        was = self.connected
        self.connected = self._in_control = False
        self._belt_kmh = None
        if was and self._walking:
            self._out.append(Notice(NoticeKind.DISCONNECTED, DISCONNECTED_TEXT))

    def on_belt(self, speed_kmh: float | None) -> None:
        """The belt reported its speed (Treadmill Data)."""
        if speed_kmh is not None:
            self._belt_kmh = speed_kmh
        if self._holding and self._at_turn_speed():
            self._holding, self._released = False, True
            self._out.append(HoldWalk(hold=False))

    def _at_turn_speed(self) -> bool:
        turn, belt = self._turn_kmh, self._belt_kmh
        # A stop is a stop: a belt still creeping at a hundredth is not at rest.
        slack = SPEED_TOLERANCE_KMH if turn else 0.0
        return turn is None or belt is None or belt <= turn + slack

    def on_status(self, status: MachineStatus) -> None:
        """The treadmill's Machine Status."""
        code = status.code
        if code == Status.STOPPED_BY_SAFETY_KEY:
            self._target = 0.0
            self._pause_walk("the treadmill's safety key is out: walk paused")
        elif code == Status.STOPPED_OR_PAUSED_BY_USER:
            self._target = 0.0
            how = "paused" if status.paused else "stopped"
            self._pause_walk(f"the belt was {how} on the treadmill: walk paused")
        elif code == Status.CONTROL_PERMISSION_LOST:
            self._in_control = False  # taken again at the next segment
        elif code == Status.TARGET_SPEED_CHANGED and status.speed_kmh is not None:
            self._on_console_speed(status.speed_kmh)

    def on_response(self, response: ControlResponse) -> None:
        """The treadmill's answer to a request: a refusal is told once."""
        if response.succeeded:
            if response.op == Op.REQUEST_CONTROL:
                self._in_control = True
            return
        if response.op == Op.REQUEST_CONTROL or response.result == Result.NOT_PERMITTED:
            self._in_control = False  # asked again at the next segment
        self._tell_once(NoticeKind.ERROR, control_error(response.op, response.result))

    # -- the session's side --------------------------------------------------------------------

    def on_events(self, session: Session, events: Sequence[Event], now: float) -> None:
        """A SessionListener: every batch, empty ones too, so the turn's slow-down is timely."""
        for event in events:
            self._on_event(session, event, now)
        if self._walking and session.state is State.RUNNING and self._in_control:
            self._slow_ahead_of_turn(session, now)

    def _on_event(self, session: Session, event: Event, now: float) -> None:
        if isinstance(event, SessionStarted):
            self._walking = True
            self._take_control()
        elif isinstance(event, SegmentStarted):
            self._segment = event.segment
            self._console_kmh = None
            self._slowed_for_turn = False
            self._turn_kmh = None
            if self.connected and not self._in_control:
                self._take_control()
            self._drive(self._segment_speed(session, now))
        elif isinstance(event, SpeedChanged):
            if self._console_kmh is None or abs(event.speed_kmh - self._console_kmh) > 0.01:
                self._console_kmh = None
                self._drive(self._cap_for(event.direction, event.speed_kmh))
        elif isinstance(event, Paused | Resumed) and self._holding_or_releasing(event):
            return  # the walk waits for the belt: the belt goes on as it is
        elif isinstance(event, Paused):
            self._send(Request(Op.STOP_OR_PAUSE, stop_or_pause=PAUSE), 0.0)
        elif isinstance(event, Resumed):
            self._target = 0.0  # a paused belt starts again like a stopped one
            self._drive(self._segment_speed(session, now))
        elif isinstance(event, SessionFinished | SessionStopped):
            self._walking = False
            self._send(Request(Op.STOP_OR_PAUSE, stop_or_pause=STOP), 0.0)

    def _holding_or_releasing(self, event: Paused | Resumed) -> bool:
        if isinstance(event, Paused):
            return self._holding
        held, self._released = self._released, False
        return held

    def _segment_speed(self, session: Session, now: float) -> float:
        """The speed the segment under way wants: 0 for get-ready and a stopping turn."""
        segment = self._segment
        if segment is None or segment.kind is Kind.GETREADY:
            return 0.0
        direction = segment.kind.direction
        if direction is None:  # a turn-around
            return 0.0 if self._turn_belt is TurnBelt.STOP or segment.waits else self._slowest()
        if self._console_kmh is not None:
            return self._console_kmh
        planned = session.progress(now).speed_kmh
        return self._cap_for(direction, START_KMH[direction] if planned is None else planned)

    def _slow_ahead_of_turn(self, session: Session, now: float) -> None:
        segment, upcoming = session.segment, session.progress(now).next_segment
        if self._holding or upcoming is None or upcoming.kind is not Kind.TURN:
            return
        if segment.kind.direction is None:
            return
        if self._slowed_for_turn:
            if session.remaining(now) <= HOLD_AHEAD_S and not self._at_turn_speed():
                self._holding = True
                self._out.append(
                    HoldWalk(hold=True, reason="waiting for the belt to slow before the turn")
                )
            return
        turn_kmh = 0.0 if self._turn_belt is TurnBelt.STOP or upcoming.waits else self._slowest()
        belt = self._belt_kmh if self._belt_kmh is not None else (self._target or 0.0)
        if session.remaining(now) <= slowing_lead_s(belt, turn_kmh):
            self._slowed_for_turn = True
            self._turn_kmh = turn_kmh
            self._drive(turn_kmh)

    # -- asking the treadmill ------------------------------------------------------------------

    def _take_control(self) -> None:
        if self.connected:
            self._out.append(Request(Op.REQUEST_CONTROL))
            self._in_control = True  # optimistic: a refusal (on_response) says otherwise
            self._target = None  # whatever the belt does now, set it afresh

    def _drive(self, kmh: float) -> None:
        """Bring the belt to *kmh* (0: stopped), starting it first when it is stopped."""
        if not self._walking or not self._in_control:
            return
        if kmh <= 0.0:
            if self._target != 0.0:
                self._send(Request(Op.STOP_OR_PAUSE, stop_or_pause=STOP), 0.0)
            return
        speed = self._clamp(kmh)
        if self._target == speed:
            return
        if not self._target:
            self._out.append(Request(Op.START_OR_RESUME))
        self._send(Request(Op.SET_TARGET_SPEED, speed_kmh=speed), speed)

    def _send(self, request: Request, target: float) -> None:
        if self.connected and (self._walking or request.op is Op.STOP_OR_PAUSE):
            self._out.append(request)
            self._target = target

    def _on_console_speed(self, kmh: float) -> None:
        if self._target is not None and abs(kmh - self._target) <= SPEED_TOLERANCE_KMH:
            return  # the treadmill telling back what we asked
        segment = self._segment
        direction = None if segment is None else segment.kind.direction
        if not self._walking or direction is None or kmh <= 0.0:
            return
        allowed = self._cap_for(direction, kmh)
        self._console_kmh = allowed
        self._target = kmh
        self._out.append(CorrectSpeed(allowed))
        if allowed < kmh:  # the cap holds even against the console
            self._drive(allowed)

    def _pause_walk(self, reason: str) -> None:
        if self._walking:
            self._out.append(PauseWalk(reason))

    # -- limits --------------------------------------------------------------------------------

    def _cap_for(self, direction: Direction, kmh: float) -> float:
        speed, told = capped(direction, kmh, self._cap)
        self._tell_once(NoticeKind.ADJUSTED, told)
        return speed

    def _slowest(self) -> float:
        return slowest(self._range)

    def _clamp(self, kmh: float) -> float:
        speed, told = clamped(kmh, self._range)
        self._tell_once(NoticeKind.ADJUSTED, told)
        return speed

    def _tell_once(self, kind: NoticeKind, text: str) -> None:
        if text and text not in self._told:
            self._told.add(text)
            self._out.append(Notice(kind, text))
