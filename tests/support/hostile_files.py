"""Real `retrocoach` processes among hostile files: the environment, walks, and what they leave.

Shared by the tests of "never lose a walk" (tests/cli, tests/faults): each runs the real
command as a user would, with real files, links, mounts and signals around it.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import pytest

from retrocoach.core.history.store import SCHEMA_VERSION
from retrocoach.core.settings.store import Settings, SettingsStore
from retrocoach.core.storage.atomic import dump_document

WAIT_S = 30.0
"""The longest one wait lasts: a line to appear, a process to end."""
SHORT = "getready=0s warmup=0s forward=1s backward=1s rounds=1 cooldown=0s"
LONG = "getready=0s warmup=0s forward=10m backward=1m rounds=1 cooldown=0s"
JOURNALS = "session-*.journal.jsonl"


def env_for(data: Path, **extra: str) -> dict[str, str]:
    """This process's environment with RETROCOACH_DATA_DIR set to *data*."""
    return {**os.environ, "RETROCOACH_DATA_DIR": str(data), **extra}


def shell(
    command: str, env: dict[str, str], timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """*command* through sh, where ``$RC`` runs retrocoach."""
    return subprocess.run(
        ["sh", "-c", command],
        capture_output=True,
        text=True,
        errors="replace",
        timeout=timeout,
        env={**env, "RC": f"{sys.executable} -m retrocoach"},
        stdin=subprocess.DEVNULL,
        check=False,
    )


def confirmed(config: Path) -> None:
    """Settings with the checklist confirmed and no pips, so `run` walks at once."""
    SettingsStore(config, warn=print).save(Settings(checklist_confirmed=True, pips=0))


def history_bytes(sessions: Sequence[dict[str, Any]], version: int = SCHEMA_VERSION) -> bytes:
    """A history.json as RetroCoach writes it."""
    return dump_document({"schema_version": version}, "sessions", sessions)


def saved_sessions(history: Path) -> list[dict[str, Any]]:
    """The sessions in *history* (read as plain JSON, no RetroCoach code)."""
    if not history.exists():
        return []
    document = json.loads(history.read_bytes())
    return list(document["sessions"])


def one_line(stderr: str) -> None:
    """*stderr* is one line and no traceback."""
    assert "Traceback" not in stderr, stderr
    assert len(stderr.strip().splitlines()) == 1, stderr


def wait_until(condition: Callable[[], object], what: str, limit_s: float = WAIT_S) -> None:
    """Poll *condition* until it is true; fail naming *what* after *limit_s*."""
    deadline = time.monotonic() + limit_s
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {limit_s:g} s for {what}", pytrace=False)
        time.sleep(0.05)


class Walk:
    """`retrocoach run` as a real process whose output lines are read as they come."""

    def __init__(self, env: dict[str, str], plan: str = LONG, prefix: Sequence[str] = ()) -> None:
        command = [*prefix, sys.executable, "-m", "retrocoach", "run", "--audio", "none"]
        self.process = subprocess.Popen(
            [*command, "--plan", plan],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        self.lines: list[str] = []

    @property
    def stdout(self) -> IO[str]:
        assert self.process.stdout is not None
        return self.process.stdout

    def wait_for(self, text: str) -> None:
        """Read output lines until one holds *text* (the walk's first FORWARD, say)."""
        while True:
            line = self.stdout.readline()
            if not line:
                _, err = self.process.communicate(timeout=WAIT_S)
                pytest.fail(f"the walk ended before {text!r}: {err}", pytrace=False)
            self.lines.append(line)
            if text in line:
                return

    def finish(self, signum: int | None = None) -> tuple[int, str, str]:
        """Send *signum* (if any), then wait: the status, the rest of stdout, and stderr."""
        if signum is not None:
            self.process.send_signal(signum)
        out, err = self.process.communicate(timeout=WAIT_S * 2)
        return self.process.returncode, "".join(self.lines) + out, err

    def kill(self) -> None:
        """End the process if it still runs (at the end of a test that failed)."""
        with contextlib.suppress(ProcessLookupError):
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired, ValueError):
            self.process.communicate(timeout=WAIT_S)


@contextlib.contextmanager
def walking(env: dict[str, str], plan: str = LONG, prefix: Sequence[str] = ()) -> Iterator[Walk]:
    """A Walk that is killed at the end of the block if it still runs."""
    walk = Walk(env, plan, prefix)
    try:
        yield walk
    finally:
        walk.kill()


@contextlib.contextmanager
def tmpfs(where: Path, options: str) -> Iterator[Path]:
    """A tmpfs mounted at *where* with *options* (size=, nr_inodes=); unmounted after."""
    where.mkdir(parents=True, exist_ok=True)
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if made.returncode != 0:
        pytest.fail(f"could not mount a tmpfs (the test needs root): {made.stderr!r}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=True)


def fill(folder: Path) -> None:
    """Fill the file system of *folder*: no block left (a file grown until the disk refuses)."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (1 << 16, 4096, 1):  # big chunks, then whatever small ones still fit
            with contextlib.suppress(OSError):
                while True:
                    os.write(fd, b"\0" * size)
    finally:
        os.close(fd)


def fill_inodes(folder: Path) -> None:
    """Use up every inode of *folder*'s file system with empty files."""
    number = 0
    with contextlib.suppress(OSError):
        while True:
            (folder / f"inode-{number}").touch()
            number += 1


def journal_bytes(session_id: str, walked_s: float = 60.0, *, ended: bool = False) -> bytes:
    """A journal as a walk of *walked_s* forward writes it (header, segment, checkpoint)."""
    from datetime import datetime, timedelta, timezone  # noqa: PLC0415

    from retrocoach.core.history.journal import checkpoint_line, header_line, segment_line  # noqa: PLC0415
    from retrocoach.core.history.records import Outcome, SessionRecord  # noqa: PLC0415
    from retrocoach.core.plan.model import Kind, Plan  # noqa: PLC0415
    from retrocoach.core.session.estimates import EstimateBasis  # noqa: PLC0415
    from retrocoach.core.session.machine import SegmentRecord  # noqa: PLC0415

    start = datetime(2026, 11, 16, 7, tzinfo=timezone(timedelta(hours=1)))
    record = SessionRecord(
        id=session_id,
        started_at=start,
        ended_at=start,
        outcome=Outcome.STOPPED,
        plan=Plan(name="Gentle", forward_s=600, backward_s=60, rounds=1),
        segments=(),
        forward_s=0.0,
        backward_s=0.0,
    )
    segment = SegmentRecord(Kind.FORWARD, 600, walked_s, 1)
    at = start + timedelta(seconds=walked_s)
    outcome = Outcome.STOPPED if ended else None
    return (
        header_line(record, EstimateBasis())
        + segment_line(segment, at)
        + checkpoint_line(1, None, at, outcome)
    )
