"""The pulse engine: each burst of cues on its own short, low-latency stream, fed by one thread.

Why not Qt Multimedia's QAudioSink (the qt engine): Qt keeps one connection to the sound
server for the whole process, and opening a stream on it after the server died aborts inside
libpulse, so the qt engine can only go silent until RetroCoach restarts. Nor can it ask for a
latency: with a music player's 500 ms stream on the same output, its cues came up to 150 ms
late. Why not miniaudio (the PyPI package): on this PulseAudio its playback callback stalled
after the first period (miniaudio #877), so cues arrived only when the process happened to be
busy. Measured figures are in benchmarks/README.md.

Here a worker thread owns the stream. A WAKE (a second before each boundary), a warm-up or a
cue opens a stream on the default output, with its own connection and a 20 ms target latency;
once nothing has been due for REST_AFTER_S the stream is closed. So a sound server that was
killed and restarted, or a new default output, is met afresh at the next boundary: a failed
open or write is said once, and every later cue tries again. The thread waits on the server
(connecting, writing a whole cue); the caller only queues, and never blocks.
"""

from __future__ import annotations

import collections
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from retrocoach.audio.base import (
    RATE,
    RING_OUT_S,
    SoundingPlayer,
    read_cue,
    scale_pcm,
    volume_gain,
)
from retrocoach.audio.pulse_simple import (
    LATENCY_S,
    PulseLibrary,
    PulseStream,
    StreamError,
    check_server,
    load_pulse,
)
from retrocoach.core.session.cues import STALE_S, Cue

__all__ = ["HOLD_S", "REST_AFTER_S", "PulseCuePlayer"]

HOLD_S: Final = 1.5
"""How long a WAKE (or a warm-up) keeps the stream open: its boundary is due a second later."""
REST_AFTER_S: Final = 0.25
"""How long a stream stays open after its last sound was written, before it is closed."""


@dataclass(frozen=True)
class _Hold:
    until: float


@dataclass(frozen=True)
class _Sound:
    pcm: bytes
    gain: float
    asked_at: float


@dataclass(frozen=True)
class _Finish:
    pass


@dataclass(frozen=True)
class _Prescale:
    pcms: tuple[bytes, ...]
    gain: float


_Command = _Hold | _Sound | _Finish | _Prescale


class _StreamWorker:
    """The thread that opens, feeds and closes the streams; it tells its news as text lines."""

    def __init__(self, library: PulseLibrary, latency_s: float, clock: Callable[[], float]) -> None:
        self._library = library
        self._latency_s = latency_s
        self._clock = clock
        self._commands: queue.SimpleQueue[_Command] = queue.SimpleQueue()
        self._stream: PulseStream | None = None
        self._close_at = 0.0
        self._scaled: dict[tuple[int, float], bytes] = {}
        self._to_scale: list[tuple[bytes, float]] = []
        self.news: collections.deque[str] = collections.deque()
        self.down = False
        """True while the last attempt to open or write failed: cues may not be heard."""
        self._thread = threading.Thread(target=self._run, name="retrocoach-cues", daemon=True)
        self._thread.start()

    def hold(self, until: float) -> None:
        self._commands.put(_Hold(until))

    def sound(self, pcm: bytes, gain: float) -> None:
        self._commands.put(_Sound(pcm, gain, self._clock()))

    def prescale(self, pcms: tuple[bytes, ...], gain: float) -> None:
        """Scale these cues to *gain* while the worker is idle, so no cue waits for it."""
        self._commands.put(_Prescale(pcms, gain))

    def finish(self, wait_s: float) -> None:
        """Let what was written play out (at most *wait_s*), then close the stream."""
        self._commands.put(_Finish())
        self._thread.join(wait_s)

    # -- on the worker thread ----------------------------------------------------------------

    def _run(self) -> None:
        while True:
            if self._to_scale and self._commands.empty():
                # One cue at a time, between commands: a cue asked meanwhile waits for one
                # cue's scaling at most (a few ms), not for all of them.
                self._scaled_pcm(*self._to_scale.pop())
                continue
            timeout = None if self._stream is None else max(0.0, self._close_at - self._clock())
            try:
                command = self._commands.get(timeout=timeout)
            except queue.Empty:
                self._close()
                continue
            if isinstance(command, _Finish):
                self._drain()
                self._close()
                return
            if isinstance(command, _Hold):
                if self._open():
                    self._keep_open(command.until)
            elif isinstance(command, _Prescale):
                self._to_scale = [(pcm, command.gain) for pcm in reversed(command.pcms)]
            else:
                self._play(command)

    def _scaled_pcm(self, pcm: bytes, gain: float) -> bytes:
        key = (id(pcm), gain)
        scaled = self._scaled.get(key)
        if scaled is None:
            if len(self._scaled) > 64:
                self._scaled.clear()
            scaled = self._scaled[key] = scale_pcm(pcm, gain)
        return scaled

    def _play(self, sound: _Sound) -> None:
        # Scaled ahead (prescale) unless the volume changed just before: then scaled here.
        pcm = self._scaled_pcm(sound.pcm, sound.gain)
        # A stream can die between cues (server restarted, output removed): try a fresh one
        # once at once, so this very cue may still be heard.
        for _attempt in range(2):
            if not self._open():
                return
            if self._clock() - sound.asked_at > STALE_S:
                return  # held up (a hanging server): a late cue is worse than none
            try:
                assert self._stream is not None
                self._stream.write(pcm)
            except StreamError as error:
                self._lost(f"the sound output was lost ({error})")
                continue
            self._keep_open(self._clock())
            return

    def _open(self) -> bool:
        if self._stream is not None:
            return True
        try:
            self._stream = self._library.open_stream(RATE, 1, self._latency_s)
        except StreamError as error:
            self._lost(f"no sound output ({error})")
            return False
        if self.down:
            self.down = False
            self.news.append("the sound output is back")
        return True

    def _keep_open(self, until: float) -> None:
        self._close_at = max(self._close_at, until + REST_AFTER_S)

    def _lost(self, reason: str) -> None:
        self._close()
        if not self.down:
            self.down = True
            self.news.append(f"{reason}; cues are tried again at every boundary")

    def _drain(self) -> None:
        if self._stream is not None and not self.down:
            try:
                self._stream.drain()
            except StreamError:
                self.down = True

    def _close(self) -> None:
        if self._stream is not None:
            self._stream.free()
            self._stream = None


