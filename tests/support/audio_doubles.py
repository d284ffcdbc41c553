"""Test doubles for the audio code: they live in tests, never in the package."""

from __future__ import annotations

import threading
import wave
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from retrocoach.audio.pulse_simple import StreamError
from retrocoach.core.session.cues import Cue


@dataclass
class RecordingCuePlayer:
    """A CuePlayer that plays nothing and records every call, in order."""

    engine: str = "recording"
    silent: bool = False
    last_error: str | None = None
    heard: bool = True
    """What play() answers for audible cues: False acts like a muted or broken engine."""
    calls: list[tuple[str, object]] = field(default_factory=list)

    @property
    def played(self) -> list[Cue]:
        """The cues played, WAKE included."""
        return [arg for name, arg in self.calls if name == "play" and isinstance(arg, Cue)]

    def prepare(self) -> None:
        self.calls.append(("prepare", None))

    def warm_up(self) -> None:
        self.calls.append(("warm_up", None))

    def play(self, cue: Cue) -> bool:
        self.calls.append(("play", cue))
        return self.heard or not cue.audible

    def set_volume(self, volume: float) -> None:
        self.calls.append(("set_volume", volume))

    def set_muted(self, muted: bool) -> None:
        self.calls.append(("set_muted", muted))

    def close(self) -> None:
        self.calls.append(("close", None))


class FakePlayObject:
    """What simpleaudio's WaveObject.play returns."""

    def is_playing(self) -> bool:
        return False


class FakeSimpleAudio:
    """Stands in for the simpleaudio module: WaveObject(...).play() is recorded."""

    def __init__(self, fail_with: Exception | None = None) -> None:
        self.played: list[bytes] = []
        self.fail_with = fail_with
        self.stopped = False
        module = self

        class WaveObject:
            def __init__(self, data: bytes, channels: int, width: int, rate: int) -> None:
                self.data, self.shape = data, (channels, width, rate)

            def play(self) -> FakePlayObject:
                if module.fail_with is not None:
                    raise module.fail_with
                module.played.append(self.data)
                return FakePlayObject()

        self.WaveObject: Any = WaveObject

    def stop_all(self) -> None:
        self.stopped = True


def write_tone(path: Path, frames: int = 4800, value: int = 1000) -> None:
    """A square-ish test tone in the cues' own format."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(48_000)
        samples = [value if (i // 50) % 2 else -value for i in range(frames)]
        out.writeframes(b"".join(s.to_bytes(2, "little", signed=True) for s in samples))


class FakePulse:
    """Stands in for libpulse-simple: records every stream, and can play a dead server.

    ``server_up`` False makes every open fail; ``fail_next_write`` makes the next write fail
    as a server restart does; ``gate`` (when cleared) holds every open until it is set.
    """

    def __init__(self) -> None:
        self.server_up = True
        self.fail_next_write = False
        self.gate = threading.Event()
        self.gate.set()
        self.streams: list[FakeStream] = []
        self.opens = 0
        self.changed = threading.Condition()

    def open_stream(self, rate: int, channels: int, latency_s: float) -> FakeStream:
        self.gate.wait(10)
        with self.changed:
            self.opens += 1
            self.changed.notify_all()
            if not self.server_up:
                raise StreamError("Connection refused")
            stream = FakeStream(self, (rate, channels, latency_s))
            self.streams.append(stream)
            return stream

    def wait_for(self, condition: Callable[[], bool], timeout_s: float = 5.0) -> bool:
        """Wait until *condition* holds (checked at every change); whether it did."""
        with self.changed:
            return self.changed.wait_for(condition, timeout_s)

    def written(self) -> list[bytes]:
        """Every write that reached a stream, in order."""
        return [pcm for stream in self.streams for pcm in stream.writes]


@dataclass
class FakeStream:
    """One fake stream: what was written, and whether it was drained and freed."""

    pulse: FakePulse
    shape: tuple[int, int, float]
    writes: list[bytes] = field(default_factory=list)
    drained: bool = False
    freed: bool = False

    def write(self, pcm: bytes) -> None:
        with self.pulse.changed:
            self.pulse.changed.notify_all()
            if self.pulse.fail_next_write:
                self.pulse.fail_next_write = False
                raise StreamError("Connection terminated")
            self.writes.append(pcm)

    def drain(self) -> None:
        self.drained = True

    def free(self) -> None:
        with self.pulse.changed:
            self.freed = True
            self.pulse.changed.notify_all()
