"""A private AT-SPI accessibility bus for real-window tests, read with gdbus like a screen reader.

The test starts its own D-Bus session bus and AT-SPI bus launcher (at-spi2-core), opens the window
with Qt's accessibility bridge on, and walks the tree the registry offers, as Orca would.
"""

from __future__ import annotations

import ast
import contextlib
import os
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from xdesktop import WAIT_S, in_ci, need_tools, wait_until

LAUNCHER = Path("/usr/libexec/at-spi-bus-launcher")
_OBJECT = re.compile(r"\('([^']*)', (?:objectpath )?'([^']*)'\)")


@dataclass(frozen=True)
class Node:
    """One accessible object: its role, name and description."""

    role: str
    name: str
    description: str
    showing: bool
    """On screen now (AT-SPI's SHOWING state): what a reader reads."""


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


def _children(env: dict[str, str], bus: str, dest: str, path: str) -> list[tuple[str, str]]:
    reply = _gdbus(
        env,
        "--address",
        bus,
        "--dest",
        dest,
        "--object-path",
        path,
        "--method",
        "org.a11y.atspi.Accessible.GetChildren",
    )
    return _OBJECT.findall(reply)


def _text(env: dict[str, str], bus: str, dest: str, path: str, what: str) -> str:
    reply = _gdbus(
        env,
        "--address",
        bus,
        "--dest",
        dest,
        "--object-path",
        path,
        "--method",
        "org.freedesktop.DBus.Properties.Get",
        "org.a11y.atspi.Accessible",
        what,
    )
    match = re.fullmatch(r"\(<(.*)>,\)", reply, re.S)
    return ast.literal_eval(match.group(1)) if match else ""


def _role(env: dict[str, str], bus: str, dest: str, path: str) -> str:
    reply = _gdbus(
        env,
        "--address",
        bus,
        "--dest",
        dest,
        "--object-path",
        path,
        "--method",
        "org.a11y.atspi.Accessible.GetRoleName",
    )
    return str(ast.literal_eval(reply)[0])


_SHOWING_BIT = 25
"""ATSPI_STATE_SHOWING, in the first word of GetState's bit set."""


def _showing(env: dict[str, str], bus: str, dest: str, path: str) -> bool:
    reply = _gdbus(
        env,
        "--address",
        bus,
        "--dest",
        dest,
        "--object-path",
        path,
        "--method",
        "org.a11y.atspi.Accessible.GetState",
    )
    words = [int(word) for word in re.findall(r"\d+", reply.replace("uint32", ""))]
    return bool(words) and bool(words[0] >> _SHOWING_BIT & 1)


def applications(env: dict[str, str], bus: str) -> list[tuple[str, str]]:
    """The applications the registry knows, as (bus name, object path)."""
    return _children(env, bus, "org.a11y.atspi.Registry", "/org/a11y/atspi/accessible/root")


def tree(env: dict[str, str], bus: str, app: tuple[str, str], limit: int = 400) -> list[Node]:
    """Every accessible object of *app* a reader reaches from its root (at most *limit*)."""
    nodes: list[Node] = []
    queue = [app]
    seen: set[tuple[str, str]] = set()
    while queue and len(nodes) < limit:
        dest, path = queue.pop(0)
        if (dest, path) in seen:
            continue
        seen.add((dest, path))
        nodes.append(
            Node(
                _role(env, bus, dest, path),
                _text(env, bus, dest, path, "Name"),
                _text(env, bus, dest, path, "Description"),
                _showing(env, bus, dest, path),
            )
        )
        queue.extend(_children(env, bus, dest, path))
    return nodes


_SELECTED_BIT = 23
"""ATSPI_STATE_SELECTED."""


def find(
    env: dict[str, str], bus: str, app: tuple[str, str], role: str, limit: int = 400
) -> tuple[str, str]:
    """The first object of *role* a reader reaches from *app*'s root (breadth first)."""
    queue = [app]
    seen: set[tuple[str, str]] = set()
    while queue and len(seen) < limit:
        node = queue.pop(0)
        if node in seen:
            continue
        seen.add(node)
        if _role(env, bus, *node) == role:
            return node
        queue.extend(_children(env, bus, *node))
    raise AssertionError(f"no {role!r} in the accessible tree")


def selected_child(env: dict[str, str], bus: str, node: tuple[str, str]) -> str:
    """The name of *node*'s selected child (the current page of a page tab list)."""
    for dest, path in _children(env, bus, *node):
        reply = _gdbus(
            env,
            "--address",
            bus,
            "--dest",
            dest,
            "--object-path",
            path,
            "--method",
            "org.a11y.atspi.Accessible.GetState",
        )
        words = [int(word) for word in re.findall(r"\d+", reply.replace("uint32", ""))]
        if words and words[0] >> _SELECTED_BIT & 1:
            return _text(env, bus, dest, path, "Name")
    return ""
