"""Real-audio measurement: a private PulseAudio server, a recorder on its sink, cue onsets.

Used by the audio tests (tests/audio) and by benchmarks/cue_latency.py. The private server
itself, and a music player on it, are in pulse_kit.py (re-exported here).

The recorder notes the steady clock when each block of samples arrives from ``parec``. A block
can arrive late but never before its samples were rendered, so the smallest
``arrival - samples/rate`` over the recording pins sample 0 to the clock within a few
milliseconds; onsets then read as clock times, comparable with the boundaries the coach scheduled.
"""

from __future__ import annotations

import array
import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from onsets import MIN_GAP_S, RATE, Onset, delays_ms, dominant_hz, find_onsets
from pulse_kit import (
    SECOND_SINK,
    SINK,
    PulseServer,
    PulseUnavailable,
    missing_tools,
    music,
    private_env,
    pulse_server,
)

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


def steady_now() -> float:
    """The same steady clock the coach uses (CLOCK_BOOTTIME on Linux)."""
    clock = getattr(time, "CLOCK_BOOTTIME", None)
    return time.clock_gettime(clock) if clock is not None else time.monotonic()


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


def walk(
    server: PulseServer,
    command: Sequence[str],
    timeout_s: float = 120.0,
    min_gap_s: float = MIN_GAP_S,
    *,
    pitch: bool = True,
) -> Walk:
    """Record the sink while *command* (printing JSON lines, like cue_walk) runs to its end;
    cues are told apart by *min_gap_s* of quiet, and *pitch* says whether their pitches are
    read (see find_onsets)."""
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
    onsets = find_onsets(recording, min_gap_s=min_gap_s, pitch=pitch)
    return Walk(boundaries, footer, recording, onsets, output)
