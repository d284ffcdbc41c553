"""Cue latency: how soon after its boundary each cue sounds, per engine, through a null sink.

Starts a private PulseAudio server (null sink, never suspended), records its monitor with parec,
and walks a short plan through the real cue path (tools/cue_walk.py: Session -> CuePlanner ->
CueListener -> engine) for each engine and each way of waiting (the terminal's loop, the
window's Qt timer), alone and while another program plays a quiet tone on the same sink with a
music player's 500 ms latency. Each onset is pinned to the steady clock and compared with the
time its boundary was due. Target: every cue, the first included, under 30 ms. A cue over it is
listed with how late the walk's own loop handled its boundary (by its steady clock), so a late
wake-up (the process not run on a busy machine) is told apart from a slow sound path, and,
with the pulse engine, how late its thread wrote the cue to the sound server: what comes after
that is the server's.

Then the cost of sound: `retrocoach run` walks a 20 s plan (pips on) with each engine; the
coach's peak RSS and its CPU, and the sound server's CPU over the same time, from /proc.

    python benchmarks/cue_latency.py [--runs 3] [--engine pulse] [--no-cost]
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import audio_probe  # noqa: E402

PulseUnavailable = audio_probe.PulseUnavailable
"""No pulseaudio or parec here, or the private server would not start."""

PLAN = "forward=2s backward=2s rounds=3 warmup=0s cooldown=0s getready=0s"
USAGE_PLAN = "forward=5s backward=5s rounds=2 warmup=0s cooldown=0s getready=0s"
TARGET_MS = 30.0


@dataclass(frozen=True)
class WalkDelays:
    """One walk's cues: each one's delay (onset - boundary), how late the loop handled it and,
    with the pulse engine, how late its thread wrote the cue to the sound server (NaN: not
    known), all after the boundary."""

    heard_ms: tuple[float, ...]
    handled_ms: tuple[float, ...]
    written_ms: tuple[float, ...] = ()

    @property
    def late(self) -> list[tuple[float, float, float]]:
        """(heard, handled, written) for every cue over the target."""
        written = self.written_ms or (math.nan,) * len(self.heard_ms)
        rows = zip(self.heard_ms, self.handled_ms, written, strict=True)
        return [row for row in rows if row[0] >= TARGET_MS]


def written_after(due: Sequence[float], handled: Sequence[float], output: str) -> list[float]:
    """For each boundary, when the first cue written after the loop handled it was written
    (cue_walk --trace), in ms after the boundary; NaN when none was within a second."""
    writes = []
    for line in output.splitlines():
        with contextlib.suppress(ValueError):
            record = json.loads(line)
            if isinstance(record, dict) and "written" in record:
                writes.append(float(record["written"]))
    found = []
    for at, now in zip(due, handled, strict=True):
        after = [moment for moment in writes if now <= moment < now + 1.0]
        found.append((min(after) - at) * 1000 if after else math.nan)
    return found


def measure_walk(server: audio_probe.PulseServer, engine: str, driver: str) -> WalkDelays:
    """One walk through tools/cue_walk.py, recorded; every cue's delays, in ms."""
    command = [sys.executable, str(ROOT / "tools" / "cue_walk.py"), "--engine", engine]
    command += ["--driver", driver, "--plan", PLAN, "--pips", "3"]
    if engine == "pulse":
        command.append("--trace")
    walk = audio_probe.walk(server, command, pitch=False)
    if walk.footer.get("engine") != engine or walk.footer.get("faults"):
        raise RuntimeError(f"{engine} did not play cleanly:\n{walk.output}")
    first_onset = walk.recording.time_of(walk.onsets[0].start)
    heard = []
    for due in walk.due:  # the onset nearest each boundary; pips sit a second away
        expected = first_onset + (due - walk.due[0])
        onset = min(walk.onsets, key=lambda o: abs(walk.recording.time_of(o.start) - expected))
        heard.append((walk.recording.time_of(onset.start) - due) * 1000)
    handled = [(float(str(b["now"])) - float(str(b["at"]))) * 1000 for b in walk.boundaries]
    now = [float(str(b["now"])) for b in walk.boundaries]
    written = written_after(walk.due, now, walk.output) if engine == "pulse" else []
    return WalkDelays(tuple(heard), tuple(handled), tuple(written))


@dataclass(frozen=True)
class CueRow:
    """Every walk of one engine and driver: the first cue's delays and the later cues'."""

    engine: str
    driver: str
    music: bool
    firsts_ms: tuple[float, ...]
    later_ms: tuple[float, ...]
    """Sorted."""
    late: tuple[tuple[float, float, float], ...] = ()
    """(heard, handled by the loop, written to the server) of every cue over the target, ms."""

    @property
    def p95_ms(self) -> float:
        later = self.later_ms
        return later[min(len(later) - 1, round(0.95 * (len(later) - 1)))]

    @property
    def worst_ms(self) -> float:
        return max(*self.firsts_ms, *self.later_ms)


