"""A compressed session of thousands of segments through the real driver, recorder and store.

Shared by tests/soak/test_soak.py (CI sizes) and benchmarks/soak.py (bigger runs). The window's
``SessionDriver`` runs on a ``FakeClock`` that the loop moves to each moment the driver's own
timer is aimed at (``wake_in_ms``), now and then late, as a busy machine's timer fires, so the
driver's scheduling and catch-up are what is soaked. The real ``SessionRecorder`` journals into
a real ``HistoryStore`` in a temporary folder and saves the session at the end.

Journalling: the recorder rewrites the journal, which holds every segment walked so far, at
each segment start, so a session's journalling costs grow with the square of its length (a few
minutes at 10,000 segments). ``journal_every`` > 1 lets the recorder hear only the start, the
end and one segment start in that many, which keeps the 10,000-segment run within CI's time;
``journal_every=1`` is the app's own behaviour.
"""

from __future__ import annotations

import gc
import json
import math
import random
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jsonschema
from fakes import FakeClock

from retrocoach.core.history.recorder import SessionRecorder
from retrocoach.core.history.store import HistoryStore
from retrocoach.core.plan.model import Direction, Kind, Plan
from retrocoach.core.session.machine import (
    Event,
    SegmentStarted,
    Session,
    SessionFinished,
    SessionStarted,
    SessionStopped,
)
from retrocoach.core.storage.shipped import asset_path
from retrocoach.ui.coach.session_driver import SessionDriver

MARK_SEGMENTS = 1000
"""Memory is compared between this many segments started and the last segment's start."""
SLACK_BYTES = 64 * 1024
"""Growth allowed beyond what the session must keep (its record of every walked segment)."""
LIST_SLOT_BYTES = 16
"""A list entry, with CPython's over-allocation: 8 bytes a pointer, up to 1.125x spare."""
WALL_START = datetime(2026, 11, 21, 7, 0, tzinfo=UTC)


def soak_plan(segments: int) -> Plan:
    """A plan of at least *segments* segments: 2 s forward (one countdown pip), 1 s backward.

    Built directly: a user's plan may have 100 rounds at most, and validate() would refuse it.
    """
    rounds = max(1, math.ceil((segments - 3) / 2))
    return Plan(forward_s=2, backward_s=1, rounds=rounds, warmup_s=1, cooldown_s=1, getready_s=1)


@dataclass
class SoakFigures:
    """What one soak run saw: its problems (none expected), its memory and its times."""

    segments: int
    boundaries: int = 0
    problems: list[str] = field(default_factory=list)
    traced: bool = False
    mark_bytes: int = 0
    """tracemalloc's traced memory once MARK_SEGMENTS segments had started."""
    end_bytes: int = 0
    """... and when the last segment started."""
    allowance_bytes: int = 0
    """What the session must keep for the segments walked in between, plus SLACK_BYTES."""
    blocks_mark: int = 0
    """Python's allocated memory blocks at the mark (cheap: measured with or without tracing)."""
    blocks_end: int = 0
    rss_mark_kib: int = 0
    rss_end_kib: int = 0
    seconds: float = 0.0
    first_chunk_s: float = 0.0
    """Wall time of the first MARK_SEGMENTS segments..."""
    last_chunk_s: float = 0.0
    """... and of the last MARK_SEGMENTS."""
    recorder_first_chunk_s: float = 0.0
    """Time spent in the recorder (journal writes) in the first MARK_SEGMENTS segments..."""
    recorder_last_chunk_s: float = 0.0
    """... and in the last MARK_SEGMENTS."""
    recorder_batches: int = 0
    late_ticks: int = 0
    history_bytes: int = 0

    @property
    def growth_bytes(self) -> int:
        """Traced memory gained between the mark and the last segment's start."""
        return self.end_bytes - self.mark_bytes


class BoundaryCheck:
    """Checks every segment_started signal: each index once, in order, at its planned time."""

    def __init__(self, session: Session, problems: list[str]) -> None:
        self._planned = [0.0]
        for segment in session.segments:
            self._planned.append(self._planned[-1] + segment.seconds)
        self._session = session
        self._problems = problems
        self.count = 0
        self.finished = 0

    def on_segment_started(self, event: SegmentStarted) -> None:
        expected = self.count
        self.count += 1
        if event.index != expected:
            self._problems.append(f"segment {event.index} started where {expected} was due")
            return
        started = self._session.started_at or 0.0
        if event.at != started + self._planned[expected]:
            self._problems.append(f"segment {expected} started at {event.at}, not on plan")

    def on_finished(self, _event: SessionFinished) -> None:
        self.finished += 1


class _TimedRecorder:
    """Hands batches to the recorder, all of them or a thinned share; times what it takes."""

    def __init__(self, recorder: SessionRecorder, every: int) -> None:
        self._recorder = recorder
        self._every = every
        self._starts = 0
        self.batches = 0
        self.seconds = 0.0

    def on_events(self, session: Session, events: Sequence[Event], now: float) -> None:
        ends = any(isinstance(e, SessionStarted | SessionFinished | SessionStopped) for e in events)
        if self._every > 1 and not ends:
            # Thinned: no batch in between either, or the recorder's 10 s journal would run.
            if not any(isinstance(e, SegmentStarted) for e in events):
                return
            self._starts += 1
            if self._starts % self._every:
                return
        began = time.perf_counter()
        self._recorder.on_events(session, events, now)
        self.seconds += time.perf_counter() - began
        self.batches += 1


