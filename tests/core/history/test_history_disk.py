"""The history under pressure: two processes saving at once, a full disk, a read-only folder."""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from retrocoach.core.errors import DiskFullError, ReadOnlyError
from retrocoach.core.history.store import HistoryStore, SessionRecord

RecordFactory = Callable[..., SessionRecord]

# Each writer waits for the go file, then adds its sessions one locked save at a time.
WRITER = textwrap.dedent(
    """
    import sys, time, uuid
    from datetime import datetime, timezone
    from pathlib import Path
    from retrocoach.core.history.store import HistoryStore, SessionRecord
    from retrocoach.core.plan.model import Plan

    folder, go, count = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    store = HistoryStore(folder, warn=print, lock_timeout_s=60)
    while not go.exists():
        time.sleep(0.001)
    moment = datetime(2026, 11, 21, 7, 0, tzinfo=timezone.utc)
    for n in range(count):
        store.add(SessionRecord(uuid.uuid4().hex, moment, moment, "completed", Plan(), (), 0, 0))
    """
)


def test_two_processes_saving_at_once_both_land(tmp_path: Path) -> None:
    folder, go = tmp_path / "data", tmp_path / "go"
    count = 30
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(folder), str(go), str(count)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    try:
        go.touch()
        for writer in writers:
            out, err = writer.communicate(timeout=120)
            assert writer.returncode == 0, err.decode()
            assert out == b""  # nothing to warn about
    finally:
        for writer in writers:
            if writer.poll() is None:
                writer.kill()
                writer.communicate()
    sessions = HistoryStore(folder, warn=pytest.fail).sessions()
    assert len(sessions) == 2 * count
    assert len({s.id for s in sessions}) == 2 * count


def can_mount() -> bool:
    return sys.platform.startswith("linux") and os.geteuid() == 0


@contextlib.contextmanager
def small_tmpfs(folder: Path) -> Iterator[bool]:
    """Mount a 64 KiB tmpfs on *folder* if this process may; yield whether it did."""
    folder.mkdir()
    mounted = (
        can_mount()
        and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", str(folder)],
            capture_output=True,
            check=False,
        ).returncode
        == 0
    )
    try:
        yield mounted
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], check=True)


def fill(folder: Path) -> None:
    """Write a filler file until the file system says it is full."""
    with (folder / "filler").open("wb", buffering=0) as filler:
        with contextlib.suppress(OSError):
            while True:
                filler.write(b"\xff" * 1024)
        with contextlib.suppress(OSError):
            while True:
                filler.write(b"\xff")


def refuse_writes_to_temp_files(monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    real = os.write

    def write(fd: int, data: Any) -> int:
        if os.readlink(f"/proc/self/fd/{fd}").endswith(".tmp"):
            raise OSError(code, os.strerror(code))
        written: int = real(fd, data)
        return written

    monkeypatch.setattr(os, "write", write)


def state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.name != "filler"}


def test_a_full_disk_keeps_the_old_history_intact(
    tmp_path: Path,
    make_record: RecordFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "small"
    with small_tmpfs(folder) as real_tmpfs:
        print("full disk:", "a real 64 KiB tmpfs" if real_tmpfs else "an injected ENOSPC")
        store = HistoryStore(folder, warn=pytest.fail)
        store.add(make_record())
        store.add(make_record())
        before = state(folder)
        if real_tmpfs:
            fill(folder)
        else:
            refuse_writes_to_temp_files(monkeypatch, errno.ENOSPC)
        with pytest.raises(DiskFullError) as caught:
            store.add(make_record(notes="n" * 2000))
        monkeypatch.undo()
        assert "disk is full" in str(caught.value)
        assert "previous history.json is intact" in str(caught.value)
        assert state(folder) == before  # no temp file, no half-written file, .bak untouched
        assert len(store.sessions()) == 2
        with contextlib.suppress(FileNotFoundError):
            (folder / "filler").unlink()
        store.add(make_record())  # with room again, saving works
        assert len(store.sessions()) == 3


def test_a_read_only_folder_keeps_the_old_history_intact(
    tmp_path: Path,
    make_record: RecordFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "small"
    with small_tmpfs(folder) as real_tmpfs:
        store = HistoryStore(folder, warn=pytest.fail)
        store.add(make_record())
        store.add(make_record())
        before = state(folder)
        remounted = real_tmpfs and (
            subprocess.run(
                ["mount", "-o", "remount,ro", str(folder)], capture_output=True, check=False
            ).returncode
            == 0
        )
        print("read-only:", "a real read-only mount" if remounted else "an injected EROFS")
        if not remounted:
            refuse_writes_to_temp_files(monkeypatch, errno.EROFS)
        with pytest.raises(ReadOnlyError) as caught:
            store.add(make_record())
        monkeypatch.undo()
        assert "read-only" in str(caught.value)
        assert state(folder) == before
        assert len(store.sessions()) == 2  # reading still works
