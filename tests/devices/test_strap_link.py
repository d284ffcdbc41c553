"""The strap over real GATT (a bumble-simulated Heart Rate Service), into the walk's coaching."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from fakes import FakeClock
from strap_bench import HeardStrap, strap_bench

from retrocoach.core.devices.belt_coach import BeltCoach
from retrocoach.core.devices.ftms_control import Op
from retrocoach.core.devices.heart_rate import Contact
from retrocoach.core.devices.hr_words import HeartShown, Urgency
from retrocoach.core.plan.model import Kind, parse_spec
from retrocoach.core.session.events import Event
from retrocoach.core.session.machine import Session
from retrocoach.devices.belt_hookup import BeltShown, SessionCommand, TreadmillHookup
from retrocoach.devices.heart_hookup import HeartHookup


@dataclass
class Walk:
    """A session on a FakeClock whose events reach the listeners, and a coach's side."""

    session: Session
    clock: FakeClock
    listeners: list[object] = field(default_factory=list)
    told: list[tuple[str, Urgency]] = field(default_factory=list)
    shown: list[HeartShown] = field(default_factory=list)

    def handle(self, events: Sequence[Event]) -> None:
        for listener in self.listeners:
            listener.on_events(self.session, events, self.clock.now())  # type: ignore[attr-defined]

    def act(self, command: SessionCommand) -> None:
        self.handle(command(self.session, self.clock.now()))

    def advance(self, seconds: float) -> None:
        self.clock.advance(seconds)
        self.handle(self.session.advance(self.clock.now()))

    def tell_heart(self, text: str, urgency: Urgency) -> None:
        self.told.append((text, urgency))

    def show_heart(self, shown: HeartShown) -> None:
        self.shown.append(shown)

    def tell(self, text: str, *, loud: bool) -> None:
        del loud
        self.told.append((text, Urgency.QUIET))

    def show_belt(self, shown: BeltShown) -> None:
        del shown


def walk_of(spec: str) -> Walk:
    return Walk(Session(parse_spec(spec), countdown_s=0), FakeClock())


BACKWARD_FIRST = "getready=0s warmup=0s forward=1s backward=60s rounds=1 cooldown=0s turn=0s"


def test_the_link_hears_values_and_a_lost_skin_contact_is_no_value() -> None:
    with strap_bench() as bench:
        heard = HeardStrap()
        link = bench.strap_link(heard)
        bench.until(lambda: heard.connected, "a connection")
        bench.until(lambda: len(heard.measurements) >= 3, "three values")
        assert {m.bpm for m, _ in heard.measurements} == {100}
        bench.strap.contact = Contact.LOST
        lost = bench.until(
            lambda: [m for m, _ in heard.measurements if m.contact is Contact.LOST], "no contact"
        )
        assert not lost[0].usable
        link.stop()


def test_a_dropped_strap_is_told_reconnected_and_its_values_come_back() -> None:
    with strap_bench() as bench:
        walk = walk_of(BACKWARD_FIRST)
        hookup = HeartHookup(120, walk)
        link = bench.strap_link(hookup)
        bench.until(lambda: hookup.connected, "a connection")
        bench.until(lambda: hookup.latest == 100, "a value")
        bench.on_device(bench.strap.drop_connections())
        bench.until(lambda: not hookup.connected, "the loss told")
        assert hookup.latest is None
        assert any("disconnected" in text for text, _ in walk.told)
        bench.until(lambda: hookup.connected and hookup.latest == 100, "back, with values")
        link.stop()


def test_a_strap_gone_quiet_in_a_backward_segment_suggests_stopping_then_says_it_is_back() -> None:
    with strap_bench() as bench:
        walk = walk_of(BACKWARD_FIRST)
        hookup = HeartHookup(120, walk)
        walk.listeners.append(hookup)
        link = bench.strap_link(hookup, clock=walk.clock)
        bench.until(lambda: hookup.latest == 100, "a value")
        walk.handle(walk.session.start(walk.clock.now()))
        walk.advance(1.5)
        assert walk.session.segment.kind is Kind.BACKWARD
        bench.strap.sending = False  # connected, but nothing more comes
        sent = bench.strap.sent
        bench.until(lambda: bench.strap.sent == sent, "the strap silent")
        bench.inbox.drain()
        for _ in range(16):
            walk.advance(1.0)
        stops = [text for text, urgency in walk.told if urgency is Urgency.STOP]
        assert len(stops) == 1
        assert "15 seconds" in stops[0]
        assert "stop the walk" in stops[0]
        assert not walk.session.is_over  # suggested, never done for the walker
        bench.strap.sending = True
        bench.until(lambda: any("heard again" in text for text, _ in walk.told), "signal back")
        link.stop()


