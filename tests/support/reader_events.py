"""What a screen reader hears said at once: AT-SPI's Object:Announcement events, collected.

A reader (Orca) asks the registry for the events it wants; Qt's bridge sends only the events
some client has asked for. This asks for object events as a reader does and keeps the text of
every announcement, in order, on a thread of its own that ends with the block.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterator

from dbus_fast import Message, MessageType
from dbus_fast.aio import MessageBus
from xdesktop import wait_until

_REGISTRY = ("org.a11y.atspi.Registry", "/org/a11y/atspi/registry", "org.a11y.atspi.Registry")
_EVENTS = "org.a11y.atspi.Event.Object"


@contextlib.contextmanager
def announcements(bus: str) -> Iterator[list[str]]:
    """The texts announced on the AT-SPI bus at *bus* while the block runs, in order.

    Open it before the application starts: Qt reads the registry's list of wanted events once
    and follows its changes after."""
    heard: list[str] = []
    listening = threading.Event()
    stop = threading.Event()
    failed: list[BaseException] = []

    def on_message(message: Message) -> None:
        signal = message.message_type is MessageType.SIGNAL and message.interface == _EVENTS
        if signal and message.member == "Announcement" and len(message.body) > 3:
            heard.append(str(message.body[3].value))

    async def listen() -> None:
        connection = await MessageBus(bus_address=address).connect()
        try:
            destination, path, interface = _REGISTRY
            for event in ("object:", "object:announcement"):
                await connection.call(
                    Message(
                        destination=destination,
                        path=path,
                        interface=interface,
                        member="RegisterEvent",
                        signature="s",
                        body=[event],
                    )
                )
            await connection.call(
                Message(
                    destination="org.freedesktop.DBus",
                    path="/org/freedesktop/DBus",
                    interface="org.freedesktop.DBus",
                    member="AddMatch",
                    signature="s",
                    body=[f"type='signal',interface='{_EVENTS}',member='Announcement'"],
                )
            )
            connection.add_message_handler(on_message)
            listening.set()
            # Wait for the test to be done, on a thread of the loop's: no polling.
            await asyncio.get_running_loop().run_in_executor(None, stop.wait)
        finally:
            connection.disconnect()
            await connection.wait_for_disconnect()  # type: ignore[no-untyped-call]

    def run() -> None:
        try:
            asyncio.run(listen())
        except BaseException as error:  # said in the test's thread, not lost in this one
            failed.append(error)
            listening.set()

    address = bus
    thread = threading.Thread(target=run, name="reader-announcements", daemon=True)
    thread.start()
    try:
        wait_until(listening.is_set, "a reader listening on the AT-SPI bus")
        if failed:
            raise AssertionError(f"listening for announcements failed: {failed[0]!r}")
        yield heard
    finally:
        stop.set()
        thread.join(timeout=10)


def heard_in_order(heard: list[str], *starts: str) -> bool:
    """Whether announcements starting with each of *starts* were heard, in that order."""
    at = 0
    for text in heard:
        if at < len(starts) and text.startswith(starts[at]):
            at += 1
    return at == len(starts)