def _rss_kib() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _kept_bytes(session: Session, since: int) -> int:
    """What the session keeps for its records after the first *since*: each must stay."""
    return sum(
        sys.getsizeof(record) + sys.getsizeof(record.actual_s) + LIST_SLOT_BYTES
        for record in session.records[since:]
    )


def run_soak(
    folder: Path,
    segments: int,
    *,
    journal_every: int = 1,
    trace_memory: bool = True,
    seed: int = 6,
) -> SoakFigures:
    """Walk a plan of *segments* segments to its end in *folder*; return what was seen.

    Needs a QCoreApplication (or QApplication). Check the history after with history_problems().
    """
    return _Soak(folder, segments, journal_every, trace_memory, seed).run()


class _Soak:
    """One run: the driver, its stepped clock, the recorder and the measurements."""

    def __init__(
        self, folder: Path, segments: int, journal_every: int, trace: bool, seed: int
    ) -> None:
        self.session = Session(soak_plan(segments), countdown_s=3)
        self.figures = SoakFigures(segments=len(self.session.segments), traced=trace)
        self.problems = self.figures.problems
        self.store = HistoryStore(folder, warn=self.problems.append, wall_clock=lambda: WALL_START)
        self.recorder = SessionRecorder(
            self.store, report=self.problems.append, wall_clock=lambda: WALL_START
        )
        self.timed = _TimedRecorder(self.recorder, journal_every)
        self.journal_every = journal_every
        self.clock = FakeClock()
        self.driver = SessionDriver(self.clock)
        self.check = BoundaryCheck(self.session, self.problems)
        self.driver.segment_started.connect(self.check.on_segment_started)
        self.driver.finished.connect(self.check.on_finished)
        self.driver.load(self.session, [self.timed])
        self.rng = random.Random(seed)
        self.began = 0.0
        self.kept_from = 0
        self.at_mark: float | None = None
        self.at_last: tuple[float, float] | None = None  # wall time, recorder time
        self.measured_end = False

    def run(self) -> SoakFigures:
        figures = self.figures
        gc.collect()
        if figures.traced:
            tracemalloc.start()
        self.began = time.perf_counter()
        try:
            self.driver.toggle()  # Space
            while self.driver.is_active and self._step():
                self._measure()
        finally:
            if figures.traced:
                tracemalloc.stop()
        ended = time.perf_counter()
        figures.seconds = ended - self.began
        if self.at_last is not None:
            figures.last_chunk_s = ended - self.at_last[0]
            figures.recorder_last_chunk_s = self.timed.seconds - self.at_last[1]
        figures.boundaries = self.check.count
        figures.recorder_batches = self.timed.batches
        self._check_the_end()
        return figures

    def _step(self) -> bool:
        """Move the clock to where the driver's timer is aimed, sometimes late, and tick."""
        wake_ms = self.driver.wake_in_ms
        if wake_ms is None:
            self.problems.append(f"the driver went to sleep at segment {self.session.index}")
            return False
        late = self.rng.uniform(0.0, 0.02)
        if self.rng.random() < 0.01:  # a busy moment: the timer fires seconds late
            late = self.rng.uniform(0.5, 3.0)
            self.figures.late_ticks += 1
        self.clock.advance(wake_ms / 1000 + late)
        self.driver.tick()  # what the timer's timeout does
        return True

    def _measure(self) -> None:
        figures, count = self.figures, self.check.count
        if self.at_mark is None and count >= MARK_SEGMENTS:
            self.at_mark = time.perf_counter()
            figures.first_chunk_s = self.at_mark - self.began
            figures.recorder_first_chunk_s = self.timed.seconds
            figures.rss_mark_kib, figures.blocks_mark, figures.mark_bytes = self._memory()
            self.kept_from = len(self.session.records)
            if self.journal_every == 1:
                _check_journal(self.store, self.session, self.clock.now(), self.problems)
        if self.at_last is None and count >= figures.segments - MARK_SEGMENTS:
            self.at_last = (time.perf_counter(), self.timed.seconds)
        last = self.session.index == figures.segments - 1
        if self.at_mark is not None and last and not self.measured_end:
            self.measured_end = True
            figures.rss_end_kib, figures.blocks_end, figures.end_bytes = self._memory()
            figures.allowance_bytes = _kept_bytes(self.session, self.kept_from) + SLACK_BYTES

    def _memory(self) -> tuple[int, int, int]:
        """RSS in KiB, allocated blocks, traced bytes (0 untraced), after a full collection."""
        gc.collect()
        traced = tracemalloc.get_traced_memory()[0] if self.figures.traced else 0
        return _rss_kib(), sys.getallocatedblocks(), traced

    def _check_the_end(self) -> None:
        problems, check, total = self.problems, self.check, self.figures.segments
        if check.count != total:
            problems.append(f"{check.count} segment starts for {total} segments")
        if check.finished != 1:
            problems.append(f"the session finished {check.finished} times")
        if self.at_mark is None:
            problems.append(f"fewer than {MARK_SEGMENTS} segments: no memory figures")
        if list(self.store.folder.glob("session-*.journal.jsonl")):
            problems.append("the journal was left behind after the session was saved")
        if self.recorder.saved is None:
            problems.append("the recorder saved nothing")
        if self.store.path.exists():
            self.figures.history_bytes = self.store.path.stat().st_size


