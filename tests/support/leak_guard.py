"""A pytest plugin: every process and thread a test starts must be gone when the test ends.

After each test's teardown, any child process (or an orphan of one: this process is made a child
subreaper, so a killed child's own children come back to it) and any Python thread that was not
there before the test's setup is a leak. The leak is ended (processes killed and reaped; threads
get a grace period) and the test that made it fails in its teardown, naming what it left: the
next test, which did nothing wrong, never pays for it. Processes and threads that a fixture wider
than one test (module, session) starts are its own, and are allowed to outlive the test.

Every ``subprocess.Popen`` a test dropped without waiting for is polled here too, so the
ResourceWarning its garbage collection would raise never lands in an unrelated test.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import threading
import time
import weakref
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest

GRACE_S = float(os.environ.get("RETROCOACH_LEAK_GRACE_S", "5"))
"""How long a process or thread may take to end after its test's teardown before it is a leak."""
PR_SET_CHILD_SUBREAPER = 36

Proc = tuple[int, str]
"""A process: its id and its start time (ticks since boot), so a reused pid is not confused."""

_popens: list[weakref.ReferenceType[subprocess.Popen[Any]]] = []
_original_init = subprocess.Popen.__init__


def _tracking_init(self: subprocess.Popen[Any], *args: Any, **kwargs: Any) -> None:
    _original_init(self, *args, **kwargs)
    _popens.append(weakref.ref(self))


def _stat(pid: int) -> tuple[str, str] | None:
    """(state, start time) of *pid*, or None once it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()
    return fields[0], fields[19]


def _children(pid: int) -> Iterator[int]:
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return
    for task in tasks:
        try:
            yield from (int(child) for child in (task / "children").read_text().split())
        except OSError:
            continue


def descendants() -> set[Proc]:
    """Every live (not zombie) process below this one, with its start time."""
    found: set[Proc] = set()
    pending = list(_children(os.getpid()))
    while pending:
        pid = pending.pop()
        stat = _stat(pid)
        if stat is None or stat[0] == "Z":
            continue
        found.add((pid, stat[1]))
        pending.extend(_children(pid))
    return found


def _python_threads() -> set[threading.Thread]:
    # A _DummyThread is a foreign (Qt) thread that once ran Python: it never leaves the list.
    return {t for t in threading.enumerate() if not isinstance(t, threading._DummyThread)}


def _reap_zombies(tracked: set[int]) -> None:
    """Reap this process's zombie children that no Popen object will wait for."""
    for pid in list(_children(os.getpid())):
        stat = _stat(pid)
        if stat is not None and stat[0] == "Z" and pid not in tracked:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)


def _name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
    except OSError:
        return "?"


class LeakGuard:
    """Snapshots before each test's setup; after its teardown, ends and reports what is new."""

    def __init__(self) -> None:
        self.lasting_procs: set[Proc] = set()
        self.lasting_threads: set[threading.Thread] = set()
        self._procs: set[Proc] = set()
        self._threads: set[threading.Thread] = set()
        self._popen_mark = 0

    @pytest.hookimpl(wrapper=True)
    def pytest_fixture_setup(self, fixturedef: pytest.FixtureDef[Any]) -> Generator[None, Any, Any]:
        """What a fixture wider than one test starts is its own, and may outlive the test."""
        if fixturedef.scope == "function":
            return (yield)
        procs, threads = descendants(), _python_threads()
        try:
            return (yield)
        finally:
            self.lasting_procs |= descendants() - procs
            self.lasting_threads |= _python_threads() - threads

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        del item
        self._procs, self._threads = descendants(), _python_threads()
        self._popen_mark = len(_popens)

    @pytest.hookimpl(wrapper=True, tryfirst=True)
    def pytest_runtest_teardown(self, item: pytest.Item) -> Generator[None, None, None]:
        """Around every other teardown: what is still running after them all is a leak."""
        del item
        try:
            yield
        except BaseException:
            self._end_leaks()  # the teardown's own failure is the one to report
            raise
        problems = self._end_leaks()
        if problems:
            pytest.fail("the test left behind:\n  " + "\n  ".join(problems), pytrace=False)

    def _end_leaks(self) -> list[str]:
        problems: list[str] = []
        fresh = [ref() for ref in _popens[self._popen_mark :]]
        del _popens[self._popen_mark :]
        deadline = time.monotonic() + GRACE_S
        lasting_pids = {pid for pid, _ in self.lasting_procs}
        for popen in fresh:
            if popen is None or popen.returncode is not None or popen.pid in lasting_pids:
                continue
            try:
                popen.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                problems.append(f"process {popen.pid} still running: {_name(popen.pid)}")
                popen.kill()
                popen.wait()
        tracked = {p.pid for p in fresh if p is not None}
        known = self._procs | self.lasting_procs
        while True:
            _reap_zombies(tracked)
            left = descendants() - known
            if not left or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        for pid, _ in sorted(left):
            problems.append(f"process {pid} still running: {_name(pid)}")
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                continue
        if left:
            time.sleep(0.1)
            _reap_zombies(tracked)
        threads = _python_threads() - self._threads - self.lasting_threads
        for thread in threads:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))
            if thread.is_alive():
                problems.append(f"thread {thread.name!r} still running")
        return problems


def install(config: pytest.Config) -> None:
    """Track every Popen, adopt orphans (Linux), and register the guard with *config*."""
    subprocess.Popen.__init__ = _tracking_init  # type: ignore[method-assign]
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    config.pluginmanager.register(LeakGuard(), "leak_guard")
