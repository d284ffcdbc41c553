"""Cue latency: how soon after its boundary each cue sounds, per engine, through a null sink.

Starts a private PulseAudio server (null sink, never suspended), records its monitor with parec,
and walks a short plan through the real cue path (tools/cue_walk.py: Session -> CuePlanner ->
CueListener -> engine) for each engine and each way of waiting (the terminal's loop, the
window's Qt timer). Each onset is pinned to the steady clock and compared with the time its
boundary was due. Target: every cue, the first included, under 30 ms.

    python benchmarks/cue_latency.py [--runs 3]
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import audio_probe  # noqa: E402

PLAN = "forward=2s backward=2s rounds=3 warmup=0s cooldown=0s getready=0s"
TARGET_MS = 30.0


def measure_walk(
    server: audio_probe.PulseServer, engine: str, driver: str
) -> tuple[float, list[float]]:
    """One walk: the first cue's delay and the later cues' delays, in ms."""
    command = [sys.executable, str(ROOT / "tools" / "cue_walk.py"), "--engine", engine]
    command += ["--driver", driver, "--plan", PLAN, "--pips", "3"]
    walk = audio_probe.walk(server, command)
    if walk.footer.get("engine") != engine or walk.footer.get("faults"):
        raise RuntimeError(f"{engine} did not play cleanly:\n{walk.output}")
    first_onset = walk.recording.time_of(walk.onsets[0].start)
    delays = []
    for due in walk.due:  # the onset nearest each boundary; pips sit a second away
        expected = first_onset + (due - walk.due[0])
        onset = min(walk.onsets, key=lambda o: abs(walk.recording.time_of(o.start) - expected))
        delays.append((walk.recording.time_of(onset.start) - due) * 1000)
    return delays[0], delays[1:]


@dataclass(frozen=True)
class CueRow:
    """Every walk of one engine and driver: the first cue's delays and the later cues'."""

    engine: str
    driver: str
    firsts_ms: tuple[float, ...]
    later_ms: tuple[float, ...]
    """Sorted."""

    @property
    def p95_ms(self) -> float:
        later = self.later_ms
        return later[min(len(later) - 1, round(0.95 * (len(later) - 1)))]

    @property
    def worst_ms(self) -> float:
        return max(*self.firsts_ms, *self.later_ms)


def engines() -> list[str]:
    """The engines measured: qt always, simpleaudio when it is installed."""
    found = ["qt"]
    if importlib.util.find_spec("simpleaudio") is not None:
        found.append("simpleaudio")
    return found


def measure(runs: int = 3) -> list[CueRow]:
    """*runs* walks per engine and driver on a private server; raises PulseUnavailable."""
    rows = []
    with audio_probe.pulse_server() as server:
        for engine in engines():
            for driver in ("loop", "qt"):
                firsts: list[float] = []
                later: list[float] = []
                for _ in range(runs):
                    first, rest = measure_walk(server, engine, driver)
                    firsts.append(first)
                    later.extend(rest)
                rows.append(CueRow(engine, driver, tuple(firsts), tuple(sorted(later))))
    return rows


def main() -> int:
    """Print the table; exit 1 if any cue missed the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="walks per engine and driver")
    args = parser.parse_args()
    print(f"plan: {PLAN}, pips 3; {args.runs} walks each; delay = onset - boundary (ms)")
    header = f"{'engine':<12} {'driver':<6} {'first cue':>22} {'later cues':>26} {'worst':>7}"
    print(header)
    print(f"{'':<12} {'':<6} {'min / median / max':>22} {'median / p95 / max':>26}")
    rows = measure(args.runs)
    for row in rows:
        firsts, later = row.firsts_ms, row.later_ms
        print(
            f"{row.engine:<12} {row.driver:<6} "
            f"{min(firsts):>8.1f} / {statistics.median(firsts):>4.1f} / {max(firsts):>4.1f}"
            f" {statistics.median(later):>14.1f} / {row.p95_ms:>4.1f} / {later[-1]:>4.1f}"
            f" {row.worst_ms:>7.1f}"
        )
    missed = any(row.worst_ms >= TARGET_MS for row in rows)
    print(f"{'none':<12} {'-':<6} {'n/a (silent: the window flashes)':>49}")
    if importlib.util.find_spec("simpleaudio") is None:
        print("simpleaudio   not installed (optional extra): not measured")
    print(f"target: every cue under {TARGET_MS:.0f} ms: {'MISSED' if missed else 'met'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