def _check_journal(store: HistoryStore, session: Session, now: float, out: list[str]) -> None:
    """The journal must hold the session as walked up to *now*: written at its last start."""
    # Read line by line: a soak plan has more rounds than a saved session may.
    lines = [json.loads(line) for line in store.journal_path.read_bytes().splitlines()]
    ended = sum(line["type"] == "segment" for line in lines)
    last = lines[-1]
    under_way = last["type"] == "checkpoint" and last["done"] == ended and last["current"]
    held = ended + bool(under_way)
    walked = len(session.walked(now))
    if held != walked or any(line["type"] == "end" for line in lines):
        out.append(f"the journal holds {held} segments of {walked} walked")


def history_problems(folder: Path, plan: Plan) -> list[str]:
    """What is wrong with history.json after a soak of *plan*: it must hold the whole session.

    The shipped schema caps a plan at 100 rounds, and a segment's round at 1,000, as the app
    does; a soak plan has more, so those two maxima are the only errors it may report.
    """
    document = json.loads((folder / "history.json").read_bytes())
    schema = json.loads(asset_path("data", "history.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    problems = [
        f"schema: {error.message} at {'/'.join(map(str, error.absolute_path))}"
        for error in validator.iter_errors(document)
        if not _is_round_cap(error)
    ]
    sessions = document.get("sessions", [])
    if len(sessions) != 1:
        return [*problems, f"{len(sessions)} sessions saved, not 1"]
    saved: dict[str, Any] = sessions[0]
    expected = planned_segments(plan)
    walked = saved["segments"]
    if walked != expected:
        first = next(
            (n for n, (a, b) in enumerate(zip(walked, expected, strict=False)) if a != b),
            min(len(walked), len(expected)),
        )
        problems.append(
            f"{len(walked)} segments saved for {len(expected)} planned; first difference at "
            f"{first}: {walked[first : first + 1]} for {expected[first : first + 1]}"
        )
    totals = (saved["forward_s"], saved["backward_s"], saved["outcome"])
    if totals != (plan.forward_total_s, plan.backward_total_s, "completed"):
        problems.append(f"forward, backward, outcome {totals} do not match the plan")
    if saved["plan"] != plan.to_dict():
        problems.append(f"the saved plan {saved['plan']} is not the plan walked")
    return problems


def planned_segments(plan: Plan) -> list[dict[str, Any]]:
    """The history's segments of *plan* walked as planned, each at the plan's belt speed."""
    return [
        {
            "kind": s.kind.value,
            "round": s.round,
            "planned_s": s.seconds,
            "actual_s": s.seconds,
            "speed_kmh": _planned_speed(plan, s.kind),
        }
        for s in plan.segments()
        if s.kind is not Kind.GETREADY
    ]


def _planned_speed(plan: Plan, kind: Kind) -> float | None:
    if kind.direction is Direction.FORWARD:
        return plan.forward_speed_kmh
    if kind.direction is Direction.BACKWARD:
        return plan.backward_speed_kmh
    return None


def _is_round_cap(error: jsonschema.ValidationError) -> bool:
    path = list(error.absolute_path)
    return error.validator == "maximum" and bool(path) and path[-1] in ("rounds", "round")


def summary(figures: SoakFigures, say: Callable[[str], None] = print) -> None:
    """Print the figures of one run."""
    say(
        f"soak: {figures.boundaries} of {figures.segments} segment starts, "
        f"{figures.late_ticks} late ticks, {figures.recorder_batches} batches to the recorder, "
        f"{figures.seconds:.1f} s"
    )
    if figures.traced:
        say(
            f"  traced memory at segment {MARK_SEGMENTS}: {figures.mark_bytes / 1024:.0f} KiB; "
            f"at the last: {figures.end_bytes / 1024:.0f} KiB "
            f"(+{figures.growth_bytes / 1024:.0f} KiB; "
            f"allowed {figures.allowance_bytes / 1024:.0f})"
        )
    say(
        f"  RSS {figures.rss_mark_kib / 1024:.1f} MiB -> {figures.rss_end_kib / 1024:.1f} MiB; "
        f"allocated blocks {figures.blocks_mark} -> {figures.blocks_end}"
    )
    say(
        f"  first {MARK_SEGMENTS} segments {figures.first_chunk_s:.2f} s "
        f"(recorder {figures.recorder_first_chunk_s:.2f} s), last {MARK_SEGMENTS} "
        f"{figures.last_chunk_s:.2f} s (recorder {figures.recorder_last_chunk_s:.2f} s)"
    )
    for problem in figures.problems:
        say(f"  PROBLEM: {problem}")
