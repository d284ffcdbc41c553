"""What a long history adds to a whole ``retrocoach run``: a 2-second walk, 10,000 sessions.

Run: python benchmarks/run_history.py [--sessions 10000] [--runs 7]
Each run is a fresh ``retrocoach run`` process (``--yes --audio none``, a plan of 1 s forward
and 1 s backward with no get-ready), timed from its spawn to its exit, on a copy of a data
folder holding an empty history and on one holding *sessions* sessions, alternately, so the
machine's load falls on both alike. "extra" is the big history's median minus the empty
one's: what the walker waits for because of the history (reading and checking it at the
start, saving the walk into it at the end). The child's CPU time (user + system) is printed
beside the wall time: on a busy machine it says more, as other work inflates only the wall.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.history_scale import build
from retrocoach.core.settings.store import Settings, SettingsStore
from retrocoach.core.storage.paths import DataPaths

PLAN = "getready=0s warmup=0s forward=1s backward=1s rounds=1 cooldown=0s"


@dataclass(frozen=True)
class RunFigures:
    """Wall seconds of each whole run, on the empty history and on the big one, and the CPU
    seconds each run's process used."""

    sessions: int
    empty: list[float]
    big: list[float]
    empty_cpu: list[float]
    big_cpu: list[float]

    @property
    def extra_s(self) -> float:
        """What the big history adds to the median run."""
        return statistics.median(self.big) - statistics.median(self.empty)

    @property
    def extra_cpu_s(self) -> float:
        """What the big history adds to the median run's CPU time."""
        return statistics.median(self.big_cpu) - statistics.median(self.empty_cpu)


def _folder(root: Path, name: str, sessions: int) -> Path:
    folder = root / name
    # Read once, as the walker's earlier starts did: that leaves the certificate a long
    # history is read by (.history-checked.json), as it is in a folder in use.
    build(folder, sessions).load()
    SettingsStore(DataPaths(folder, folder), warn=print).save(Settings(checklist_confirmed=True))
    return folder


def _children_cpu_s() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _walk(template: Path, scratch: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one ``retrocoach run`` on a fresh copy of *template*."""
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(template, scratch)
    command = [sys.executable, "-m", "retrocoach", "run", "--plan", PLAN, "--yes"]
    command += ["--audio", "none", "--data-dir", str(scratch)]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    cpu, begin = _children_cpu_s(), time.perf_counter()
    done = subprocess.run(
        command, stdin=subprocess.DEVNULL, capture_output=True, env=env, check=False
    )
    elapsed, cpu = time.perf_counter() - begin, _children_cpu_s() - cpu
    if done.returncode != 0:
        raise SystemExit(f"retrocoach run failed: {done.stderr.decode(errors='replace')}")
    return elapsed, cpu


def measure(sessions: int = 10_000, runs: int = 7) -> RunFigures:
    """Time *runs* walks on each history, alternately."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        empty, big = _folder(root, "empty", 0), _folder(root, "big", sessions)
        _walk(empty, root / "scratch")  # the bytecode cache, written once, before timing
        walls: dict[Path, list[float]] = {empty: [], big: []}
        cpus: dict[Path, list[float]] = {empty: [], big: []}
        for _ in range(runs):
            for template in (empty, big):
                wall, cpu = _walk(template, root / "scratch")
                walls[template].append(wall)
                cpus[template].append(cpu)
        return RunFigures(sessions, walls[empty], walls[big], cpus[empty], cpus[big])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    figures = measure(args.sessions, args.runs)
    rows = (
        ("empty history", figures.empty, figures.empty_cpu),
        ("big history", figures.big, figures.big_cpu),
    )
    for label, times, cpu in rows:
        print(
            f"{label:<14} median {statistics.median(times) * 1e3:7.0f} ms"
            f"  (best {min(times) * 1e3:.0f}, worst {max(times) * 1e3:.0f});"
            f" CPU median {statistics.median(cpu) * 1e3:.0f} ms"
        )
    print(
        f"{figures.sessions} sessions add {figures.extra_s * 1e3:.0f} ms to a 2 s walk"
        f" ({figures.extra_cpu_s * 1e3:.0f} ms of CPU)"
    )


if __name__ == "__main__":
    main()
