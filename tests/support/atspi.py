"""A private AT-SPI accessibility bus for real-window tests, read over D-Bus as a reader does.

The test starts its own D-Bus session bus and AT-SPI bus launcher (at-spi2-core), opens the window
with Qt's accessibility bridge on, and walks the tree the registry offers, as Orca would: in
process (dbus-fast), not a gdbus process per question, which made a tree of 400 objects cost
2,000 processes.
"""

from __future__ import annotations

import ast
import asyncio
import contextlib
import os
import subprocess
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
from dbus_fast import Message, MessageType
from dbus_fast.aio import MessageBus
from xdesktop import WAIT_S, in_ci, need_tools, wait_until

LAUNCHER = Path("/usr/libexec/at-spi-bus-launcher")
T = TypeVar("T")


@dataclass(frozen=True)
class Node:
    """One accessible object: its role, name and description."""

    role: str
    name: str
    description: str
    showing: bool
    """On screen now (AT-SPI's SHOWING state): what a reader reads."""
    focused: bool = False
    """Has the keyboard focus (AT-SPI's FOCUSED state): where a key press goes."""


@contextlib.contextmanager
def accessibility_bus(runtime: Path) -> Iterator[dict[str, str]]:
    """A session bus and an AT-SPI bus of the test's own; yields the environment to run in."""
    need_tools(("dbus-daemon", "gdbus"), "apt install dbus-daemon libglib2.0-bin")
    if not LAUNCHER.exists():
        message = f"this test needs {LAUNCHER} (apt install at-spi2-core)"
        if in_ci():
            pytest.fail(f"{message}: CI must run it", pytrace=False)
        pytest.skip(message)
    runtime.mkdir(parents=True, exist_ok=True)
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    env = {
        **os.environ,
        "DBUS_SESSION_BUS_ADDRESS": address,
        "XDG_RUNTIME_DIR": str(runtime),
        "HOME": str(runtime),
    }
    launcher = subprocess.Popen(
        [str(LAUNCHER), "--launch-immediately"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield env
    finally:
        launcher.terminate()
        launcher.wait(timeout=10)
        daemon.terminate()
        daemon.wait(timeout=10)
        daemon.stdout.close()


def _gdbus(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        ["gdbus", "call", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=WAIT_S,
        check=False,
    )
    if done.returncode != 0:
        raise AssertionError(f"gdbus {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout.strip()


def a11y_address(env: dict[str, str]) -> str:
    """The AT-SPI bus's address, once the launcher answers."""
    found: list[str] = []

    def ask() -> bool:
        try:
            reply = _gdbus(
                env,
                "--session",
                "--dest",
                "org.a11y.Bus",
                "--object-path",
                "/org/a11y/bus",
                "--method",
                "org.a11y.Bus.GetAddress",
            )
        except AssertionError:
            return False
        found.append(ast.literal_eval(reply)[0])
        return True

    wait_until(ask, "the AT-SPI bus")
    return found[0]


async def _call(bus: MessageBus, dest: str, path: str, method: str, *args: str) -> Any:
    """The first value *method* (interface.Member) of *path* at *dest* replies with."""
    interface, member = method.rsplit(".", 1)
    reply = await bus.call(
        Message(
            destination=dest,
            path=path,
            interface=interface,
            member=member,
            signature="s" * len(args),
            body=list(args),
        )
    )
    if reply is None or reply.message_type == MessageType.ERROR:
        detail = "no reply" if reply is None else f"{reply.error_name}: {reply.body}"
        raise AssertionError(f"{method} on {dest} {path}: {detail}")
    return reply.body[0]


async def _children_of(bus: MessageBus, node: tuple[str, str]) -> list[tuple[str, str]]:
    children = await _call(bus, *node, "org.a11y.atspi.Accessible.GetChildren")
    return [(str(dest), str(path)) for dest, path in children]


async def _text_of(bus: MessageBus, node: tuple[str, str], what: str) -> str:
    value = await _call(
        bus, *node, "org.freedesktop.DBus.Properties.Get", "org.a11y.atspi.Accessible", what
    )
    return str(value.value)


async def _role_of(bus: MessageBus, node: tuple[str, str]) -> str:
    return str(await _call(bus, *node, "org.a11y.atspi.Accessible.GetRoleName"))


async def _has_state(bus: MessageBus, node: tuple[str, str], bit: int) -> bool:
    return bool(await _state_word(bus, node) >> bit & 1)


async def _state_word(bus: MessageBus, node: tuple[str, str]) -> int:
    """The first word of *node*'s AT-SPI state set (the states numbered 0 to 31)."""
    words = await _call(bus, *node, "org.a11y.atspi.Accessible.GetState")
    return int(words[0]) if words else 0


def _on_bus(address: str, work: Callable[[MessageBus], Awaitable[T]]) -> T:
    """Run *work* on a connection of its own to the bus at *address*, within WAIT_S."""

    async def connected() -> T:
        bus = await MessageBus(bus_address=address).connect()
        try:
            return await work(bus)
        finally:
            bus.disconnect()
            await bus.wait_for_disconnect()  # type: ignore[no-untyped-call]

    async def bounded() -> T:
        return await asyncio.wait_for(connected(), WAIT_S)

    return asyncio.run(bounded())


_SHOWING_BIT = 25
"""ATSPI_STATE_SHOWING, in the first word of GetState's bit set."""
_FOCUSED_BIT = 12
"""ATSPI_STATE_FOCUSED."""
_SELECTED_BIT = 23
"""ATSPI_STATE_SELECTED."""


def applications(env: dict[str, str], bus: str) -> list[tuple[str, str]]:
    """The applications the registry knows, as (bus name, object path)."""
    del env
    root = ("org.a11y.atspi.Registry", "/org/a11y/atspi/accessible/root")
    return _on_bus(bus, lambda connection: _children_of(connection, root))


def tree(env: dict[str, str], bus: str, app: tuple[str, str], limit: int = 400) -> list[Node]:
    """Every accessible object of *app* a reader reaches from its root (at most *limit*),
    breadth first; the objects of one level are asked about together, as a reader's
    asynchronous calls are."""
    del env

    async def node(connection: MessageBus, at: tuple[str, str]) -> Node:
        role, name, description, states = await asyncio.gather(
            _role_of(connection, at),
            _text_of(connection, at, "Name"),
            _text_of(connection, at, "Description"),
            _state_word(connection, at),
        )
        showing, focused = (bool(states >> bit & 1) for bit in (_SHOWING_BIT, _FOCUSED_BIT))
        return Node(role, name, description, showing, focused)

    async def walk(connection: MessageBus) -> list[Node]:
        nodes: list[Node] = []
        level = [app]
        seen: set[tuple[str, str]] = set()
        while level and len(nodes) < limit:
            level = list(dict.fromkeys(at for at in level if at not in seen))
            level = level[: limit - len(nodes)]
            seen.update(level)
            nodes.extend(await asyncio.gather(*(node(connection, at) for at in level)))
            children = await asyncio.gather(*(_children_of(connection, at) for at in level))
            level = [child for kids in children for child in kids]
        return nodes

    return _on_bus(bus, walk)


def find(
    env: dict[str, str], bus: str, app: tuple[str, str], role: str, limit: int = 400
) -> tuple[str, str]:
    """The first object of *role* a reader reaches from *app*'s root (breadth first)."""
    del env

    async def search(connection: MessageBus) -> tuple[str, str] | None:
        level = [app]
        seen: set[tuple[str, str]] = set()
        while level and len(seen) < limit:
            level = list(dict.fromkeys(at for at in level if at not in seen))
            seen.update(level)
            roles = await asyncio.gather(*(_role_of(connection, at) for at in level))
            for at, found in zip(level, roles, strict=True):
                if found == role:
                    return at
            children = await asyncio.gather(*(_children_of(connection, at) for at in level))
            level = [child for kids in children for child in kids]
        return None

    found = _on_bus(bus, search)
    if found is None:
        raise AssertionError(f"no {role!r} in the accessible tree")
    return found


def selected_child(env: dict[str, str], bus: str, node: tuple[str, str]) -> str:
    """The name of *node*'s selected child (the current page of a page tab list)."""
    del env

    async def selected(connection: MessageBus) -> str:
        children = await _children_of(connection, node)
        states = await asyncio.gather(
            *(_has_state(connection, child, _SELECTED_BIT) for child in children)
        )
        for child, chosen in zip(children, states, strict=True):
            if chosen:
                return await _text_of(connection, child, "Name")
        return ""

    return _on_bus(bus, selected)


def reader_env(env: dict[str, str]) -> dict[str, str]:
    """What a window needs in its environment to be read over the accessibility bus of *env*
    (from ``accessibility_bus``): Qt's bridge on, and that session's bus and runtime folder."""
    return {
        "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
        "DBUS_SESSION_BUS_ADDRESS": env["DBUS_SESSION_BUS_ADDRESS"],
        "XDG_RUNTIME_DIR": env["XDG_RUNTIME_DIR"],
    }
