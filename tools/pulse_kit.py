"""A private PulseAudio server for the real-audio tests and benchmarks, and a music player on it.

Everything runs as the current user, root included, in a temporary folder: the server's
socket, runtime files and cookie never touch the real session's sound server, and it joins no
session bus. It can be killed and started again on the same socket, as a crash and a restart
would, and it has two null sinks, so the default output can be switched mid-session.
"""

from __future__ import annotations

import array
import contextlib
import math
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from onsets import RATE

__all__ = [
    "SECOND_SINK",
    "SINK",
    "PulseServer",
    "PulseUnavailable",
    "missing_tools",
    "music",
    "private_env",
    "pulse_server",
]

SINK = "rc_null"
SECOND_SINK = "rc_two"


class PulseUnavailable(RuntimeError):
    """PulseAudio or parec is not installed, or the private server would not start."""


@dataclass
class PulseServer:
    """A private PulseAudio server with null sinks; ``env`` points clients at it."""

    root: Path
    command: list[str]
    server_env: dict[str, str]
    server: str
    """The PULSE_SERVER value for clients."""
    process: subprocess.Popen[bytes] | None = None

    @property
    def env(self) -> dict[str, str]:
        """The current environment, with PULSE_SERVER pointing at this server."""
        return {**os.environ, "PULSE_SERVER": self.server}

    def alive(self) -> bool:
        """Whether the server process still runs."""
        return self.process is not None and self.process.poll() is None

    def start(self, timeout_s: float = 10.0) -> None:
        """Start (or start again, on the same socket) and wait until its sinks answer."""
        with (self.root / "pulseaudio.log").open("ab") as log:
            self.process = subprocess.Popen(
                self.command,
                env=self.server_env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        _wait_for(self, timeout_s)

    def kill(self) -> None:
        """Kill the server at once, as a crash or a pulled device would."""
        if self.process is not None and self.alive():
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=5)

    def stop(self) -> None:
        """Stop the server politely, then by force."""
        if self.process is None or not self.alive():
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.kill()

    def pactl(self, *args: str) -> str:
        """Run pactl against this server; its output (C locale)."""
        done = subprocess.run(
            ["pactl", *args],
            env={**self.env, "LC_ALL": "C"},
            capture_output=True,
            text=True,
            check=False,
            timeout=10,
        )
        return done.stdout

    def sink_of_streams(self) -> list[str]:
        """The sink name each playback stream plays on now."""
        names = {}
        for line in self.pactl("list", "short", "sinks").splitlines():
            fields = line.split("\t")
            names[fields[0]] = fields[1]
        return [
            names.get(line.split("\t")[1], "?")
            for line in self.pactl("list", "short", "sink-inputs").splitlines()
            if line.strip()
        ]


def missing_tools() -> list[str]:
    """The programs a real-audio run needs that are not on PATH."""
    return [
        tool for tool in ("pulseaudio", "parec", "pacat", "pactl") if shutil.which(tool) is None
    ]


def private_env(root: Path) -> dict[str, str]:
    """An environment for a test server that shares nothing with the user's session.

    No DISPLAY and a session bus address that leads nowhere: with DISPLAY set and no address,
    libdbus would autolaunch a bus through X11 and several test servers would meet on it.
    """
    runtime, home = root / "run", root / "home"
    runtime.mkdir(mode=0o700, exist_ok=True)
    home.mkdir(exist_ok=True)
    env = {
        **os.environ,
        "XDG_RUNTIME_DIR": str(runtime),
        "PULSE_RUNTIME_PATH": str(runtime / "pulse"),
        "PULSE_STATE_PATH": str(root / "state"),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "DBUS_SESSION_BUS_ADDRESS": f"unix:path={root / 'no-bus'}",
    }
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "PULSE_SERVER", "DBUS_SYSTEM_BUS_ADDRESS"):
        env.pop(name, None)
    return env


@contextlib.contextmanager
def pulse_server(startup_timeout_s: float = 10.0) -> Iterator[PulseServer]:
    """Start a private PulseAudio server with null sinks ``rc_null`` (the default) and
    ``rc_two``; stop it afterwards.

    ``-n`` skips default.pa, so no module-suspend-on-idle: the sinks never sleep, and their
    monitors record one continuous timeline. Anonymous auth on a private socket needs no cookie.
    """
    missing = missing_tools()
    if missing:
        raise PulseUnavailable(f"not installed: {', '.join(missing)} (apt-get install pulseaudio)")
    with tempfile.TemporaryDirectory(prefix="rc-pulse-") as tmp:
        root = Path(tmp)
        socket = root / "native"
        command = [
            "pulseaudio",
            "--daemonize=no",
            "--exit-idle-time=-1",
            "-n",
            "--use-pid-file=no",
            "--disallow-exit",
            "--log-target=stderr",
            "--log-level=error",
            "-L",
            f"module-null-sink sink_name={SINK} rate={RATE} channels=1",
            "-L",
            f"module-null-sink sink_name={SECOND_SINK} rate={RATE} channels=1",
            "-L",
            f"module-native-protocol-unix auth-anonymous=1 socket={socket}",
        ]
        server = PulseServer(root, command, private_env(root), f"unix:{socket}")
        try:
            server.start(startup_timeout_s)
            server.pactl("set-default-sink", SINK)
            yield server
        finally:
            server.stop()


def _wait_for(server: PulseServer, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if not server.alive():
            text = (server.root / "pulseaudio.log").read_text(errors="replace")
            raise PulseUnavailable(f"pulseaudio exited at start: {text.strip()[-500:]}")
        if SECOND_SINK in server.pactl("list", "short", "sinks"):
            return
        time.sleep(0.05)
    raise PulseUnavailable(f"pulseaudio did not answer within {timeout_s:.0f} s")


@contextlib.contextmanager
def music(server: PulseServer, latency_ms: int = 500, level: float = 0.0015) -> Iterator[None]:
    """Another program's stream on the default sink while the block runs: a quiet 220 Hz tone
    at *latency_ms*, as a music player asks for. *level* stays under the onset threshold."""
    player = subprocess.Popen(
        [
            "pacat",
            "--raw",
            "--format=s16le",
            f"--rate={RATE}",
            "--channels=1",
            f"--latency-msec={latency_ms}",
            "--client-name=music",
        ],
        env=server.env,
        stdin=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    period = array.array(
        "h",
        (
            round(level * 32767 * math.sin(2 * math.pi * 220 * i / RATE))
            for i in range(RATE // 220 * 44)
        ),
    )
    block = period.tobytes()
    stop = threading.Event()

    def feed() -> None:
        assert player.stdin is not None
        with contextlib.suppress(OSError):
            while not stop.is_set():
                player.stdin.write(block)  # blocks while pacat's buffer is full
        with contextlib.suppress(OSError):
            player.stdin.close()

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    try:
        deadline = time.monotonic() + 5
        while "music" not in server.pactl("list", "sink-inputs") and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # let the server settle on the music's latency
        yield
    finally:
        stop.set()
        player.terminate()
        player.wait(timeout=5)
        feeder.join(timeout=5)