class PulseCuePlayer(SoundingPlayer[bytes]):
    """Plays cues through the sound server's own client library (PulseAudio or PipeWire)."""

    engine = "pulse"

    def __init__(
        self,
        sounds_dir: Path,
        *,
        voice: bool = False,
        on_fault: Callable[[str], None] | None = None,
        library: PulseLibrary | None = None,
        latency_s: float = LATENCY_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """AudioUnavailable (NoSoundServer) unless a stream opens now; *library* is for tests."""
        pulse = library if library is not None else load_pulse()
        check_server(pulse, RATE)
        super().__init__(sounds_dir, voice=voice, on_fault=on_fault)
        self._clock = clock
        self._worker = _StreamWorker(pulse, latency_s, clock)

    @property
    def silent(self) -> bool:
        """True once closed, or while the output is gone (until a cue finds it back)."""
        return self._closed or self._worker.down

    def warm_up(self) -> None:
        """Open a stream now, so the session's first cue does not wait for the connection."""
        if self._closed:
            return
        self.prepare()
        self._worker.hold(self._clock() + HOLD_S)
        self._tell_news()

    def play(self, cue: Cue) -> bool:
        """Queue *cue* and return at once; False when it will likely not be heard.

        WAKE opens the stream a second before its boundary; while the output is gone every
        cue still tries it, so sound comes back at the first boundary that finds it again.
        """
        if self._closed or self._hushed(cue):
            return False
        self.prepare()
        self._tell_news()
        if cue is Cue.WAKE:
            self._worker.hold(self._clock() + HOLD_S)
            return not self._worker.down
        pcm = self._sounds.get(cue)
        if pcm is None:
            return False
        self._worker.sound(pcm, volume_gain(self._volume))
        return not self._worker.down

    def close(self) -> None:
        """Let the last cue ring out (at most RING_OUT_S), then close the stream."""
        if self._closed:
            return
        self._closed = True
        self._worker.finish(RING_OUT_S)
        self._tell_news()

    def _load(self, path: Path) -> bytes:
        return read_cue(path)

    def _loaded(self) -> None:
        self._prescale()

    def _volume_changed(self) -> None:
        self._prescale()

    def _prescale(self) -> None:
        """Scaling a cue costs 5-15 ms of CPU (more on a busy machine): done ahead, in the
        worker's idle time, it never delays the cue it is for."""
        if self._prepared and not self._closed:
            self._worker.prescale(tuple(self._sounds.values()), volume_gain(self._volume))

    def _tell_news(self) -> None:
        """Report on the caller's thread what the worker found (a window's listener may draw)."""
        news = self._worker.news
        while news:
            self._faults.report(news.popleft())
