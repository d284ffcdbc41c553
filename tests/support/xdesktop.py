"""Real windows on a private Xvfb: start the server, launch RetroCoach, press keys, read files.

Shared by the real-window tests (tests/e2e) and the fault-injection tests (tests/faults). With
CI set a missing tool fails the test: CI must never pass by leaving the real window untested.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from retrocoach.core.errors import CorruptFileError
from retrocoach.core.history.journal import parse_journal
from retrocoach.core.settings.store import Settings, SettingsStore
from retrocoach.core.storage.paths import DataPaths

WAIT_S = 20.0
"""The longest any single wait lasts: a window to map, a file to appear, a process to end."""
X_TOOLS = ("Xvfb", "xdotool", "import")


def in_ci() -> bool:
    """Whether the CI variable is set to something true."""
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def need_tools(tools: tuple[str, ...], install: str) -> None:
    """Fail (in CI) or skip (elsewhere) unless every program in *tools* is on PATH."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if not missing:
        return
    message = f"this test needs {', '.join(missing)} ({install})"
    if in_ci():
        pytest.fail(f"{message}: CI must run it", pytrace=False)
    pytest.skip(message)


@contextlib.contextmanager
def xvfb(size: str = "1920x1080") -> Iterator[str]:
    """A fresh Xvfb on a display number it picks itself (-displayfd): never a clash.

    *size* is the screen's width x height in pixels, e.g. a small laptop's "1024x600".
    """
    need_tools(X_TOOLS, "apt install xvfb xdotool imagemagick")
    read_fd, write_fd = os.pipe()
    # -noreset: by default the server resets each time its last client leaves (a killed window,
    # every short xdotool call), and a window connecting during the reset fails to start.
    server = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write_fd),
            "-screen",
            "0",
            f"{size}x24",
            "-nolisten",
            "tcp",
            "-noreset",
        ],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as reader:
            number = reader.readline().strip()
        if not number:
            pytest.fail("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def wait_until(condition: Callable[[], object], what: str, limit_s: float = WAIT_S) -> None:
    """Poll *condition* until it is true; fail naming *what* after *limit_s* seconds."""
    deadline = time.monotonic() + limit_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {limit_s:g} s")
        time.sleep(0.02)


class Desktop:
    """xdotool and import on one display."""

    def __init__(self, display: str) -> None:
        self.env = {**os.environ, "DISPLAY": display}

    def run(self, *args: str) -> str:
        done = subprocess.run(
            args, env=self.env, capture_output=True, text=True, timeout=WAIT_S, check=False
        )
        if done.returncode != 0:
            raise AssertionError(f"{' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout.strip()

    def window(self, name: str, pid: int | None = None) -> str:
        """The id of the first visible window titled *name* (a regex), of process *pid* if given.

        Qt sets _NET_WM_PID, so two RetroCoach windows on one display are told apart by pid.
        """
        command = ["xdotool", "search", "--onlyvisible", "--name", name]
        if pid is not None:
            command[2:2] = ["--all", "--pid", str(pid)]  # both: xdotool's default is either
        found: list[str] = []

        def look() -> bool:
            found[:] = subprocess.run(
                command, env=self.env, capture_output=True, text=True, check=False
            ).stdout.split()
            return bool(found)

        wait_until(look, f"a window titled {name!r}")
        return found[0]

    def press(self, window: str, *keys: str) -> None:
        """Real key presses (XTEST) into *window*, focused first: there is no window manager."""
        self.run("xdotool", "windowfocus", "--sync", window)
        self.run("xdotool", "key", "--clearmodifiers", *keys)

    def tick_checklist(self, window: str) -> None:
        """Tick every item of the safety checklist *window* as a walker does: Space, Down.

        The focus starts on the first item; Enter confirms only once every item is ticked.
        """
        from retrocoach.core.safety.reminders import ReminderBook  # noqa: PLC0415

        count = len(ReminderBook.default().checklist())
        self.press(window, *(["space", "Down"] * count))

    def dismiss(self, name: str, pid: int) -> None:
        """Press Escape in *pid*'s window titled *name* until it has gone.

        A dialog can be mapped a moment before it takes keys; a lost Escape is pressed again.
        """

        def showing() -> list[str]:
            return subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--all", "--pid", str(pid), "--name", name],
                env=self.env,
                capture_output=True,
                text=True,
                check=False,
            ).stdout.split()

        def gone() -> bool:
            found = showing()
            if not found:
                return True
            # The window may close between the search and the key (an earlier Escape that
            # took a moment): xdotool then fails on it, and the next look shows it gone.
            with contextlib.suppress(AssertionError):
                self.press(found[0], "Escape")
            deadline = time.monotonic() + 1.0
            while time.monotonic() < deadline:  # a second for the press to close it
                if not showing():
                    return True
                time.sleep(0.05)
            return False

        self.window(name, pid=pid)
        wait_until(gone, f"the window titled {name!r} closed by Escape")

    def screenshot(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.run("import", "-window", "root", str(path))
        return path


def read_screen(shot: Path) -> str:
    """What tesseract reads on *shot*, sparse text mode, as one line of words."""
    done = subprocess.run(
        ["tesseract", str(shot), "-", "--psm", "11"],
        capture_output=True,
        text=True,
        timeout=WAIT_S,
        check=True,
    )
    return " ".join(done.stdout.split())


def read_until(desktop: Desktop, shot: Path, words: str, limit_s: float = WAIT_S) -> str:
    """Screenshots of *desktop* taken again until tesseract reads *words*; that reading.

    A window that is mapped is not yet painted, and a key's effect shows a frame later: this
    waits for what the screen says instead of for a fixed time.
    """
    seen = [""]

    def shows() -> bool:
        seen[0] = read_screen(desktop.screenshot(shot))
        return words.lower() in seen[0].lower()

    try:
        wait_until(shows, f"{words!r} on the screen", limit_s)
    except AssertionError as error:
        raise AssertionError(f"{error}; last read: {seen[0]!r}") from None
    return seen[0]


@contextlib.contextmanager
def first_start(desktop: Desktop, data: Path) -> Iterator[subprocess.Popen[bytes]]:
    """The window started on an empty data folder, as on a first start; ended afterwards."""
    app = subprocess.Popen(
        [sys.executable, "-m", "retrocoach", "--audio", "none"],
        env=window_env(desktop, data),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield app
    finally:
        app.terminate()
        app.wait(timeout=WAIT_S)


def read_json(path: Path) -> Any:
    """The JSON document in *path*, or None while it is missing or half written."""
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None


def sessions(history: Path) -> list[dict[str, Any]]:
    """The sessions in history.json ([] while there is none)."""
    document = read_json(history)
    return list(document["sessions"]) if isinstance(document, dict) else []


def journal_session(data: Path) -> dict[str, Any] | None:
    """The session the latest journal in *data* describes (as history.json keeps it), or None."""
    found = sorted(data.glob("session-*.journal.jsonl"), key=_modified)
    for path in reversed(found):
        try:
            return parse_journal(path.read_bytes()).record.to_json()
        except (OSError, CorruptFileError):
            continue  # removed meanwhile, or its header not written yet
    return None


def _modified(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def prepare_data(data: Path, *, pips: int = 0) -> None:
    """A data folder whose walker has confirmed the safety checklist: Space starts at once."""
    paths = DataPaths.resolve(data)
    paths.ensure()
    SettingsStore(paths, warn=print).save(Settings(checklist_confirmed=True, pips=pips))


class App:
    """A RetroCoach process (the window or a terminal command) with its stderr kept line by line.

    stderr is read on a thread, so a chatty process never blocks on a full pipe and the test
    can wait for a line while the process runs.
    """

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "retrocoach", *args],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def stderr(self) -> str:
        """Everything written to stderr so far."""
        return "".join(self._lines)

    def _read(self) -> None:
        stream = self.process.stderr
        assert stream is not None
        with stream:
            for line in stream:
                self._lines.append(line)

    def wait_for_stderr(self, text: str) -> None:
        """Wait until *text* has been written to stderr."""
        wait_until(lambda: text in self.stderr, f"{text!r} on stderr\n{self.stderr}")

    def wait(self, limit_s: float = WAIT_S) -> int:
        """Wait for the process to end; its exit status."""
        status = self.process.wait(timeout=limit_s)
        self._reader.join(timeout=limit_s)
        return status

    def kill(self) -> None:
        """End the process, if it still runs (cleanup after a failure)."""
        if self.process.poll() is None:
            self.process.kill()
        self.wait()


def window_env(desktop: Desktop, data: Path, **extra: str) -> dict[str, str]:
    """The environment of a window on *desktop* with its data in *data*."""
    return {
        **desktop.env,
        "RETROCOACH_DATA_DIR": str(data),
        "QT_QPA_PLATFORM": "xcb",
        "QT_SCALE_FACTOR": "1",
        **extra,
    }


def open_window(
    desktop: Desktop,
    data: Path,
    plan: str,
    audio: str = "none",
    *extra: str,
    **env: str,
) -> App:
    """Start the window with *plan* (a data folder made by prepare_data) and wait until shown.

    *extra*: more words for the command line (``--hr demo``, say)."""
    app = App(["--audio", audio, "--plan", plan, *extra], window_env(desktop, data, **env))
    try:
        desktop.window("^RetroCoach$", pid=app.pid)
    except AssertionError:
        app.kill()
        raise AssertionError(f"the window did not show\n{app.stderr}") from None
    return app


def start_walk(desktop: Desktop, app: App, data: Path) -> dict[str, Any]:
    """Press Space in *app*'s window; returns the journal of the session it started."""
    before = journal_session(data)
    old = before["id"] if before else None
    desktop.press(desktop.window("^RetroCoach$", pid=app.pid), "space")
    found: list[dict[str, Any]] = []

    def journalled() -> bool:
        session = journal_session(data)
        if session is not None and session["id"] != old:
            found.append(session)
        return bool(found)

    wait_until(journalled, f"a journal of the new session\n{app.stderr}")
    return found[0]
