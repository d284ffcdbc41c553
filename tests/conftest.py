"""Shared test set-up: the lanes, hypothesis profiles, the leak guard, offscreen Qt, and no
test ever touches the real home folder. How the lanes work: tests/README.md."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import leak_guard
import longest_first
import pytest
from hypothesis import HealthCheck, settings

# Set before any Qt import: the tests draw offscreen unless a test starts its own X server,
# even inside a desktop session whose platform (xcb, wayland) would otherwise be chosen.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
# Tesseract reads with an OpenMP thread per core by default; beside the parallel lane's other
# workers those threads spin waiting for each other: one thread read a screenshot with a third
# of the CPU time and a third of the wall time (measured with tesseract 5.3 on 2 loaded cores).
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

SLOW_FOLDERS = frozenset({"e2e", "faults", "soak", "packaging"})
"""Folders whose every test starts real processes or servers, or builds a wheel."""

# Hypothesis: few examples while a contributor iterates, the full count in CI. A decorator
# never fixes its own count; HYPOTHESIS_PROFILE=ci runs the full one anywhere.
settings.register_profile(
    "contributor", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
_in_ci = os.environ.get("CI", "").lower() not in ("", "0", "false", "no")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if _in_ci else "contributor"))


def pytest_configure(config: pytest.Config) -> None:
    """End and report what a test leaves running (tests/support/leak_guard.py), and hand the
    parallel lane's longest tests out first (tests/support/longest_first.py)."""
    leak_guard.install(config)
    if config.pluginmanager.hasplugin("xdist"):
        longest_first.install(config, SLOW_FOLDERS)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in the slow folders ``slow``, and every ``realtime`` one ``slow`` too.

    ``scripts/check --quick`` leaves the slow ones out; ``scripts/check`` runs the realtime
    ones alone, one at a time, after the parallel lane.
    """
    tests = Path(__file__).resolve().parent
    for item in items:
        relative = item.path.resolve().relative_to(tests)
        if relative.parts[0] in SLOW_FOLDERS or item.get_closest_marker("realtime"):
            item.add_marker(pytest.mark.slow)


def _signals_as_a_terminal_gives_them() -> None:
    """A shell starts a background job (``scripts/check &``, nohup) with SIGINT and SIGQUIT
    (and, under nohup, SIGHUP) ignored, and every process it starts inherits that. A coach a
    test started then ignored the test's Ctrl+C until its own handler was in place, which on
    a loaded machine came after the test's signal (test_run_checklist's Ctrl+C waited in vain
    in a run started in the background). A handler of Python's here gives each child the
    default again when it starts, as a foreground terminal does."""
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    for number in (signal.SIGQUIT, signal.SIGHUP):
        if signal.getsignal(number) is signal.SIG_IGN:
            signal.signal(number, signal.SIG_DFL)


_signals_as_a_terminal_gives_them()


@pytest.fixture(autouse=True)
def _ctrl_c_as_a_terminal_gives_it() -> None:
    """Again before each test: one run in the same worker that left SIGINT ignored would pass
    that on to every coach the later tests start."""
    _signals_as_a_terminal_gives_them()


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every RetroCoach data path, and HOME itself, at a fresh temporary folder."""
    data = tmp_path / "retrocoach-data"
    monkeypatch.setenv("RETROCOACH_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    # Tests that want short programmes point this at their own file; none inherit one.
    monkeypatch.delenv("RETROCOACH_PROGRAMMES_FILE", raising=False)
    # Nothing a test starts may join the user's session bus (a coach would show up in the
    # desktop's media widgets); the MPRIS tests start a private bus of their own.
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:")
    # Nor may it open a window on the user's desktop: windows under test get a private Xvfb.
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    return data
