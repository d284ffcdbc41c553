"""The device thread ends what its owners left running, so nothing is destroyed pending."""

from __future__ import annotations

import asyncio
import gc
import threading

import pytest

from retrocoach.devices.loop import DeviceThread


def test_a_task_left_pending_is_cancelled_and_ended_when_the_thread_closes() -> None:
    thread = DeviceThread("test-devices")
    started = threading.Event()
    ended: list[str] = []

    async def serve_forever() -> None:
        started.set()
        try:
            await asyncio.Event().wait()
        finally:
            ended.append("its finally ran")

    future = thread.submit(serve_forever())
    assert started.wait(10), "the task never started"
    loop = thread.loop
    thread.close()
    assert ended == ["its finally ran"]
    assert loop.is_closed()
    assert future.cancelled()


def test_closing_with_a_pending_task_leaves_nothing_unraisable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    unraisable: list[object] = []
    monkeypatch.setattr("sys.unraisablehook", unraisable.append)
    thread = DeviceThread("test-devices")
    started = threading.Event()

    async def waits_with_a_child() -> None:
        child = asyncio.get_running_loop().create_task(asyncio.Event().wait())
        started.set()
        try:
            await asyncio.Event().wait()
        finally:
            child.cancel()  # on a closed loop this raised "Event loop is closed"

    thread.submit(waits_with_a_child())
    assert started.wait(10), "the task never started"
    thread.close()
    gc.collect()
    assert unraisable == []
