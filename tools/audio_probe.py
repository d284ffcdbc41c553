"""Real-audio measurement: a private PulseAudio server, a recorder on its sink, cue onsets.

Used by the audio tests (tests/audio) and by benchmarks/cue_latency.py. Everything runs as the
current user, root included, in a temporary folder: the server's socket, runtime files and
cookie never touch the real session's sound server.

The recorder notes the steady clock when each block of samples arrives from ``parec``. A block
can arrive late but never before its samples were rendered, so the smallest
``arrival - samples/rate`` over the recording pins sample 0 to the clock within a few
milliseconds; onsets then read as clock times, comparable with the boundaries the coach scheduled.
"""

from __future__ import annotations

import array
import contextlib
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from onsets import RATE, Onset, delays_ms, dominant_hz, find_onsets

__all__ = [
    "RATE",
    "SECOND_SINK",
    "SINK",
    "Onset",
    "PulseServer",
    "PulseUnavailable",
    "Recorder",
    "Recording",
    "Walk",
    "delays_ms",
    "dominant_hz",
    "find_onsets",
    "missing_tools",
    "music",
    "private_env",
    "pulse_server",
    "steady_now",
    "walk",
]

SINK = "rc_null"
SECOND_SINK = "rc_two"


class PulseUnavailable(RuntimeError):
    """PulseAudio or parec is not installed, or the private server would not start."""


def steady_now() -> float:
    """The same steady clock the coach uses (CLOCK_BOOTTIME on Linux)."""
    clock = getattr(time, "CLOCK_BOOTTIME", None)
    return time.clock_gettime(clock) if clock is not None else time.monotonic()


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


@dataclass
class Recording:
    """Mono samples from the sink's monitor, and the clock reading of sample 0."""

    samples: array.array[int]
    start: float
    rate: int = RATE

    def time_of(self, index: int) -> float:
        """The clock reading at which sample *index* was rendered."""
        return self.start + index / self.rate


@dataclass
class Recorder:
    """Records the null sink's monitor with parec in the background."""

    server: PulseServer
    sink: str = SINK
    _process: subprocess.Popen[bytes] | None = None
    _thread: threading.Thread | None = None
    _chunks: list[bytes] = field(default_factory=list)
    _offsets: list[float] = field(default_factory=list)

    def start(self) -> None:
        """Begin recording; returns once the first samples have arrived."""
        self._process = subprocess.Popen(
            [
                "parec",
                "--raw",
                "--format=s16le",
                f"--rate={RATE}",
                "--channels=1",
                "--latency-msec=5",
                "-d",
                f"{self.sink}.monitor",
            ],
            env=self.server.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 5
        while not self._chunks and time.monotonic() < deadline:
            time.sleep(0.01)
        if not self._chunks:
            raise PulseUnavailable("parec recorded nothing from the null sink's monitor")

    def _read(self) -> None:
        assert self._process is not None
        assert self._process.stdout is not None
        fd = self._process.stdout.fileno()
        total = 0
        while True:
            data = os.read(fd, 1920)  # 20 ms: small reads keep the arrival times tight
            arrived = steady_now()
            if not data:
                return
            self._chunks.append(data)
            total += len(data)
            self._offsets.append(arrived - (total // 2) / RATE)

    def stop(self) -> Recording:
        """Stop recording and return what was recorded."""
        assert self._process is not None
        assert self._thread is not None
        self._process.terminate()
        self._process.wait(timeout=5)
        self._thread.join(timeout=5)
        assert self._process.stdout is not None
        self._process.stdout.close()
        raw = b"".join(self._chunks)
        samples = array.array("h", raw[: len(raw) // 2 * 2])
        if sys.byteorder == "big":  # pragma: no cover
            samples.byteswap()
        return Recording(samples, min(self._offsets))


@dataclass(frozen=True)
class Walk:
    """What a walk printed and what the sink heard."""

    boundaries: list[dict[str, object]]
    footer: dict[str, object]
    recording: Recording
    onsets: list[Onset]
    output: str

    @property
    def due(self) -> list[float]:
        """When each boundary was due, on the steady clock."""
        return [float(str(b["at"])) for b in self.boundaries]

    def delays_ms(self) -> list[float]:
        """Each cue's onset after its boundary; needs one onset per boundary."""
        return delays_ms(self.onsets, self.recording, self.due)

    def relative_errors_ms(self) -> list[float]:
        """Each onset's distance from schedule, measured from the first cue's onset."""
        first_onset = self.recording.time_of(self.onsets[0].start)
        first_due = self.due[0]
        return [
            (self.recording.time_of(onset.start) - first_onset - (due - first_due)) * 1000
            for onset, due in zip(self.onsets, self.due, strict=True)
        ]


def walk(server: PulseServer, command: Sequence[str], timeout_s: float = 120.0) -> Walk:
    """Record the sink while *command* (printing JSON lines, like cue_walk) runs to its end."""
    recorder = Recorder(server)
    recorder.start()
    try:
        done = subprocess.run(
            command, env=server.env, capture_output=True, text=True, timeout=timeout_s, check=False
        )
    finally:
        recording = recorder.stop()
    records = []
    for line in done.stdout.splitlines():
        with contextlib.suppress(ValueError):
            records.append(json.loads(line))
    boundaries = [r for r in records if isinstance(r, dict) and "at" in r]
    footers = [r for r in records if isinstance(r, dict) and "engine" in r]
    output = f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    footer = footers[-1] if footers else {}
    return Walk(boundaries, footer, recording, find_onsets(recording), output)
