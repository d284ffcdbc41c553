"""The journals of running sessions: one file each, appended as they run, recovered once each."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from fakes import FakeClock

from retrocoach.core.history.recorder import SessionRecorder
from retrocoach.core.history.store import HistoryStore, JournalBusyError, Outcome, SessionRecord
from retrocoach.core.plan.model import Kind, parse_spec
from retrocoach.core.session.machine import Event, Session
from retrocoach.core.storage import atomic
from retrocoach.core.storage import files as core_files

RecordFactory = Callable[..., SessionRecord]
WALL_START = datetime(2026, 11, 21, 7, 0, tzinfo=timezone(timedelta(hours=1)))


def new_store(folder: Path, lines: list[str] | None = None) -> HistoryStore:
    sink = lines if lines is not None else []
    return HistoryStore(folder, warn=sink.append, wall_clock=lambda: datetime(2026, 11, 21, 7, 0))


def walk(session: Session, clock: FakeClock, seconds: float) -> None:
    """Advance in small steps, as a ticking driver would (a long jump would count as a gap)."""
    end = clock.time + seconds
    while clock.time < end:
        session.advance(clock.advance(min(0.5, end - clock.time)))


def test_from_session_records_what_was_walked_with_steady_clock_times() -> None:
    plan = parse_spec("getready=3s warmup=4s forward=5s backward=3s rounds=2 cooldown=4s")
    clock = FakeClock()
    session = Session(plan)
    session.start(clock.now())
    walk(session, clock, 3 + 4 + 5 + 1.25)  # into the first backward segment
    session.pause(clock.now())
    clock.advance(60)  # a pause counts in the wall time, not in the walking
    record = SessionRecord.from_session(
        session, started_at=WALL_START, now=clock.now(), outcome="interrupted"
    )
    assert [(s.kind, s.actual_s) for s in record.segments] == [
        (Kind.WARMUP, 4.0),
        (Kind.FORWARD, 5.0),
        (Kind.BACKWARD, 1.25),
    ]
    assert record.forward_s == 9.0
    assert record.backward_s == 1.25
    assert record.outcome is Outcome.INTERRUPTED
    assert record.ended_at - record.started_at == timedelta(seconds=13.25 + 60)
    assert len(record.id) == 32


def test_from_session_of_a_finished_session_ends_at_its_finish() -> None:
    plan = parse_spec("getready=0s warmup=0s forward=2s backward=1s rounds=1 cooldown=0s")
    clock = FakeClock()
    session = Session(plan)
    session.start(clock.now())
    walk(session, clock, 10)
    record = SessionRecord.from_session(
        session, started_at=WALL_START, now=clock.now(), outcome=Outcome.COMPLETED, record_id="a1"
    )
    assert record.id == "a1"
    assert record.ended_at == WALL_START + timedelta(seconds=3)
    assert (record.forward_s, record.backward_s) == (2.0, 1.0)


PLAN = parse_spec("getready=0s warmup=0s forward=5s backward=5s rounds=3 cooldown=0s")


class Walker:
    """A session walked on a fake clock with a real recorder and real files."""

    def __init__(self, store: HistoryStore, plan_spec: str | None = None) -> None:
        self.clock = FakeClock()
        self.session = Session(PLAN if plan_spec is None else parse_spec(plan_spec))
        self.reports: list[str] = []
        self.recorder = SessionRecorder(
            store, report=self.reports.append, wall_clock=lambda: WALL_START
        )
        self.hear(self.session.start(self.clock.now()))

    def hear(self, events: Sequence[Event]) -> None:
        self.recorder.on_events(self.session, events, self.clock.now())

    def walk(self, seconds: float) -> None:
        end = self.clock.time + seconds
        while self.clock.time < end:
            self.clock.advance(min(0.5, end - self.clock.time))
            self.hear(self.session.advance(self.clock.now()))

    def stop(self) -> None:
        self.hear(self.session.stop(self.clock.now()))

    def pause(self) -> None:
        self.hear(self.session.pause(self.clock.now()))

    def crash(self) -> Path:
        """What a SIGKILL does to the recorder: its journal's descriptor closes, the file stays."""
        path = self.recorder.journal_path
        assert path is not None
        self.recorder._journal.close(remove=False)  # type: ignore[union-attr]
        self.recorder.store.release_claim()
        return path


