"""Walk a plan through the real cue path and print when each cue was due, as JSON lines.

Session -> CuePlanner -> CueListener -> engine, on the steady clock, driven the way a shell
drives it: ``--driver loop`` sleeps until the next due time like the terminal coach, and
``--driver qt`` runs a Qt event loop with one single-shot PreciseTimer like the window's
SessionDriver. Used by the real-audio tests and benchmarks/cue_latency.py, which record the
sound server and compare the onsets with the times printed here. ``--rest S`` opens the output
and lets it idle S seconds before the session starts, as in a window's second session: the
first cue then meets an output the player has suspended, not a freshly opened one. ``--volume``
is the walker's (the setting's default unless given): below full, each cue is scaled first;
``--settle`` is the time from building the player to Start, as in the shells. ``--trace``
(the pulse engine only) prints each stream the engine's thread opens and each cue it writes
too (``opened``/``took``, ``written``), so a late cue tells whether the time went before the
engine's thread handed it to the sound server or after.

    python tools/cue_walk.py --engine qt --plan "forward=2s backward=2s rounds=2 ..."
"""

from __future__ import annotations

import argparse
import json
import select
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer

from retrocoach.audio import CueListener, select_engine
from retrocoach.audio.base import CuePlayer
from retrocoach.audio.pulse_simple import PulseLibrary, PulseStream, load_pulse
from retrocoach.core.clock import MonotonicClock
from retrocoach.core.plan.model import parse_spec
from retrocoach.core.session.cues import Cue, CuePlanner
from retrocoach.core.session.machine import Event, SegmentStarted, Session, SessionFinished
from retrocoach.core.settings.store import Settings
from retrocoach.core.storage.shipped import asset_path

MAX_SLEEP_S = 0.25


class _Printer:
    """Prints each boundary (the time it was due and its cue) the moment it is reported."""

    def on_events(self, session: Session, events: Sequence[Event], now: float) -> None:
        del session
        for event in events:
            if isinstance(event, SegmentStarted):
                _emit({"at": event.at, "now": now, "cue": event.segment.kind.value})
            elif isinstance(event, SessionFinished):
                _emit({"at": event.at, "now": now, "cue": Cue.FINISHED.value})


def _emit(record: dict[str, object]) -> None:
    print(json.dumps(record), flush=True)


class _TracedStream:
    """A stream that prints when each write begins: the moment the cue goes to the server."""

    def __init__(self, stream: PulseStream) -> None:
        self._stream = stream

    def write(self, pcm: bytes) -> None:
        _emit({"written": time.monotonic(), "bytes": len(pcm)})
        self._stream.write(pcm)

    def drain(self) -> None:
        self._stream.drain()

    def free(self) -> None:
        self._stream.free()


class _TracedPulse:
    """libpulse-simple for the pulse engine, printing how long each stream took to open."""

    def __init__(self, library: PulseLibrary) -> None:
        self._library = library

    def open_stream(self, rate: int, channels: int, latency_s: float) -> PulseStream:
        began = time.monotonic()
        stream = self._library.open_stream(rate, channels, latency_s)
        _emit({"opened": began, "took": time.monotonic() - began})
        return _TracedStream(stream)


def _player(
    engine: str, sounds: Path, voice: bool, faults: list[str], *, trace: bool
) -> tuple[CuePlayer, str | None]:
    """The engine's player; with *trace*, the pulse engine's, its writes traced (no fallback)."""
    if not trace or engine != "pulse":
        return select_engine(engine, sounds, voice, on_fault=faults.append)
    from retrocoach.audio.pulse import PulseCuePlayer  # noqa: PLC0415 - as select_engine

    traced = _TracedPulse(load_pulse())
    return PulseCuePlayer(sounds, voice=voice, on_fault=faults.append, library=traced), None


def walk_loop(session: Session, listeners: Sequence[CueListener | _Printer]) -> None:
    """The terminal coach's way: sleep until due, handle Qt events before each sleep."""
    clock = MonotonicClock()

    def handle(events: Sequence[Event]) -> None:
        now = clock.now()
        for listener in listeners:
            listener.on_events(session, events, now)

    handle(session.start(clock.now()))
    while not session.is_over:
        now = clock.now()
        due = session.next_due(now)
        wake = now + MAX_SLEEP_S if due is None else min(due, now + MAX_SLEEP_S)
        QCoreApplication.processEvents()
        select.select([], [], [], max(0.0, wake - clock.now()))
        handle(session.advance(clock.now()))


def walk_qt(session: Session, listeners: Sequence[CueListener | _Printer]) -> None:
    """The window's way: one single-shot PreciseTimer aimed at the next due time."""
    clock = MonotonicClock()
    app = QCoreApplication.instance()
    assert app is not None
    timer = QTimer()
    timer.setSingleShot(True)
    timer.setTimerType(Qt.TimerType.PreciseTimer)

    def handle(events: Sequence[Event]) -> None:
        now = clock.now()
        for listener in listeners:
            listener.on_events(session, events, now)
        if session.is_over:
            QTimer.singleShot(1000, app.quit)  # let the last cue ring out
            return
        due = session.next_due(now)
        wait = MAX_SLEEP_S if due is None else min(MAX_SLEEP_S, due - now)
        timer.start(max(0, round(wait * 1000)))

    timer.timeout.connect(lambda: handle(session.advance(clock.now())))
    handle(session.start(clock.now()))
    app.exec()


def _idle(seconds: float) -> None:
    """Run Qt's events for *seconds*, so the player's timers (its suspension) can fire."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        select.select([], [], [], min(0.02, max(0.0, deadline - time.monotonic())))


def main(argv: Sequence[str] | None = None) -> int:
    """Walk the plan; print the boundaries, then any fault, as JSON lines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", default="qt")
    parser.add_argument("--driver", choices=("loop", "qt"), default="loop")
    parser.add_argument("--plan", default="forward=2s backward=2s rounds=2 warmup=0s cooldown=0s")
    parser.add_argument("--pips", type=int, default=0)
    parser.add_argument("--voice", action="store_true")
    parser.add_argument("--rest", type=float, default=0.0, help="seconds to idle, output open")
    parser.add_argument("--sounds", type=Path, default=None, help="a sounds folder to use")
    parser.add_argument("--volume", type=float, default=Settings().volume, help="0.0 to 1.0")
    parser.add_argument(
        "--settle", type=float, default=0.3, help="seconds from the player's build to Start"
    )
    parser.add_argument("--trace", action="store_true", help="print the pulse engine's writes")
    args = parser.parse_args(argv)
    app = QCoreApplication(sys.argv[:1])
    faults: list[str] = []
    sounds = args.sounds or asset_path("sounds")
    player, fallback = _player(args.engine, sounds, args.voice, faults, trace=args.trace)
    if fallback:
        faults.append(fallback)
    player.set_volume(args.volume)
    player.prepare()
    session = Session(parse_spec(args.plan), countdown_s=max(args.pips, 1))
    listeners = (_Printer(), CueListener(player, CuePlanner(args.pips)))
    # The shells build the player well before Start (the window after its first frame, run
    # before it prints the plan): its idle work (the cues scaled to the volume) is done by then.
    _idle(args.settle)
    if args.rest > 0:
        listeners[1].warm_up()
        _idle(args.rest)
    (walk_qt if args.driver == "qt" else walk_loop)(session, listeners)
    player.close()  # lets the finished cue ring out: the loop driver relies on it
    _emit({"engine": player.engine, "faults": faults})
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
