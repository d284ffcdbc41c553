"""The treadmill coach: what it asks of the belt at every moment of a walk, without Bluetooth."""

from __future__ import annotations

from collections.abc import Sequence

from retrocoach.core.devices.belt_coach import (
    BeltCoach,
    CorrectSpeed,
    HoldWalk,
    Output,
    PauseWalk,
)
from retrocoach.core.devices.belt_words import Notice, NoticeKind, TurnBelt
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
from retrocoach.core.plan.model import parse_spec
from retrocoach.core.segments import Kind
from retrocoach.core.session.events import Event, SegmentStarted
from retrocoach.core.session.machine import Session

SPEC = "getready=2s warmup=0s forward=20s backward=20s rounds=1 cooldown=0s turn=5s"
SPEEDS = " forward-speed=4km/h backward-speed=2km/h"


class Walk:
    """A session and a coach, with a belt that follows requests at 0.5 km/h per second."""

    def __init__(self, spec: str = SPEC + SPEEDS, rate: float = 0.5, **coach: object) -> None:
        self.session = Session(parse_spec(spec))
        self.coach = BeltCoach(**coach)  # type: ignore[arg-type]
        self.coach.on_connected(SpeedRange(0.5, 12.0, 0.1))
        self.now = 0.0
        self.belt = 0.0
        self.target = 0.0
        self.log: list[tuple[float, Output]] = []
        self.turn_starts: list[float] = []  # the belt's speed as each turn-around began
        self.rate = rate  # km/h per second the belt changes speed
        self.coach.drain()

    def feed(self, events: Sequence[Event]) -> list[Output]:
        self.coach.on_events(self.session, events, self.now)
        for event in events:
            if isinstance(event, SegmentStarted) and event.segment.kind is Kind.TURN:
                self.turn_starts.append(self.belt)
        out = self.coach.drain()
        for item in out:
            self.log.append((self.now, item))
            if isinstance(item, HoldWalk):  # as the hookup does: pause, then resume
                command = self.session.pause if item.hold else self.session.resume
                self.feed(command(self.now))
            if isinstance(item, Request) and item.op is Op.SET_TARGET_SPEED:
                self.target = item.speed_kmh or 0.0
            elif isinstance(item, Request) and item.op is Op.STOP_OR_PAUSE:
                self.target = 0.0
        return out

    def start(self) -> list[Output]:
        return self.feed(self.session.start(self.now))

    def run(self, seconds: float, step: float = 0.1) -> None:
        end = self.now + seconds
        while self.now < end - 1e-9 and not self.session.is_over:
            self.now = round(self.now + step, 6)
            change = self.rate * step
            self.belt = (
                min(self.target, self.belt + change)
                if self.target > self.belt
                else max(self.target, self.belt - change)
            )
            self.coach.on_belt(round(self.belt, 2))
            self.feed(self.session.advance(self.now))

    def requests(self) -> list[Request]:
        return [item for _at, item in self.log if isinstance(item, Request)]

    def speeds(self) -> list[float | None]:
        return [r.speed_kmh for r in self.requests() if r.op is Op.SET_TARGET_SPEED]


def test_nothing_is_asked_of_the_belt_before_the_walker_presses_start() -> None:
    walk = Walk()
    walk.run(5)
    assert walk.requests() == []


def test_start_takes_control_keeps_the_belt_still_for_get_ready_then_sets_the_speed() -> None:
    walk = Walk()
    assert walk.start()[0] == Request(Op.REQUEST_CONTROL)
    walk.run(1)
    assert Request(Op.START_OR_RESUME) not in walk.requests()
    walk.run(1.5)
    requests = walk.requests()
    assert requests[-2:] == [Request(Op.START_OR_RESUME), Request(Op.SET_TARGET_SPEED, 4.0)]


def test_the_belt_stops_before_the_turn_begins_and_starts_at_the_backward_speed_after() -> None:
    walk = Walk()
    walk.start()
    walk.run(60)
    assert walk.turn_starts == [0.0]
    assert walk.speeds() == [4.0, 2.0]
    assert Request(Op.STOP_OR_PAUSE, stop_or_pause=STOP) in walk.requests()
    assert walk.requests()[-1] == Request(Op.STOP_OR_PAUSE, stop_or_pause=STOP)  # the end


def test_a_slow_turn_brings_the_belt_to_the_slowest_speed_before_the_turn() -> None:
    walk = Walk(turn_belt=TurnBelt.SLOW)
    walk.start()
    walk.run(60)
    assert walk.turn_starts == [0.5]
    assert walk.speeds() == [4.0, 0.5, 2.0]


def test_the_backward_cap_holds_whatever_the_plan_asks_and_is_told_once() -> None:
    spec = SPEC.replace("rounds=1", "rounds=2") + " forward-speed=4km/h backward-speed=5km/h"
    walk = Walk(spec, backward_cap_kmh=2.5)
    walk.start()
    walk.run(200)
    assert max(s or 0 for s in walk.speeds()) == 4.0
    assert 5.0 not in walk.speeds()
    assert walk.speeds().count(2.5) == 2
    told = [n for _at, n in walk.log if isinstance(n, Notice) and "backward cap" in n.text]
    assert len(told) == 1


def test_the_cap_never_goes_above_six() -> None:
    walk = Walk(SPEC + " backward-speed=6km/h", backward_cap_kmh=9.0)
    walk.start()
    walk.run(60)
    assert max(s or 0 for s in walk.speeds()) <= 6.0