def engines() -> list[str]:
    """The engines measured: pulse and qt always, simpleaudio when it is installed."""
    found = ["pulse", "qt"]
    if importlib.util.find_spec("simpleaudio") is not None:
        found.append("simpleaudio")
    return found


def measure(runs: int = 3, only: Sequence[str] = ()) -> list[CueRow]:
    """*runs* walks per engine (*only* these, if given), driver, alone and over music;
    raises PulseUnavailable."""
    rows = []
    with audio_probe.pulse_server() as server:
        for music in (False, True):
            with audio_probe.music(server) if music else contextlib.nullcontext():
                for engine in only or engines():
                    for driver in ("loop", "qt"):
                        walks = [measure_walk(server, engine, driver) for _ in range(runs)]
                        later = sorted(ms for walk in walks for ms in walk.heard_ms[1:])
                        row = CueRow(
                            engine,
                            driver,
                            music,
                            tuple(walk.heard_ms[0] for walk in walks),
                            tuple(later),
                            tuple(pair for walk in walks for pair in walk.late),
                        )
                        rows.append(row)
    return rows


@dataclass(frozen=True)
class CostRow:
    """What one engine costs while `retrocoach run` walks USAGE_PLAN."""

    engine: str
    peak_rss_mib: float
    cpu_percent: float
    server_cpu_percent: float


def _cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure_cost(engine: str) -> CostRow:
    """Walk USAGE_PLAN with *engine* on a fresh private server, watching both processes."""
    with audio_probe.pulse_server() as server, tempfile.TemporaryDirectory() as data:
        assert server.process is not None
        command = [sys.executable, "-m", "retrocoach", "run", "--audio", engine]
        command += ["--pips", "3", "--plan", USAGE_PLAN]
        env = {**server.env, "RETROCOACH_DATA_DIR": data}
        coach = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
        time.sleep(1.0)  # start-up (imports, the device) is the window benchmark's business
        started, coach_cpu, server_cpu = (
            time.monotonic(),
            _cpu_s(coach.pid),
            _cpu_s(server.process.pid),
        )
        peak, used, served, elapsed = 0.0, 0.0, 0.0, 0.0
        while coach.poll() is None:
            with contextlib.suppress(OSError, IndexError):
                peak = max(peak, _rss_mib(coach.pid))
                used = _cpu_s(coach.pid) - coach_cpu
                served = _cpu_s(server.process.pid) - server_cpu
                elapsed = time.monotonic() - started
            time.sleep(0.2)
        return CostRow(engine, peak, 100 * used / elapsed, 100 * served / elapsed)


def main() -> int:
    """Print the table; exit 1 if any cue missed the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="walks per engine and driver")
    parser.add_argument("--engine", action="append", choices=engines(), help="only this one")
    parser.add_argument("--no-cost", action="store_true", help="skip the cost of sound")
    args = parser.parse_args()
    print(f"plan: {PLAN}, pips 3; {args.runs} walks each; delay = onset - boundary (ms)")
    header = f"{'engine':<12} {'driver':<6} {'music':<5} {'first cue':>22} {'later cues':>26}"
    print(f"{header} {'worst':>7}")
    print(f"{'':<12} {'':<6} {'':<5} {'min / median / max':>22} {'median / p95 / max':>26}")
    rows = measure(args.runs, args.engine or ())
    for row in rows:
        firsts, later = row.firsts_ms, row.later_ms
        print(
            f"{row.engine:<12} {row.driver:<6} {'500ms' if row.music else '-':<5} "
            f"{min(firsts):>8.1f} / {statistics.median(firsts):>4.1f} / {max(firsts):>4.1f}"
            f" {statistics.median(later):>14.1f} / {row.p95_ms:>4.1f} / {later[-1]:>4.1f}"
            f" {row.worst_ms:>7.1f}"
        )
    for row in rows:
        if row.late:
            late = ", ".join(" / ".join(f"{ms:.1f}" for ms in cue) for cue in row.late)
            music = "over music" if row.music else "alone"
            print(f"  late, {row.engine} {row.driver} {music} (heard / handled / written): {late}")
    missed = any(row.worst_ms >= TARGET_MS for row in rows)
    print(f"{'none':<12} {'-':<6} {'n/a (silent: the window flashes)':>49}")
    if importlib.util.find_spec("simpleaudio") is None:
        print("simpleaudio   not installed (optional extra): not measured")
    print(f"target: every cue under {TARGET_MS:.0f} ms: {'MISSED' if missed else 'met'}")
    print(f"load average (1, 5, 15 min) at the end: {os.getloadavg()}")
    if args.no_cost:
        return 1 if missed else 0
    print(f"cost while `retrocoach run` walks {USAGE_PLAN}, pips 3 (after its first second):")
    print(f"{'engine':<12} {'peak RSS':>10} {'coach CPU':>10} {'server CPU':>11}")
    for engine in ("pulse", "qt", "none"):
        cost = measure_cost(engine)
        print(
            f"{cost.engine:<12} {cost.peak_rss_mib:>6.1f} MiB {cost.cpu_percent:>9.2f}%"
            f" {cost.server_cpu_percent:>10.2f}%"
        )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
