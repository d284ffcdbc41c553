"""A private D-Bus session bus for the MPRIS tests, and playerctl and dbus-send against it.

The bus is a dbus-daemon of the test's own, on a socket in the test's folder, started without
DISPLAY: it never meets the user's session bus, nor another test's.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["RUN", "PrivateBus", "coach", "missing_bus_tools", "private_bus", "until"]

PLAYER = "retrocoach"
DEST = "org.mpris.MediaPlayer2.retrocoach"
PATH = "/org/mpris/MediaPlayer2"
MARK_PATH = "/org/retrocoach/test/monitor"
MARK_INTERFACE = "org.retrocoach.Test"
PLAN = "warmup=0s forward=20s backward=10s rounds=2 cooldown=0s getready=0s"
RUN = (sys.executable, "-m", "retrocoach", "run", "--audio", "none", "--pips", "off")


def missing_bus_tools() -> list[str]:
    """The programs these tests need that are not on PATH."""
    tools = ("dbus-daemon", "dbus-send", "dbus-monitor", "playerctl")
    return [tool for tool in tools if shutil.which(tool) is None]


@dataclass
class PrivateBus:
    """A running private bus; ``env`` points clients (and the app) at it."""

    address: str
    env: dict[str, str]

    def playerctl(self, *args: str, player: str = PLAYER) -> str:
        """Run playerctl on this bus; its output, stripped ('' and the error when it failed)."""
        done = subprocess.run(
            ["playerctl", "-p", player, *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        return done.stdout.strip() if done.returncode == 0 else f"!{done.stderr.strip()}"

    def get(self, interface: str, name: str) -> str:
        """A property read with dbus-send: its printed value (type and value)."""
        done = subprocess.run(
            [
                "dbus-send",
                "--session",
                "--print-reply",
                f"--dest={DEST}",
                PATH,
                "org.freedesktop.DBus.Properties.Get",
                f"string:{interface}",
                f"string:{name}",
            ],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        return done.stdout.split("\n", 1)[1].strip() if done.returncode == 0 else "!"

    def get_all(self, interface: str) -> str:
        """Every property of *interface*, as dbus-send prints them."""
        done = subprocess.run(
            [
                "dbus-send",
                "--session",
                "--print-reply",
                f"--dest={DEST}",
                PATH,
                "org.freedesktop.DBus.Properties.GetAll",
                f"string:{interface}",
            ],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        return done.stdout if done.returncode == 0 else f"!{done.stderr}"

    def call(self, interface: str, method: str) -> None:
        """Call a method without arguments."""
        subprocess.run(
            [
                "dbus-send",
                "--session",
                "--print-reply",
                f"--dest={DEST}",
                PATH,
                f"{interface}.{method}",
            ],
            env=self.env,
            capture_output=True,
            timeout=10,
            check=True,
        )

    def wait_for_player(self, timeout_s: float = 20.0) -> None:
        """Wait until RetroCoach's player is on the bus; AssertionError if it never comes."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            listed = subprocess.run(
                ["playerctl", "-l"], env=self.env, capture_output=True, text=True, check=False
            ).stdout.split()
            if PLAYER in listed:
                return
            time.sleep(0.1)
        raise AssertionError("RetroCoach's MPRIS player never appeared on the private bus")

    def _mark(self, member: str) -> None:
        """Send a marker signal that only monitor()'s own rule matches."""
        subprocess.run(
            ["dbus-send", "--session", "--type=signal", MARK_PATH, f"{MARK_INTERFACE}.{member}"],
            env=self.env,
            capture_output=True,
            timeout=10,
            check=True,
        )

    @contextlib.contextmanager
    def monitor(self, rule: str) -> Iterator[list[str]]:
        """dbus-monitor's lines for *rule* while the block runs (complete after it).

        Marker signals bracket the block, so nothing is left to a fixed wait: the block starts
        once dbus-monitor has heard a first marker (it is subscribed), and the lines are
        complete once it has heard the last one, which the bus delivers after every message it
        read before it (the app's signals among them).
        """
        lines: list[str] = []
        seen: list[str] = []
        watcher = subprocess.Popen(
            ["dbus-monitor", "--session", rule, f"type='signal',path='{MARK_PATH}'"],
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert watcher.stdout is not None

        def read() -> None:
            assert watcher.stdout is not None
            seen.extend(line.rstrip("\n") for line in watcher.stdout)

        reader = threading.Thread(target=read, daemon=True)
        reader.start()

        def marked(member: str) -> bool:
            return any(MARK_PATH in line and f"member={member}" in line for line in seen)

        def ready() -> bool:
            self._mark("Ready")
            return until(lambda: marked("Ready"), 0.5)

        try:
            assert until(ready, 20.0), "dbus-monitor never subscribed"
            yield lines
            self._mark("Done")
            assert until(lambda: marked("Done"), 20.0), "dbus-monitor never heard the end"
        finally:
            watcher.terminate()
            watcher.wait(timeout=5)
            reader.join(timeout=5)
            watcher.stdout.close()
            start = next((i for i, line in enumerate(seen) if "member=Ready" in line), len(seen))
            lines.extend(line for line in seen[start:] if MARK_PATH not in line)


@contextlib.contextmanager
def private_bus(folder: Path) -> Iterator[PrivateBus]:
    """Start a dbus-daemon on a socket in *folder*; stop it afterwards."""
    socket = folder / "bus"
    env = {key: value for key, value in os.environ.items() if key != "DISPLAY"}
    daemon = subprocess.Popen(
        [
            "dbus-daemon",
            "--session",
            "--nofork",
            "--nopidfile",
            "--print-address=1",
            f"--address=unix:path={socket}",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    try:
        assert daemon.stdout is not None
        address = daemon.stdout.readline().strip()
        assert address, "dbus-daemon printed no address"
        yield PrivateBus(address, {**env, "DBUS_SESSION_BUS_ADDRESS": address})
    finally:
        daemon.terminate()
        try:
            daemon.wait(timeout=5)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait(timeout=5)
        if daemon.stdout is not None:
            daemon.stdout.close()


@contextlib.contextmanager
def coach(
    env: dict[str, str], data: Path, plan: str = PLAN, *extra: str
) -> Iterator[subprocess.Popen[str]]:
    """`retrocoach run` on *env*'s bus (*extra*: more words, ``--treadmill ADDRESS`` say);
    killed at the end if it still runs."""
    child = subprocess.Popen(
        [*RUN, "--plan", plan, "--data-dir", str(data), *extra],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield child
    finally:
        if child.poll() is None:
            child.kill()
        child.communicate(timeout=10)


def until(condition: Callable[[], object], timeout_s: float = 5.0) -> bool:
    """Poll *condition* until it is true; whether it became true."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False
