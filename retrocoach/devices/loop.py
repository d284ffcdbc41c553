"""The device thread: one asyncio loop for every Bluetooth device, and the way back from it.

bleak is asyncio; the window runs Qt's loop and ``run`` its own select loop. Rather than put
bleak on Qt's loop (QtAsyncio or qasync), every device lives on one asyncio loop in a thread
of its own, and what the devices report comes back through an ``Inbox``: a queue whose pipe
wakes the coach's loop, whichever it is (select in ``run``, a QSocketNotifier in the window).
So a modal dialog or a slow redraw never delays a belt command, and both coaches share one
path, tested once.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import queue
import threading
from collections.abc import Awaitable, Callable, Coroutine
from concurrent.futures import Future
from typing import Any, TypeVar

__all__ = ["DeviceThread", "Inbox", "end_serving"]

T = TypeVar("T")


class Inbox:
    """Calls made on the device thread, to be run on the coach's thread by ``drain()``."""

    def __init__(self) -> None:
        self._calls: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._read_fd, self._write_fd = os.pipe()
        os.set_blocking(self._read_fd, False)
        os.set_blocking(self._write_fd, False)

    @property
    def fd(self) -> int:
        """Readable when calls are waiting: select on it, or watch it with a QSocketNotifier."""
        return self._read_fd

    def post(self, call: Callable[[], None]) -> None:
        """From any thread: have *call* run at the next drain."""
        self._calls.put(call)
        with contextlib.suppress(BlockingIOError, OSError):  # full: a wake is pending anyway
            os.write(self._write_fd, b"!")

    def drain(self) -> int:
        """Run every waiting call on this thread; how many ran."""
        with contextlib.suppress(BlockingIOError, OSError):
            os.read(self._read_fd, 4096)
        ran = 0
        while True:
            try:
                call = self._calls.get_nowait()
            except queue.Empty:
                return ran
            call()
            ran += 1

    def close(self) -> None:
        """Close the pipe; once (a second close must not close what reused its numbers, such
        as a new device loop's epoll)."""
        fds, self._read_fd, self._write_fd = (self._read_fd, self._write_fd), -1, -1
        for fd in fds:
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)


class DeviceThread:
    """An asyncio loop in a daemon thread, started on demand, for bleak and bumble."""

    def __init__(self, name: str = "retrocoach-devices") -> None:
        self._name = name
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        if self._loop is None:
            ready = threading.Event()
            loop = asyncio.new_event_loop()

            def serve() -> None:
                asyncio.set_event_loop(loop)
                loop.call_soon(ready.set)
                try:
                    loop.run_forever()
                finally:
                    _end_what_is_left(loop)

            self._thread = threading.Thread(target=serve, name=self._name, daemon=True)
            self._thread.start()
            ready.wait()
            self._loop = loop
        return self._loop

    def submit(self, coroutine: Coroutine[Any, Any, T]) -> Future[T]:
        """Run *coroutine* on the device loop; its Future may be waited on from any thread."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop)

    def call(self, coroutine: Coroutine[Any, Any, T], timeout_s: float = 30.0) -> T:
        """Run *coroutine* on the device loop and wait for its result here."""
        return self.submit(coroutine).result(timeout_s)

    def close(self, timeout_s: float = 5.0) -> None:
        """Stop the loop and its thread; what runs on it should have been ended first.

        Its tasks are not cancelled first: bumble answers exchanges that a forced cancel leaves
        half done with errors in the log. A task still pending when the loop stops (its owner's
        stop ran out of time on a busy machine) is cancelled and run to its end on the way out,
        as ``asyncio.run`` does, so no coroutine is left to be destroyed with the closed loop.
        """
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return

        async def settle() -> None:
            await asyncio.sleep(0.05)  # let what was just cancelled finish its own cleanup

        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(settle(), loop).result(timeout_s)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout_s)
        if not thread.is_alive():
            loop.close()
        self._loop = self._thread = None


def _end_what_is_left(loop: asyncio.AbstractEventLoop, timeout_s: float = 2.0) -> None:
    """On the loop's own thread, after it stopped: cancel its pending tasks and let them end."""
    pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
    for task in pending:
        task.cancel()
    with contextlib.suppress(Exception):
        if pending:
            loop.run_until_complete(asyncio.wait(pending, timeout=timeout_s))
        loop.run_until_complete(loop.shutdown_asyncgens())


def end_serving(
    thread: DeviceThread,
    task: Future[None],
    serving: Callable[[], asyncio.Task[object] | None],
    *,
    timeout_s: float,
    first: Callable[[], Awaitable[None]] | None = None,
) -> None:
    """End a device's serving task (*task* from ``submit``, *serving* its asyncio task).

    *first* is awaited before (what is queued is written: a last Stop must reach the belt);
    then the task is cancelled and awaited, its link disconnecting on its way out.
    """

    async def finish() -> None:
        if first is not None:
            await first()
        running = serving()
        if running is not None:
            running.cancel()
            await asyncio.gather(running, return_exceptions=True)

    try:
        thread.call(finish(), timeout_s + 5)
    except Exception:  # the loop is gone: so is the link
        task.cancel()
