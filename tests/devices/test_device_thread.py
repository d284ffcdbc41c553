"""The device thread ends what its owners left running, so nothing is destroyed pending."""

from __future__ import annotations

import asyncio
import gc
import os
import threading

import pytest

from retrocoach.devices.loop import DeviceThread, Inbox


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


def test_an_inbox_closed_twice_leaves_alone_what_reused_its_numbers() -> None:
    """A window closing a walk's devices twice closed a new device loop's epoll the second
    time: the old pipe's numbers had been given to it (EBADF in that loop's select)."""
    inbox = Inbox()
    numbers = {inbox.fd}
    inbox.close()
    reused_read, reused_write = os.pipe()  # the lowest free numbers: the inbox's own
    try:
        assert numbers & {reused_read, reused_write}
        inbox.close()
        inbox.post(lambda: None)  # a late post writes nowhere
        assert inbox.drain() == 1
        os.write(reused_write, b"x")
        assert os.read(reused_read, 1) == b"x"  # both ends still open, nothing written
    finally:
        os.close(reused_read)
        os.close(reused_write)