def journals(folder: Path) -> list[Path]:
    return sorted(folder.glob("session-*.journal.jsonl"))


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_a_crashed_session_is_recovered_once_as_interrupted_with_every_second_walked(
    tmp_path: Path,
) -> None:
    crashed = Walker(new_store(tmp_path))
    crashed.walk(5 + 5 + 3.5)  # into the second forward segment
    crashed.pause()  # a pause is journalled at once
    crashed.crash()
    lines: list[str] = []
    store = new_store(tmp_path, lines)
    [recovered] = store.recover_journals()
    assert recovered.outcome is Outcome.INTERRUPTED
    assert [(s.kind, s.actual_s) for s in recovered.segments] == [
        (Kind.FORWARD, 5.0),
        (Kind.BACKWARD, 5.0),
        (Kind.FORWARD, 3.5),
    ]
    assert (recovered.forward_s, recovered.backward_s) == (8.5, 5.0)
    assert store.sessions() == (recovered,)
    assert journals(tmp_path) == []
    assert new_store(tmp_path).recover_journals() == []  # each once
    assert len(new_store(tmp_path).sessions()) == 1


def test_a_crash_loses_at_most_ten_seconds_of_walking(tmp_path: Path) -> None:
    for walked in (9.5, 14.0, 23.5, 29.0):
        folder = tmp_path / str(walked)
        crashed = Walker(new_store(folder))
        crashed.walk(walked)
        crashed.crash()
        [recovered] = new_store(folder).recover_journals()
        assert walked - 10 <= recovered.walking_s <= walked


def test_the_journal_of_a_live_session_is_never_recovered_or_touched(tmp_path: Path) -> None:
    live = Walker(new_store(tmp_path))
    live.walk(7)
    before = files(tmp_path)
    assert new_store(tmp_path).recover_journals() == []
    assert files(tmp_path) == before
    live.stop()
    assert live.recorder.saved is not None
    assert journals(tmp_path) == []


def test_journal_writes_only_append_what_changed(tmp_path: Path) -> None:
    walker = Walker(
        new_store(tmp_path), "getready=0s warmup=0s forward=1s backward=1s rounds=100 cooldown=0s"
    )
    walker.walk(20)
    [path] = journals(tmp_path)
    early = path.read_bytes()
    walker.walk(150)
    late = path.read_bytes()
    assert late.startswith(early)  # never rewritten, only appended to
    lines = late.splitlines()
    # The header, per segment a line as it ends and a checkpoint as it starts, and a
    # checkpoint every 10 s within a segment: never the segments walked before.
    assert len(lines) <= 1 + 2 * 171 + 170 // 10
    assert max(map(len, lines[1:])) < 200
    walker.walk(40)
    assert walker.recorder.saved is not None


def test_a_leftover_journal_that_cannot_be_saved_now_is_never_journalled_over(
    tmp_path: Path,
) -> None:
    first = Walker(new_store(tmp_path))
    first.walk(12)
    first.pause()
    kept = first.crash()
    kept_bytes = kept.read_bytes()
    for _ in range(2):
        new_store(tmp_path).add(
            SessionRecord.from_session(
                Session(PLAN), started_at=WALL_START, now=0.0, outcome=Outcome.STOPPED
            )
        )
    # A folder in the way of history.json's lock: no save can go through until it is gone.
    (tmp_path / "history.json.lock").unlink()
    (tmp_path / "history.json.lock").mkdir()
    (tmp_path / "history.json.lock" / "x").write_text("x")
    lines: list[str] = []
    second_store = new_store(tmp_path, lines)
    assert second_store.recover_journals() == []
    assert any("could not be recovered yet" in line for line in lines)
    second = Walker(second_store)
    second.walk(29)
    second.stop()
    assert second.recorder.saved is None
    assert any("kept in" in report for report in second.reports)
    assert kept.read_bytes() == kept_bytes  # the first walk's only copy, untouched
    assert len(journals(tmp_path)) == 2
    (tmp_path / "history.json.lock" / "x").unlink()
    (tmp_path / "history.json.lock").rmdir()
    recovered = new_store(tmp_path).recover_journals()
    assert sorted(r.walking_s for r in recovered) == [12.0, 29.0]
    assert journals(tmp_path) == []
    assert len(new_store(tmp_path).sessions()) == 2 + 2
    assert new_store(tmp_path).recover_journals() == []


