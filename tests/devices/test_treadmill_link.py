"""The device layer against a simulated FTMS treadmill over real GATT (bumble, in process)."""

from __future__ import annotations

import asyncio
import select

from treadmill_bench import Heard, treadmill_bench

from retrocoach.core.devices.ftms_control import Op, Request, Result, SpeedRange, Status
from retrocoach.core.devices.ftms_data import FTMS_SERVICE
from retrocoach.devices.scan import offering


def test_the_link_reads_the_range_hears_the_belt_and_its_requests_move_it() -> None:
    with treadmill_bench() as bench:
        heard = Heard()
        link = bench.link(heard)
        assert bench.until(lambda: heard.connected, "a connection") == [SpeedRange(0.5, 12.0, 0.1)]
        for request in (
            Request(Op.REQUEST_CONTROL),
            Request(Op.START_OR_RESUME),
            Request(Op.SET_TARGET_SPEED, speed_kmh=1.5),
        ):
            link.send(request)
        # The answer is an indication sent during the write: it may be heard before the write
        # returns and is recorded, so wait for both.
        bench.until(
            lambda: len(heard.responses) == 3 and len(bench.written) == 3,
            "three answers and three writes",
        )
        assert all(response.result == Result.SUCCESS for response in heard.responses)
        assert [w.request.op for w in bench.written] == [
            Op.REQUEST_CONTROL,
            Op.START_OR_RESUME,
            Op.SET_TARGET_SPEED,
        ]
        reached = bench.until(
            lambda: next((d for d in heard.data if d.speed_kmh == 1.5), None), "the belt at 1.5"
        )
        assert reached is not None
        assert reached.total_distance_m is not None
        # About 0.5 km/h per second: 1.5 km/h takes about three seconds from a standstill.
        start = next(i for i, (_t, kmh) in enumerate(bench.treadmill.belt.history) if kmh > 0)
        # The treadmill reports its speed to 0.01 km/h: 1.4996 is already "1.50" on the wire.
        at_speed = next(t for t, kmh in bench.treadmill.belt.history if kmh >= 1.495)
        assert 2.5 <= at_speed - bench.treadmill.belt.history[start][0] <= 3.5
        link.stop()


def test_a_treadmill_held_by_another_app_refuses_control_and_every_request() -> None:
    with treadmill_bench() as bench:
        bench.treadmill.refuse_control = True
        heard = Heard()
        link = bench.link(heard)
        bench.until(lambda: heard.connected, "a connection")
        link.send(Request(Op.REQUEST_CONTROL))
        link.send(Request(Op.SET_TARGET_SPEED, speed_kmh=2.0))
        bench.until(lambda: len(heard.responses) == 2, "two answers")
        assert {r.result for r in heard.responses} == {Result.NOT_PERMITTED}
        assert bench.treadmill.belt.target_kmh == 0.0
        link.stop()


def test_a_dropped_link_is_reported_and_reconnected_in_the_background() -> None:
    with treadmill_bench() as bench:
        heard = Heard()
        link = bench.link(heard)
        bench.until(lambda: heard.connected, "a connection")
        bench.on_device(bench.treadmill.drop_connections())
        bench.until(lambda: heard.disconnected == 1, "the loss told")
        bench.until(lambda: len(heard.connected) == 2, "a second connection")
        link.send(Request(Op.REQUEST_CONTROL))  # control is asked for again after the loss
        bench.until(lambda: heard.responses, "an answer on the new link")
        assert heard.responses[-1].result == Result.SUCCESS
        link.stop()


def test_the_console_and_the_safety_key_are_heard_as_machine_status() -> None:
    with treadmill_bench() as bench:
        heard = Heard()
        link = bench.link(heard)
        bench.until(lambda: heard.connected, "a connection")
        bench.until(lambda: heard.data, "the belt's first report")  # notifications are on
        bench.on_device(bench.treadmill.console_speed(2.5))
        bench.on_device(bench.treadmill.pull_safety_key())
        bench.until(lambda: len(heard.statuses) == 2, "two statuses")
        assert [s.code for s in heard.statuses] == [
            Status.TARGET_SPEED_CHANGED,
            Status.STOPPED_BY_SAFETY_KEY,
        ]
        assert heard.statuses[0].speed_kmh == 2.5
        link.stop()


def test_a_scan_hears_the_treadmill_and_its_fitness_machine_service() -> None:
    with treadmill_bench() as bench:
        found = bench.on_device(bench.radio.scan(0.5))
        treadmills = offering(found, FTMS_SERVICE)
        assert [(t.name, t.address) for t in treadmills] == [
            ("Demo treadmill", "F2:7E:AD:31:11:01")
        ]
        assert offering(found, 0x180D) == []  # no heart-rate strap here
        assert "signal" in treadmills[0].line()


def test_the_device_thread_runs_coroutines_and_the_inbox_wakes_its_reader() -> None:
    with treadmill_bench() as bench:
        assert bench.on_device(asyncio.sleep(0, result=7)) == 7
        calls: list[int] = []
        bench.inbox.post(lambda: calls.append(1))
        ready, _, _ = select.select([bench.inbox.fd], [], [], 5)
        assert ready == [bench.inbox.fd]
        assert bench.inbox.drain() == 1
        assert calls == [1]
