"""`history --format csv`: control characters escaped on a terminal, exact elsewhere (22.11)."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hostile_files import env_for, history_bytes

from retrocoach.core.history.records import Outcome, SessionRecord
from retrocoach.core.plan.model import Plan

pytestmark = pytest.mark.slow

ACTING = {
    "escape": "\x1b[2J\x1b]0;owned\x07",
    "bell": "ding\x07",
    "bidi": "left \u202egnp.exe\u202c \u2067iso\u2069",
    "c1": "csi\x9b31m",
    "separator": "one\u2028two",
    "backspace": "abc\x08\x08\x08xyz",
}


def _history(folder: Path) -> None:
    start = datetime(2026, 11, 16, 7, tzinfo=timezone(timedelta(hours=1)))
    records = [
        SessionRecord(
            id=f"s{number}",
            started_at=start,
            ended_at=start + timedelta(minutes=5),
            outcome=Outcome.STOPPED,
            plan=Plan(name=f"plan {text}"),
            segments=(),
            forward_s=0.0,
            backward_s=0.0,
            notes=text,
        )
        for number, text in enumerate(ACTING.values())
    ]
    (folder / "history.json").write_bytes(history_bytes([r.to_json() for r in records]))


def _on_a_terminal(env: dict[str, str]) -> bytes:
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "retrocoach", "history", "--format", "csv"],
        stdout=slave,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        env={**env, "PYTHONIOENCODING": "utf-8"},
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert process.wait(timeout=60) == 0
    return b"".join(chunks)


def _piped(env: dict[str, str]) -> bytes:
    return subprocess.run(
        [sys.executable, "-m", "retrocoach", "history", "--format", "csv"],
        capture_output=True,
        env={**env, "PYTHONIOENCODING": "utf-8"},
        check=True,
        timeout=60,
    ).stdout


def test_csv_on_a_terminal_shows_control_characters_escaped(tmp_path: Path) -> None:
    _history(tmp_path)
    shown = _on_a_terminal(env_for(tmp_path)).decode("utf-8")
    for text in ACTING.values():
        assert text not in shown
    for char in "\x1b\x07\x08\x9b\u202e\u202c\u2067\u2069\u2028":
        assert char not in shown, repr(char)
    for escaped in (r"\x1b[2J", r"\x07", r"\u202e", r"\x9b", r"\u2028", r"\x08"):
        assert escaped in shown, escaped
    assert "gnp.exe" in shown  # the text around the controls is still there


def test_csv_to_a_pipe_or_a_file_keeps_the_exact_text(tmp_path: Path) -> None:
    _history(tmp_path)
    env = env_for(tmp_path)
    piped = _piped(env).decode("utf-8")
    for text in ACTING.values():
        assert text in piped, repr(text)
    out = tmp_path / "out.csv"
    subprocess.run(
        ["sh", "-c", f'"{sys.executable}" -m retrocoach history --format csv > "{out}"'],
        env={**env, "PYTHONIOENCODING": "utf-8"},
        check=True,
        timeout=60,
    )
    assert out.read_bytes() == piped.encode("utf-8")
