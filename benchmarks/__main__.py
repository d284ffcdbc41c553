"""Run every benchmark and print one table: figure, this run, target, ratio to its floor.

    python -m benchmarks [--quick] [--only NAME ...] [--skip NAME ...]

Each benchmark's own script prints more (``python benchmarks/<name>.py``); this runner calls
the same functions. Progress goes to stderr, the table (Markdown) to stdout. A benchmark that
cannot run here (no sound server, no X server) gets a row saying so; one that fails gets a row
with its error, and the others still run. ``--quick`` runs everything small, to check the
runner, not to quote: its figures are not comparable with the targets.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

Row = tuple[str, str, str, str]
"""figure, this run, target, ratio to its floor ("" where there is none)."""


@dataclass(frozen=True)
class Sizes:
    """How big each benchmark runs."""

    drift_segments: int
    drift_speed: float
    history_sessions: int
    history_repeats: int
    cue_runs: int
    window_runs: int
    view_sessions: int
    view_runs: int
    soak_segments: int
    soak_journalled: int
    fuzz_inputs: int


FULL = Sizes(600, 10.0, 10_000, 7, 5, 9, 10_000, 7, 20_000, 10_000, 10_000)
QUICK = Sizes(60, 20.0, 1_000, 3, 1, 2, 1_000, 2, 2_000, 1_200, 400)
SOAK_THINNED = 500


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.1 else f"{seconds * 1000:.1f} ms"


def _n(count: int) -> str:
    return f"{count:,}"


def timer_drift(size: Sizes) -> list[Row]:
    from benchmarks import timer_drift  # noqa: PLC0415

    f = timer_drift.measure(size.drift_segments, size.drift_speed)
    first, second = f.halves_ms
    what = f"timer drift ({_n(f.segments)} 1 s segments at {f.speed:g}x, terminal loop)"
    return [
        (
            f"{what}: boundary error p50 / p99 / max",
            f"{f.p50_ms:.2f} / {f.p99_ms:.2f} / {f.max_ms:.2f} ms",
            "max <= 20 ms",
            "",
        ),
        ("timer drift: first to last boundary", f"{f.drift_ms:.2f} ms", "no cumulative drift", ""),
        (
            "timer drift: mean error, 1st / 2nd half",
            f"{first:.2f} / {second:.2f} ms",
            "no growth",
            "",
        ),
    ]


_WHOLE_READ = "load, no certificate"
"""history_scale's row for a whole read with every record checked: the listings' floor."""


def history_scale(size: Sizes) -> list[Row]:
    from benchmarks import history_scale  # noqa: PLC0415

    f = history_scale.measure(size.history_sessions, size.history_repeats)
    rows = f.rows
    load = rows[_WHOLE_READ].big[0]
    what = f"history, {_n(f.sessions)} sessions ({f.size_bytes / 1e6:.1f} MB), median"

    def worst(label: str) -> str:
        median, most = rows[label].big
        return f"{_ms(median)} ({_ms(most)} worst)"

    listed = [
        (f"{what}: read and check every record", _WHOLE_READ, "", ""),
        ("history: read as a walk starts (certified)", "load (as a walk starts)", "", "read"),
        ("history: `history` (table)", "list (history, table)", "< 500 ms", "read"),
        ("history: `history --format csv`", "export (history --format csv)", "< 500 ms", "read"),
        ("history: `history --format json`", "export (history --format json)", "< 500 ms", "read"),
    ]
    result: list[Row] = []
    for figure, label, target, floor in listed:
        ratio = f"{rows[label].big[0] / load:.2f}x the read" if floor else ""
        result.append((figure, worst(label), target, ratio))
    coach = rows["record one more, as the coach"]
    cold = rows["record one more, cold store"]
    result.append(
        (
            "history: record one more session, store already read (the coach)",
            f"+{_ms(coach.extra_s)} ({_ms(coach.big[1])} worst in all)",
            "< 100 ms extra",
            "",
        )
    )
    result.append(
        ("history: record one more session, fresh store", f"+{_ms(cold.extra_s)}", "", "")
    )
    return result


def cue_latency(size: Sizes) -> list[Row]:
    from benchmarks import cue_latency  # noqa: PLC0415

    try:
        rows = cue_latency.measure(size.cue_runs)
    except cue_latency.PulseUnavailable as error:
        return [
            ("cue latency", f"not measured: no sound server ({error})", "every cue < 30 ms", "")
        ]
    result: list[Row] = []
    for row in rows:
        met = "met" if row.worst_ms < cue_latency.TARGET_MS else "MISSED"
        result.append(
            (
                f"cue latency, {row.engine} engine, {row.driver} driver"
                f"{', over a 500 ms music stream' if row.music else ''} ({size.cue_runs} walks): "
                "first cue median / max; later cues median / p95 / max",
                f"{statistics.median(row.firsts_ms):.1f} / {max(row.firsts_ms):.1f}; "
                f"{statistics.median(row.later_ms):.1f} / {row.p95_ms:.1f} / "
                f"{row.later_ms[-1]:.1f} ms",
                f"every cue < 30 ms ({met})",
                "",
            )
        )
    if "simpleaudio" not in cue_latency.engines():
        result.append(("cue latency, simpleaudio engine", "not measured: not installed", "", ""))
    return result


def window(size: Sizes) -> list[Row]:
    from benchmarks import window_startup  # noqa: PLC0415

    f = window_startup.measure(size.window_runs, "none")
    shown = "Xvfb" if f["platform"] == "xcb" else f"{f['platform']} (no Xvfb)"
    what = f"window, `--audio none`, {shown}, median of {size.window_runs} starts"
    return [
        (
            f"{what}: start-up to first frame",
            f"{f['app_frame_ms']:.0f} ms",
            "<= 1.2x the bare window",
            f"{f['frame_ratio']:.2f}x (bare {f['bare_frame_ms']:.0f} ms); "
            f"{f['app_floor_frame_ratio']:.2f}x the floor window",
        ),
        (
            "window: CPU time to the first frame",
            f"{f['app_cpu_ms']:.0f} ms",
            "<= 1.4x the floor window (issue 27)",
            f"{f['app_floor_cpu_ratio']:.2f}x the floor ({f['floor_cpu_ms']:.0f} ms)",
        ),
        (
            "window: the coach view alone (settings, the plan, RetroCoach's view in a bare main "
            "window; no tabs, buttons, history or walk): CPU time to the first frame",
            f"{f['coach_cpu_ms']:.0f} ms",
            "",
            f"{f['coach_floor_cpu_ratio']:.2f}x the floor",
        ),
        (
            "window, a fresh data folder (the checklist's frame): start-up to first frame",
            f"{f['fresh_frame_ms']:.0f} ms ({f['fresh_cpu_ms']:.0f} ms CPU)",
            "<= 1.4x the floor window (issue 27)",
            f"{f['fresh_floor_frame_ratio']:.2f}x the floor; CPU "
            f"{f['fresh_floor_cpu_ratio']:.2f}x the floor's",
        ),
        (
            "window, a fresh data folder: memory at first frame",
            f"{f['fresh_rss_mib']:.1f} MiB",
            "<= 1.3x the bare window",
            f"{f['fresh_rss_ratio']:.2f}x (bare {f['bare_rss_mib']:.1f} MiB)",
        ),
        (
            "window: the floor window (a band, a word and m:ss painted; no RetroCoach code): "
            "start-up",
            f"{f['floor_frame_ms']:.0f} ms",
            "",
            f"{f['floor_frame_ratio']:.2f}x (bare {f['bare_frame_ms']:.0f} ms)",
        ),
        (
            "window: memory at first frame",
            f"{f['app_rss_mib']:.1f} MiB",
            "<= 1.3x the bare window",
            f"{f['rss_ratio']:.2f}x (bare {f['bare_rss_mib']:.1f} MiB); "
            f"{f['app_floor_rss_ratio']:.2f}x the floor window",
        ),
        (
            "window: memory after 1 s idle",
            f"{f['app_idle_rss_mib']:.1f} MiB",
            "",
            f"{f['idle_rss_ratio']:.2f}x (bare {f['bare_idle_rss_mib']:.1f} MiB)",
        ),
        (
            "window: the floor window's memory at first frame",
            f"{f['floor_rss_mib']:.1f} MiB",
            "",
            f"{f['floor_rss_ratio']:.2f}x (bare {f['bare_rss_mib']:.1f} MiB)",
        ),
        (
            f"window: CPU while a session runs ({f['walk_s']:.0f} s)",
            f"{f['cpu_percent']:.2f}% of one core",
            "< 1%",
            "",
        ),
    ]


def history_view(size: Sizes) -> list[Row]:
    from benchmarks import history_view_open  # noqa: PLC0415

    # In a process of its own: the cue and window benchmarks leave this one a QCoreApplication,
    # on which a widget cannot be made (Qt aborts the whole run), and a fresh process times
    # the view as a new window would open it.
    script = Path(history_view_open.__file__)
    sizes = ("--sessions", str(size.view_sessions), "--runs", str(size.view_runs))
    tree = str(script.parent.parent)  # this checkout's retrocoach, whatever is installed
    path = os.pathsep.join(filter(None, (tree, os.environ.get("PYTHONPATH"))))
    done = subprocess.run(
        [sys.executable, str(script), *sizes, "--json"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": path},
    )
    f = history_view_open.ViewFigures(**json.loads(done.stdout.splitlines()[-1]))
    steps = {key: f.steps[label] for key, label in history_view_open.STEPS.items()}
    load = statistics.median(steps["load"])
    what = (
        f"history view, {_n(size.view_sessions)} sessions, {f.platform}, median of {size.view_runs}"
    )

    def shown(key: str) -> str:
        values = steps[key]
        return f"{statistics.median(values):.1f} ms ({max(values):.1f} worst)"

    return [
        (f"{what}: open, store already read (the app)", shown("warm"), "< 300 ms", ""),
        (
            "history view: open, store not read yet",
            shown("cold"),
            "< 300 ms",
            f"{statistics.median(steps['cold']) / load:.2f}x the read ({load:.0f} ms)",
        ),
        ("history view: refresh, file unchanged", shown("refresh"), "", ""),
        ("history view: sort by one column", shown("sort"), "", ""),
    ]


def soak(size: Sizes) -> list[Row]:
    from benchmarks import soak  # noqa: PLC0415

    big = soak.measure(size.soak_segments, SOAK_THINNED, trace=True)
    f = big.figures
    beyond = f.growth_bytes - (f.allowance_bytes - soak_workload_slack())
    what = (
        f"soak, {_n(f.segments)} segments, real driver/recorder/store, recorder hears "
        f"1 start in {SOAK_THINNED}"
    )
    saved = "the whole session" if not big.history_problems else "; ".join(big.history_problems)
    rows: list[Row] = [
        (
            f"{what}: segment starts reported",
            f"{_n(f.boundaries)} of {_n(f.segments)}, {len(f.problems)} problems "
            f"({f.late_ticks} ticks seconds late)",
            "each once, in order, on time",
            "",
        ),
        (
            "soak: traced memory, segment 1,000 -> last",
            f"+{f.growth_bytes / 1024:.0f} KiB; the session's records of the segments walked "
            f"meanwhile: {(f.growth_bytes - beyond) / 1024:.0f} KiB",
            "<= those records + 64 KiB",
            "",
        ),
        (
            "soak: RSS of the runner, segment 1,000 -> last (tracemalloc's tables included)",
            f"{f.rss_mark_kib / 1024:.1f} -> {f.rss_end_kib / 1024:.1f} MiB",
            "",
            "",
        ),
        ("soak: history.json", f"{f.history_bytes / 1e6:.1f} MB, {saved}", "every segment", ""),
        ("soak: wall time (tracemalloc on)", f"{f.seconds:.1f} s", "", ""),
    ]
    full = soak.measure(size.soak_journalled, 1, trace=False).figures
    growth = full.recorder_last_chunk_s / max(full.recorder_first_chunk_s, 1e-9)
    rows += [
        (
            f"soak, {_n(full.segments)} segments, journalled at every start (the app's way): "
            "wall time",
            f"{full.seconds:.1f} s, {len(full.problems)} problems",
            "bounded",
            "",
        ),
        (
            "soak, journalled: recorder time in the first / last 1,000 segments",
            f"{full.recorder_first_chunk_s:.2f} / {full.recorder_last_chunk_s:.2f} s "
            f"({growth:.1f}x: grows with the journal)",
            "flat",
            "",
        ),
        (
            "soak, journalled: RSS of the runner, segment 1,000 -> last",
            f"{full.rss_mark_kib / 1024:.1f} -> {full.rss_end_kib / 1024:.1f} MiB",
            "",
            "",
        ),
    ]
    return rows


def soak_workload_slack() -> int:
    import soak_workload  # noqa: PLC0415  (put on sys.path by benchmarks.soak)

    return int(soak_workload.SLACK_BYTES)


def fuzz(size: Sizes) -> list[Row]:
    from benchmarks import fuzz  # noqa: PLC0415

    rows: list[Row] = []
    for target in fuzz.measure(size.fuzz_inputs):
        outcome = "no failure" if target.failure is None else f"FAILED: {target.failure}"
        rows.append(
            (
                f"fuzz: {target.name} ({len(target.inputs)} kinds of input)",
                f"{_n(target.total)} inputs in {target.seconds:.0f} s, {outcome}",
                f">= {_n(size.fuzz_inputs)} inputs, no uncaught error"
                + (", file untouched" if target.name == "history loader" else ""),
                "",
            )
        )
    return rows


def fit_export(size: Sizes) -> list[Row]:
    from benchmarks import fit_export  # noqa: PLC0415

    figures = fit_export.measure(size.history_repeats)
    return [
        (
            f"FIT export: one hour walked ({figures.laps} laps, {_n(figures.records)} records)",
            f"{_ms(figures.median_ms / 1000)} ({_ms(figures.worst_ms / 1000)} worst), "
            f"{figures.size_bytes / 1024:.0f} KiB",
            "",
            "",
        )
    ]


def treadmill(size: Sizes) -> list[Row]:
    from benchmarks import treadmill_latency  # noqa: PLC0415

    figures = treadmill_latency.measure(max(2, size.history_repeats))
    written, belt = figures.written_ms, figures.at_speed_ms
    return [
        (
            f"treadmill: boundary to speed command written ({len(written)} changes)",
            f"median {statistics.median(written):.1f} ms, max {max(written):.1f} ms",
            "< 50 ms",
            "",
        ),
        (
            "treadmill: boundary to the simulated belt at speed (0.5 km/h per s)",
            f"median {statistics.median(belt):.0f} ms, max {max(belt):.0f} ms",
            "",
            "",
        ),
    ]


BENCHMARKS: dict[str, Callable[[Sizes], list[Row]]] = {
    "timer-drift": timer_drift,
    "history-scale": history_scale,
    "cue-latency": cue_latency,
    "window": window,
    "history-view": history_view,
    "soak": soak,
    "fuzz": fuzz,
    "fit-export": fit_export,
    "treadmill": treadmill,
}


def table(rows: list[Row]) -> str:
    """The rows as a Markdown table."""
    lines = [
        "| figure | this run | target | ratio to its floor |",
        "|---|---|---|---|",
    ]
    lines += ["| " + " | ".join(cell.replace("|", "/") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks chosen, print the table; exit 1 if one of them failed."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--quick", action="store_true", help="small sizes: checks the runner only")
    parser.add_argument("--only", nargs="+", choices=BENCHMARKS, default=None)
    parser.add_argument("--skip", nargs="+", choices=BENCHMARKS, default=[])
    args = parser.parse_args(argv)
    size = QUICK if args.quick else FULL
    chosen = [name for name in (args.only or BENCHMARKS) if name not in args.skip]
    rows: list[Row] = []
    failed = False
    began = time.perf_counter()
    for name in chosen:
        print(f"== {name}", file=sys.stderr, flush=True)
        start = time.perf_counter()
        try:
            rows += BENCHMARKS[name](size)
        except Exception as error:  # one row says so; the others still run
            traceback.print_exc()
            rows.append((name, f"FAILED: {type(error).__name__}: {error}", "", ""))
            failed = True
        print(f"   {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    print(
        f"{'Quick run (not comparable with the targets), ' if args.quick else ''}"
        f"{datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"PySide6 {_pyside_version()}, {time.perf_counter() - began:.0f} s in all"
    )
    print()
    print(table(rows))
    return 1 if failed or any("FAILED" in row[1] for row in rows) else 0


def _pyside_version() -> str:
    try:
        import PySide6  # noqa: PLC0415

        return str(PySide6.__version__)
    except ImportError:
        return "not installed"


if __name__ == "__main__":
    sys.exit(main())