@pytest.mark.parametrize(
    "content",
    [
        b"not json at all\n",
        b'{"type": "header", "schema_version": 99, "session": {}}\n',
        b'{"type": "header", "schema_version": 1, "session": {"id": 5}}\n{"type": "segment"}\n',
        b"[1, 2]\n",
        b'{"type": "header", "schema_version": 1, "session": {}}\n{"type": "sideways"}\n',
        b"\xff\xfe\x00\x00\n",
    ],
    ids=["garbage", "newer", "wrong-shape", "not-an-object", "unknown-line", "binary"],
)
def test_a_journal_that_cannot_be_understood_is_copied_aside_and_never_deleted(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "session-0123abcd.journal.jsonl"
    path.write_bytes(content)
    lines: list[str] = []
    store = new_store(tmp_path, lines)
    assert store.recover_journals() == []
    assert path.read_bytes() == content
    [copy] = tmp_path.glob("session-0123abcd.journal.corrupt-*.jsonl")
    assert copy.read_bytes() == content
    assert any(str(copy) in line for line in lines)
    walker = Walker(store)
    walker.walk(3)
    walker.stop()
    later: list[str] = []
    assert new_store(tmp_path, later).recover_journals() == []
    assert path.read_bytes() == content  # still there, byte for byte, after a session and a start
    assert len(list(tmp_path.glob("*.corrupt-*"))) == 1
    assert not [line for line in later if path.name in line]  # told once, not at every start
    copy.unlink()  # the copy gone, the journal is copied and told again
    again: list[str] = []
    assert new_store(tmp_path, again).recover_journals() == []
    [copy] = tmp_path.glob("session-0123abcd.journal.corrupt-*.jsonl")
    assert copy.read_bytes() == content
    assert any(str(copy) in line for line in again)


def test_a_damaged_old_style_journal_is_kept_and_a_good_one_recovered(tmp_path: Path) -> None:
    legacy = tmp_path / "session.journal.json"
    legacy.write_bytes(b'{"schema_version": 1, "session": {"id": ')
    assert new_store(tmp_path).recover_journals() == []
    assert legacy.read_bytes() == b'{"schema_version": 1, "session": {"id": '
    assert list(tmp_path.glob("session.journal.corrupt-*.json"))
    record = Walker(new_store(tmp_path / "other"))
    record.walk(9)
    record.stop()
    saved = record.recorder.saved
    assert saved is not None
    document = {"schema_version": 1, "session": saved.to_json()}
    legacy.write_text(json.dumps(document))
    [recovered] = new_store(tmp_path).recover_journals()
    assert recovered.outcome is Outcome.INTERRUPTED
    assert recovered.walking_s == 9.0
    assert not legacy.exists()


def test_a_failed_final_save_keeps_the_real_outcome_and_every_second(tmp_path: Path) -> None:
    walker = Walker(
        new_store(tmp_path), "getready=0s warmup=0s forward=4s backward=3s rounds=1 cooldown=0s"
    )
    (tmp_path / "history.json.lock").mkdir()  # the lock cannot be made: no save goes through
    walker.walk(12)
    assert walker.session.is_over
    assert walker.recorder.saved is None
    [path] = journals(tmp_path)
    assert walker.recorder.journal_path == path
    (tmp_path / "history.json.lock").rmdir()
    [recovered] = new_store(tmp_path).recover_journals()
    assert recovered.outcome is Outcome.COMPLETED
    assert [(s.kind, s.actual_s) for s in recovered.segments] == [
        (Kind.FORWARD, 4.0),
        (Kind.BACKWARD, 3.0),
    ]

    stopped = Walker(new_store(tmp_path))
    stopped.walk(7.5)
    os.chmod(tmp_path / "history.json.lock", 0)
    (tmp_path / "history.json.lock").unlink()
    (tmp_path / "history.json.lock").symlink_to(tmp_path / "history.json")
    stopped.stop()
    assert stopped.recorder.saved is None
    (tmp_path / "history.json.lock").unlink()
    [recovered] = new_store(tmp_path).recover_journals()
    assert recovered.outcome is Outcome.STOPPED
    assert recovered.walking_s == 7.5


def test_a_journal_deleted_or_replaced_under_a_running_session_is_written_again(
    tmp_path: Path,
) -> None:
    walker = Walker(new_store(tmp_path))
    walker.walk(6)
    [path] = journals(tmp_path)
    path.unlink()
    walker.walk(6)
    [again] = journals(tmp_path)
    assert b'"backward"' in again.read_bytes()
    again.unlink()
    again.mkdir()  # a folder where the journal was
    walker.walk(6)
    walker.pause()
    crashed = walker.crash()
    assert crashed != again
    [recovered] = new_store(tmp_path).recover_journals()
    assert recovered.walking_s == 18.0


def test_the_window_claim_keeps_a_second_window_out_and_recovers_others(tmp_path: Path) -> None:
    crashed = Walker(new_store(tmp_path))
    crashed.walk(4)
    crashed.pause()
    crashed.crash()
    first = new_store(tmp_path)
    recovered = first.claim_journal()
    assert recovered is not None
    assert recovered.walking_s == 4.0
    with pytest.raises(JournalBusyError):
        new_store(tmp_path).claim_journal()
    first.release_claim()
    second = new_store(tmp_path)
    assert second.claim_journal() is None
    second.release_claim()


def test_a_save_that_does_not_read_back_keeps_the_journal_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    walker = Walker(
        new_store(tmp_path), "getready=0s warmup=0s forward=2s backward=2s rounds=1 cooldown=0s"
    )
    real = core_files.read_bytes

    def lying(path: Path) -> bytes | None:
        data = real(path)
        return data[:-10] if path.name == "history.json" and data else data

    monkeypatch.setattr(atomic, "read_bytes", lying)
    walker.walk(60)
    assert walker.session.is_over
    assert walker.recorder.saved is None
    assert any("does not read back" in report for report in walker.reports)
    [journal] = journals(tmp_path)
    assert str(journal) in walker.reports[-1]
    monkeypatch.undo()
    # The bytes did land after all: recovery finds the session there, once, and tidies up.
    assert new_store(tmp_path).recover_journals() == []
    [saved] = new_store(tmp_path).sessions()
    assert saved.outcome is Outcome.COMPLETED
    assert journals(tmp_path) == []


def test_a_leftover_journal_on_a_full_disk_is_kept_until_there_is_room(tmp_path: Path) -> None:
    """A real tmpfs filled to the last byte: recovery fails, nothing is lost, later it lands."""
    folder = tmp_path / "small"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.fail(f"a tmpfs could not be mounted (run as root): {mounted.stderr!r}")
    try:
        crashed = Walker(new_store(folder))
        crashed.walk(14)
        crashed.pause()
        kept = crashed.crash()
        kept_bytes = kept.read_bytes()
        with (folder / "filler").open("wb", buffering=0) as filler:
            with contextlib.suppress(OSError):
                while True:
                    filler.write(b"\xff" * 512)
            with contextlib.suppress(OSError):
                while True:
                    filler.write(b"\xff")
        lines: list[str] = []
        assert new_store(folder, lines).recover_journals() == []
        assert any("disk is full" in line for line in lines), lines
        assert kept.read_bytes() == kept_bytes
        (folder / "filler").unlink()
        [recovered] = new_store(folder).recover_journals()
        assert recovered.walking_s == 14.0
        assert journals(folder) == []
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def test_a_leftover_journal_is_kept_while_another_process_holds_the_history_lock(
    tmp_path: Path,
) -> None:
    crashed = Walker(new_store(tmp_path))
    crashed.walk(8)
    crashed.pause()
    kept = crashed.crash()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, sys, time; f = open(sys.argv[1], 'a'); "
            "fcntl.flock(f, fcntl.LOCK_EX); print('held', flush=True); time.sleep(60)",
            str(tmp_path / "history.json.lock"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        lines: list[str] = []
        busy = HistoryStore(
            tmp_path, warn=lines.append, wall_clock=lambda: WALL_START, lock_timeout_s=0.3
        )
        assert busy.recover_journals() == []
        assert any("locked" in line for line in lines), lines
        second = Walker(busy)
        second.walk(5)
        second.pause()
        assert len(journals(tmp_path)) == 2  # the new walk journals beside the kept one
        assert kept.exists()
        second.crash()
    finally:
        holder.kill()
        holder.communicate()
    recovered = new_store(tmp_path).recover_journals()
    assert sorted(r.walking_s for r in recovered) == [5.0, 8.0]