def test_speeds_are_clamped_to_the_treadmills_range_and_step_and_said() -> None:
    walk = Walk(SPEC + " forward-speed=3.33km/h backward-speed=0.5km/h")
    walk.coach.on_connected(SpeedRange(1.0, 12.0, 0.25))
    walk.start()
    walk.run(60)
    assert walk.speeds() == [3.25, 1.0]
    notices = [n.text for _at, n in walk.log if isinstance(n, Notice)]
    assert any("3.33 km/h is set as 3.25" in text for text in notices)


def test_a_turn_that_waits_keeps_the_belt_stopped_until_the_walker_says_go() -> None:
    walk = Walk(SPEC.replace("turn=5s", "turn=wait") + SPEEDS)
    walk.start()
    walk.run(40)
    assert walk.session.segment.kind is Kind.TURN
    assert walk.target == 0.0
    assert walk.belt == 0.0
    before = len(walk.requests())
    walk.run(10)
    assert len(walk.requests()) == before  # nothing starts it while waiting
    walk.feed(walk.session.go(walk.now))
    assert walk.requests()[-2:] == [Request(Op.START_OR_RESUME), Request(Op.SET_TARGET_SPEED, 2.0)]


def test_pause_pauses_the_belt_and_resume_starts_it_at_the_segments_speed() -> None:
    walk = Walk()
    walk.start()
    walk.run(5)
    walk.feed(walk.session.pause(walk.now))
    assert walk.requests()[-1] == Request(Op.STOP_OR_PAUSE, stop_or_pause=PAUSE)
    walk.feed(walk.session.resume(walk.now))
    assert walk.requests()[-2:] == [Request(Op.START_OR_RESUME), Request(Op.SET_TARGET_SPEED, 4.0)]


def test_stopping_the_walk_stops_the_belt() -> None:
    walk = Walk()
    walk.start()
    walk.run(5)
    walk.feed(walk.session.stop(walk.now))
    assert walk.requests()[-1] == Request(Op.STOP_OR_PAUSE, stop_or_pause=STOP)


def test_the_safety_key_and_the_console_stop_pause_the_walk_and_say_why() -> None:
    walk = Walk()
    walk.start()
    walk.run(5)
    walk.coach.on_status(MachineStatus(Status.STOPPED_BY_SAFETY_KEY))
    walk.coach.on_status(MachineStatus(Status.STOPPED_OR_PAUSED_BY_USER, paused=True))
    out = walk.coach.drain()
    assert [type(item) for item in out] == [PauseWalk, PauseWalk]
    assert "safety key" in out[0].reason  # type: ignore[union-attr]
    assert "paused on the treadmill" in out[1].reason  # type: ignore[union-attr]


def test_a_console_change_is_followed_for_the_segment_and_recorded_not_fought() -> None:
    walk = Walk()
    walk.start()
    walk.run(5)
    walk.coach.on_status(MachineStatus(Status.TARGET_SPEED_CHANGED, speed_kmh=4.0))  # our echo
    assert walk.coach.drain() == []
    walk.coach.on_status(MachineStatus(Status.TARGET_SPEED_CHANGED, speed_kmh=3.2))
    assert walk.coach.drain() == [CorrectSpeed(3.2)]
    walk.feed(walk.session.correct_speed(3.2, walk.now))
    assert walk.speeds() == [4.0]  # nothing sent back against it


def test_a_console_change_above_the_backward_cap_is_brought_back_to_the_cap() -> None:
    walk = Walk()
    walk.start()
    walk.run(30)
    assert walk.session.segment.kind is Kind.BACKWARD
    walk.coach.on_status(MachineStatus(Status.TARGET_SPEED_CHANGED, speed_kmh=4.5))
    out = walk.coach.drain()
    assert CorrectSpeed(3.0) in out
    assert Request(Op.SET_TARGET_SPEED, 3.0) in out


def test_a_lost_connection_is_told_and_control_is_taken_again_at_the_next_segment() -> None:
    walk = Walk()
    walk.start()
    walk.run(5)
    walk.coach.on_disconnected()
    assert walk.coach.drain() == [
        Notice(NoticeKind.DISCONNECTED, "treadmill disconnected: set the belt by hand")
    ]
    walk.run(5)
    assert walk.requests()[-1] == Request(Op.SET_TARGET_SPEED, 4.0)  # nothing sent meanwhile
    walk.coach.on_connected(None)
    walk.run(20)
    after = [r for at, r in walk.log if at > 10 and isinstance(r, Request)]
    assert after[0] == Request(Op.REQUEST_CONTROL)
    assert Request(Op.SET_TARGET_SPEED, 2.0) in after


def test_a_refused_request_is_told_once_in_plain_words() -> None:
    walk = Walk()
    walk.start()
    for _ in range(3):
        walk.coach.on_response(ControlResponse(Op.REQUEST_CONTROL, Result.NOT_PERMITTED))
    walk.coach.on_response(ControlResponse(Op.SET_TARGET_SPEED, Result.SUCCESS))
    told = walk.coach.drain()
    assert len(told) == 1
    assert isinstance(told[0], Notice)
    assert "did not let RetroCoach" in told[0].text


def test_a_belt_slower_to_stop_than_expected_holds_the_walk_until_it_has_stopped() -> None:
    walk = Walk(rate=0.2)  # a heavy belt: 4 km/h takes 20 s to run down, not 8
    walk.start()
    walk.run(60)
    assert walk.turn_starts == [0.0]
    holds = [item.hold for _at, item in walk.log if isinstance(item, HoldWalk)]
    assert holds == [True, False]
    assert not any(
        isinstance(item, Request) and item.op is Op.STOP_OR_PAUSE and item.stop_or_pause == PAUSE
        for _at, item in walk.log
    )  # the hold's pause is the walk's alone: the belt is left to run down
    assert walk.session.is_over