def test_values_above_the_ceiling_for_ten_seconds_say_ease_off_with_its_sound() -> None:
    with strap_bench() as bench:
        walk = walk_of(BACKWARD_FIRST)
        hookup = HeartHookup(120, walk)
        walk.listeners.append(hookup)
        heard = HeardStrap()
        link = bench.strap_link(hookup, clock=walk.clock)
        bench.until(lambda: hookup.latest == 100, "a value")
        walk.handle(walk.session.start(walk.clock.now()))
        bench.strap.bpm_override = 128
        bench.until(lambda: hookup.latest == 128, "the high value")
        for _ in range(11):
            seen = hookup.latest
            walk.advance(1.0)
            hookup.latest = None
            bench.until(lambda: hookup.latest is not None, "the next value")
            assert seen is not None
        eases = [text for text, urgency in walk.told if urgency is Urgency.EASE_OFF]
        assert eases
        assert "Ease off" in eases[0]
        assert walk.shown[-1].text == "Heart 128 · above 120"
        assert heard.measurements == []
        link.stop()


def test_odd_values_bursts_and_garbled_bytes_never_stop_the_walk() -> None:
    with strap_bench() as bench:
        walk = walk_of(BACKWARD_FIRST)
        hookup = HeartHookup(120, walk)
        walk.listeners.append(hookup)
        link = bench.strap_link(hookup, clock=walk.clock)
        bench.until(lambda: hookup.latest == 100, "a value")
        walk.handle(walk.session.start(walk.clock.now()))
        for odd in (0, 255, 300, 1000):
            bench.strap.bpm_override = odd
            target = bench.strap.sent + 2
            bench.until(lambda: bench.strap.sent >= target, f"{odd} sent")  # noqa: B023
            bench.inbox.drain()
            assert hookup.latest is None, odd
        bench.strap.bpm_override = None
        for data in (b"", b"\x10\x50\x01", b"\x01\x50", b"\x00\x60" * 40):
            bench.on_device(bench.strap.send_raw(data))
        for _ in range(50):  # a burst: fifty values at once
            bench.on_device(bench.strap.send_raw(b"\x00\x5a"))
        bench.until(lambda: link.garbled >= 3, "the garbled ones dropped")
        bench.until(lambda: hookup.latest == 100, "the heart again")
        walk.advance(2.0)
        assert not walk.session.is_over
        assert hookup.watch is not None
        assert hookup.watch.whole.highest <= 250  # the odd values never counted
        link.stop()


def test_a_strap_and_a_treadmill_at_once_the_belt_slows_one_step_and_stays_slower() -> None:
    with strap_bench(with_treadmill=True) as bench:
        treadmill = bench.treadmill
        assert treadmill is not None
        walk = walk_of(BACKWARD_FIRST + " backward-speed=2.0km/h")
        coach = BeltCoach()
        belt: TreadmillHookup | None = None

        def send(request: object) -> None:
            assert belt_link is not None
            belt_link.send(request)  # type: ignore[arg-type]

        belt = TreadmillHookup(coach, send, walk)
        belt_link = bench.treadmill_link(belt)
        heart = HeartHookup(
            120,
            walk,
            act=walk.act,
            belt_kmh=lambda: coach.target_kmh if coach.connected else None,
        )
        walk.listeners += [belt, heart]
        # One after the other: bumble's central (unlike BlueZ) refuses a second connection
        # attempt while one is under way.
        bench.until(lambda: coach.connected, "the treadmill connected")
        strap_link = bench.strap_link(heart, clock=walk.clock)
        bench.until(lambda: heart.connected, "the strap connected too")
        walk.handle(walk.session.start(walk.clock.now()))
        walk.advance(1.5)
        bench.until(lambda: treadmill.belt.target_kmh == 2.0, "the belt at 2.0")
        bench.strap.bpm_override = 131
        bench.until(lambda: heart.latest == 131, "the high value")
        for _ in range(11):
            walk.advance(1.0)
            heart.latest = None
            bench.until(lambda: heart.latest is not None, "the next value")
        assert heart.eased == 1
        bench.until(lambda: treadmill.belt.target_kmh == 1.9, "the belt one step slower")
        bench.strap.bpm_override = 100  # the heart comes down: the belt stays where it is
        for _ in range(5):
            walk.advance(1.0)
        bench.inbox.drain()
        speeds = [
            r.request.speed_kmh
            for r in treadmill.received
            if r.request.op is Op.SET_TARGET_SPEED and r.request.speed_kmh is not None
        ]
        assert speeds[-1] == 1.9
        assert speeds.index(1.9) == len(speeds) - 1  # nothing faster asked after it
        assert any("one step slower" in text for text, _ in walk.told)
        strap_link.stop()
        belt_link.stop()
