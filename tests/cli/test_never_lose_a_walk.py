"""Hostile surroundings for real `retrocoach` processes: failing output, odd text, odd folders.

Each test runs the real command as a user would and checks the class of fault: one line and
a clear exit status, never a traceback, never a lost walk.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from retrocoach.core.history.store import SCHEMA_VERSION, HistoryStore, Outcome, SessionRecord
from retrocoach.core.plan.model import Kind, Plan
from retrocoach.core.session.machine import SegmentRecord
from retrocoach.core.settings.store import Settings, SettingsStore
from retrocoach.core.storage.atomic import dump_document

pytestmark = pytest.mark.slow

SHORT = "getready=0s warmup=0s forward=1s backward=1s rounds=1 cooldown=0s"
LONG = "getready=0s warmup=0s forward=10m backward=1m rounds=1 cooldown=0s"


def _env(data: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "RETROCOACH_DATA_DIR": str(data), **extra}


def _shell(
    command: str, env: dict[str, str], timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """*command* through sh, where ``$RC`` runs retrocoach (for redirections like ``>&-``)."""
    return subprocess.run(
        ["sh", "-c", command],
        capture_output=True,
        text=True,
        errors="replace",  # a Latin-1 listing is read here as UTF-8
        timeout=timeout,
        env={**env, "RC": f"{sys.executable} -m retrocoach"},
        stdin=subprocess.DEVNULL,
        check=False,
    )


def _record(number: int, **changes: object) -> SessionRecord:
    start = datetime(2026, 11, 16, 7, 0, tzinfo=timezone(timedelta(hours=1)))
    fields: dict[str, object] = {
        "id": f"s{number:04d}",
        "started_at": start + timedelta(days=number),
        "ended_at": start + timedelta(days=number, minutes=5),
        "outcome": Outcome.COMPLETED,
        "plan": Plan(name="Gentle", forward_s=60, backward_s=60, rounds=2),
        "segments": (SegmentRecord(Kind.FORWARD, 60, 60.0, 1),),
        "forward_s": 60.0,
        "backward_s": 0.0,
    }
    fields.update(changes)
    return SessionRecord(**fields)  # type: ignore[arg-type]


def _history(data: Path, records: Sequence[SessionRecord]) -> None:
    data.mkdir(parents=True, exist_ok=True)
    document = dump_document(
        {"schema_version": SCHEMA_VERSION}, "sessions", (r.to_json() for r in records)
    )
    (data / "history.json").write_bytes(document)


def _one_line_no_traceback(stderr: str) -> None:
    assert "Traceback" not in stderr, stderr
    assert len(stderr.strip().splitlines()) == 1, stderr


def _confirmed(data: Path) -> None:
    SettingsStore(data, warn=print).save(Settings(checklist_confirmed=True, pips=0))


# -- item 9: output that fails -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
@pytest.mark.parametrize("redirect", [">/dev/full", ">&-"], ids=["dev-full", "closed"])
def test_a_listing_whose_output_fails_exits_1_in_one_line(
    tmp_path: Path, fmt: str, redirect: str
) -> None:
    _history(tmp_path, [_record(n) for n in range(50)])
    result = _shell(f"$RC history --format {fmt} {redirect}", _env(tmp_path))
    assert result.returncode == 1, result.stderr
    _one_line_no_traceback(result.stderr)
    assert "output could not be written" in result.stderr


def test_a_listing_whose_reader_goes_away_ends_quietly(tmp_path: Path) -> None:
    _history(tmp_path, [_record(n) for n in range(3000)])
    result = _shell('$RC history --format csv | head -c 10 >/dev/null; echo "$?"', _env(tmp_path))
    assert "Traceback" not in result.stderr
    assert "Exception ignored" not in result.stderr


@pytest.mark.parametrize(
    "redirect", [">/dev/full", ">&-", "| head -c 1 >/dev/null"], ids=["full", "closed", "pipe"]
)
def test_a_walk_whose_output_fails_walks_on_and_is_saved(tmp_path: Path, redirect: str) -> None:
    _confirmed(tmp_path)
    result = _shell(f"$RC run --audio none --plan '{SHORT}' {redirect}", _env(tmp_path))
    assert "Traceback" not in result.stderr
    saved = HistoryStore(tmp_path, warn=print).sessions()
    assert [s.outcome for s in saved] == [Outcome.COMPLETED]
    assert saved[0].walking_s == 2.0
    assert list(tmp_path.glob("session-*.journal.jsonl")) == []


# -- item 10: text the locale cannot encode ---------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
@pytest.mark.parametrize("encoding", ["latin-1", "ascii", "utf-8"])
def test_text_the_locale_cannot_encode_never_crashes_a_listing(
    tmp_path: Path, fmt: str, encoding: str
) -> None:
    records = [
        _record(1, notes="left \u2192 right, \u00e9t\u00e9"),
        _record(2, notes="a lone \ud800 surrogate", plan=Plan(name="Pas \u2192 arri\u00e8re")),
    ]
    _history(tmp_path, records)
    result = _shell(
        f"$RC history --format {fmt}", _env(tmp_path, PYTHONIOENCODING=encoding, LC_ALL="C")
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "s0002" in result.stdout or fmt == "table"


# -- items 12 and 4: run tells when its walk was not saved, and SIGHUP stops like SIGTERM -------


def test_run_exits_1_naming_the_journal_when_the_save_fails_and_the_walk_comes_back(
    tmp_path: Path,
) -> None:
    _confirmed(tmp_path)
    (tmp_path / "history.json.lock").mkdir()  # no save can go through
    result = _shell(f"$RC run --audio none --plan '{SHORT}'", _env(tmp_path))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    [journal] = tmp_path.glob("session-*.journal.jsonl")
    assert str(journal) in result.stderr
    (tmp_path / "history.json.lock").rmdir()
    listing = _shell("$RC history --format json", _env(tmp_path))
    [session] = json.loads(listing.stdout)["sessions"]
    assert session["outcome"] == "completed"  # the real outcome, not 'interrupted'
    assert session["forward_s"] + session["backward_s"] == 2.0
    assert list(tmp_path.glob("session-*.journal.jsonl")) == []


@pytest.mark.parametrize("lock", ["symlink", "fifo", "folder"])
def test_a_broken_history_lock_keeps_the_walk_and_tells(tmp_path: Path, lock: str) -> None:
    _confirmed(tmp_path)
    precious = tmp_path / "precious"
    precious.write_text("mine")
    path = tmp_path / "history.json.lock"
    if lock == "symlink":
        path.symlink_to(precious)
    elif lock == "fifo":
        os.mkfifo(path)
    else:
        path.mkdir()
    result = _shell(f"$RC run --audio none --plan '{SHORT}'", _env(tmp_path), timeout=60)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert precious.read_text() == "mine"
    assert len(list(tmp_path.glob("session-*.journal.jsonl"))) == 1


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM, signal.SIGINT])
def test_run_keeps_the_walk_as_stopped_on_a_hangup_or_a_terminate(
    tmp_path: Path, signum: int
) -> None:
    _confirmed(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "retrocoach", "run", "--audio", "none", "--plan", LONG],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=_env(tmp_path),
    )
    assert process.stdout is not None
    while "FORWARD" not in process.stdout.readline():
        pass
    time.sleep(1.5)
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signum, err
    [saved] = HistoryStore(tmp_path, warn=print).sessions()
    assert saved.outcome is Outcome.STOPPED
    assert saved.walking_s >= 1.0


# -- item 8: a data folder that cannot be made -----------------------------------------------


@pytest.mark.parametrize("where", ["file-in-place", "under-a-file", "xdg-under-a-file"])
def test_a_data_folder_that_cannot_be_made_is_one_line_and_exit_1(
    tmp_path: Path, where: str
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    env = {k: v for k, v in os.environ.items() if k != "RETROCOACH_DATA_DIR"}
    if where == "file-in-place":
        env["RETROCOACH_DATA_DIR"] = str(blocker)
    elif where == "under-a-file":
        env["RETROCOACH_DATA_DIR"] = str(blocker / "data")
    else:
        env["XDG_DATA_HOME"] = str(blocker / "share")
        env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    for command in ("history", "plans", "run --audio none --plan next"):
        result = _shell(f"$RC {command}", env)
        assert result.returncode == 1, (command, result.stderr)
        _one_line_no_traceback(result.stderr)
        assert "blocker" in result.stderr


def test_a_read_only_file_system_for_the_data_folder_is_one_line(tmp_path: Path) -> None:
    mount = tmp_path / "ro"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(mount)], check=False
    )
    if made.returncode != 0:
        pytest.fail("could not mount a tmpfs (the test needs root)")
    try:
        result = _shell("$RC history", _env(mount / "data"))
    finally:
        subprocess.run(["umount", str(mount)], check=True)
    assert result.returncode == 1, result.stderr
    _one_line_no_traceback(result.stderr)
    assert str(mount / "data") in result.stderr


# -- item 7: dates at the ends of the calendar ------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
@pytest.mark.parametrize("tz", ["Pacific/Kiritimati", "Etc/GMT+12", "UTC"])
def test_dates_that_cannot_be_shown_in_local_time_never_crash_a_listing(
    tmp_path: Path, fmt: str, tz: str
) -> None:
    early = datetime(1, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=5)))
    late = datetime(9999, 12, 31, 23, 0, tzinfo=timezone(timedelta(hours=-5)))
    records = [
        _record(1, started_at=early, ended_at=early + timedelta(minutes=5)),
        _record(2, started_at=late, ended_at=late + timedelta(minutes=5)),
        _record(3),
    ]
    _history(tmp_path, records)
    for extra in ("", "--since 0001-01-01", "--until 9999-12-31"):
        result = _shell(f"$RC history --format {fmt} {extra}", _env(tmp_path, TZ=tz))
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        assert "s0003" in result.stdout or fmt == "table"


# -- item 11: CSV a spreadsheet opens safely ---------------------------------------------------


def test_csv_neutralises_formulas_and_round_trips_with_crlf(tmp_path: Path) -> None:
    starts = ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx", "plain", "a\rb", 'q"uote,']
    records = [
        _record(n, notes=text, plan=Plan(name=text.strip() or "p")) for n, text in enumerate(starts)
    ]
    records.append(_record(99, id="-leading-dash"))
    _history(tmp_path, records)
    result = subprocess.run(
        [sys.executable, "-m", "retrocoach", "history", "--format", "csv"],
        capture_output=True,
        env=_env(tmp_path),
        check=True,
        timeout=60,
    )
    text = result.stdout.decode("utf-8")
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")  # every LF belongs to a CRLF line end
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == 1 + len(records)  # one row per session, a bare CR never splits one
    for row in rows[1:]:
        for cell in row:
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), row
    notes = {row[0]: row[10] for row in rows[1:]}
    assert notes["s0000"] == "'=1+1"
    assert notes["s0007"] == "a\rb"
    assert "'-leading-dash" in notes


# -- item 6: a FIFO never blocks a command -----------------------------------------------------


@pytest.mark.parametrize("name", ["history.json", "settings.json", "plans.json"])
def test_a_fifo_in_place_of_a_data_file_never_blocks_a_command(tmp_path: Path, name: str) -> None:
    tmp_path.mkdir(exist_ok=True)
    os.mkfifo(tmp_path / name)
    begun = time.monotonic()
    # timeout(1) kills a command that blocks, so none is left behind waiting on the FIFO.
    command = "timeout -s KILL 20 $RC history; a=$?; timeout -s KILL 20 $RC plans; echo $a $?"
    result = _shell(command, _env(tmp_path), timeout=60)
    assert time.monotonic() - begun < 40
    assert "137" not in result.stdout.split("\n")[-2], result.stdout  # neither was killed
    assert "Traceback" not in result.stderr
    if name != "settings.json":
        assert "not a regular file" in result.stderr


def _odd_file(path: Path, kind: str) -> None:
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:  # from a newer RetroCoach
        path.write_text('{"schema_version": 99}')


@pytest.mark.parametrize("kind", ["fifo", "folder", "newer"])
@pytest.mark.parametrize(
    ("name", "command"),
    [
        ("settings.json", "settings units=mph"),
        ("programme.json", "programme start beginners"),
        ("programme.json", "programme stop"),
        ("programme.json.lock", "programme start beginners"),
    ],
)
def test_a_change_that_cannot_be_saved_says_so_in_one_line_and_exits_1(
    tmp_path: Path, name: str, command: str, kind: str
) -> None:
    if kind == "newer" and name.endswith(".lock"):
        kind = "fifo"
    _odd_file(tmp_path / name, kind)
    result = _shell(f"timeout -s KILL 20 $RC {command}", _env(tmp_path), timeout=60)
    assert result.returncode == 1, result.stderr
    _one_line_no_traceback(result.stderr)
    assert name.removesuffix(".lock") in result.stderr


@pytest.mark.parametrize("change", ["deleted", "replaced", "symlink", "folder"])
def test_lock_files_changed_under_a_running_walk_never_lose_it(tmp_path: Path, change: str) -> None:
    _confirmed(tmp_path)
    precious = tmp_path / "precious"
    precious.write_text("mine")
    process = subprocess.Popen(
        [sys.executable, "-m", "retrocoach", "run", "--audio", "none", "--plan", LONG],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=_env(tmp_path),
    )
    assert process.stdout is not None
    while "FORWARD" not in process.stdout.readline():
        pass
    time.sleep(1.0)
    for name in ("session.journal.json.lock", "history.json.lock"):
        lock = tmp_path / name
        if lock.exists() or lock.is_symlink():
            lock.unlink()
        if change == "replaced":
            lock.write_text("someone else's")
        elif change == "symlink":
            lock.symlink_to(precious)
        elif change == "folder":
            lock.mkdir()
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert "Traceback" not in err
    assert precious.read_text() == "mine"
    saved = HistoryStore(tmp_path, warn=print).sessions()
    journals = list(tmp_path.glob("session-*.journal.jsonl"))
    if change in ("deleted", "replaced"):
        assert process.returncode == 128 + signal.SIGTERM, err
        assert [s.outcome for s in saved] == [Outcome.STOPPED]
        assert journals == []
    else:
        assert process.returncode == 1, err  # the history lock cannot be used: not saved
        assert saved == ()
        [journal] = journals
        assert str(journal) in err
        for name in ("session.journal.json.lock", "history.json.lock"):
            lock = tmp_path / name
            lock.rmdir() if change == "folder" else lock.unlink()
        [recovered] = HistoryStore(tmp_path, warn=print).recover_journals()
        assert recovered.outcome is Outcome.STOPPED
        assert recovered.walking_s >= 1.0


@pytest.mark.parametrize("command", ["settings", "plans", "history", "programme"])
def test_every_command_recovers_a_walk_killed_mid_way(tmp_path: Path, command: str) -> None:
    _confirmed(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "retrocoach", "run", "--audio", "none", "--plan", LONG],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        text=True,
        env=_env(tmp_path),
    )
    assert process.stdout is not None
    while "FORWARD" not in process.stdout.readline():
        pass
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    assert len(list(tmp_path.glob("session-*.journal.jsonl"))) == 1
    result = _shell(f"$RC {command}", _env(tmp_path))
    assert "as 'interrupted'" in result.stderr, result.stderr
    assert [s.outcome for s in HistoryStore(tmp_path, warn=print).sessions()] == [
        Outcome.INTERRUPTED
    ]
    assert list(tmp_path.glob("session-*.journal.jsonl")) == []
