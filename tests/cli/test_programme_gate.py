"""The clinician gate and the build-up note of ``retrocoach programme start``, as the window has
them: asked on a terminal (a real pty), refused in one line elsewhere, shown before session 1."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from retrocoach.app.main import main
from retrocoach.core.programme.gate import AGREED_FLAG, AGREED_TEXT
from retrocoach.core.programme.model import ProgrammeBook


def _state(data: Path) -> object:
    path = data / "programme.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _active(data: Path) -> str | None:
    state = _state(data)
    if not isinstance(state, dict) or not state.get("enrolments"):
        return None
    return str(state["enrolments"][-1]["programme"])


def test_without_a_terminal_the_knee_programme_exits_2_naming_the_flag(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = Path(os.environ["RETROCOACH_DATA_DIR"])
    code = main(["programme", "start", "knee-oa"])
    captured = capsys.readouterr()
    assert code == 2
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert AGREED_FLAG in lines[0]
    assert "clinician" in lines[0]
    assert _active(data) is None


def test_the_flag_starts_it_and_says_the_build_up_before_the_first_session(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = Path(os.environ["RETROCOACH_DATA_DIR"])
    assert main(["programme", "start", "knee-oa", AGREED_FLAG]) == 0
    out = " ".join(capsys.readouterr().out.split())
    knee = ProgrammeBook.default().get("knee-oa")
    assert knee is not None
    assert f"Before your first session: {' '.join(knee.build_up.split())}" in out
    assert _active(data) == "knee-oa"


def test_a_programme_without_a_caution_needs_no_agreement_and_says_its_build_up(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["programme", "start", "beginners"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    beginners = ProgrammeBook.default().get("beginners")
    assert beginners is not None
    assert " ".join(beginners.build_up.split()) in out
    assert "RetroCoach's own" in beginners.build_up


class _Terminal:
    """``retrocoach programme start knee-oa`` on a real pseudo-terminal."""

    def __init__(self, data: Path) -> None:
        import pty  # noqa: PLC0415  (POSIX only, like the feature)

        self.controller, terminal = pty.openpty()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "retrocoach", "programme", "start", "knee-oa"],
            stdin=terminal,
            stdout=terminal,
            stderr=terminal,
            env={**os.environ, "RETROCOACH_DATA_DIR": str(data)},
            close_fds=True,
        )
        os.close(terminal)
        self.seen = b""

    def read_until(self, marker: bytes, limit_s: float = 30.0) -> None:
        deadline = time.monotonic() + limit_s
        while marker not in self.seen:
            left = deadline - time.monotonic()
            assert left > 0, f"no {marker!r} in {self.seen[-400:]!r}"
            ready, _, _ = select.select([self.controller], [], [], left)
            if ready:
                try:
                    self.seen += os.read(self.controller, 4096)
                except OSError:
                    break

    def finish(self) -> int:
        code = self.process.wait(timeout=30)
        while select.select([self.controller], [], [], 0.5)[0]:  # what it wrote last
            try:
                more = os.read(self.controller, 4096)
            except OSError:
                break
            if not more:
                break
            self.seen += more
        os.close(self.controller)
        return code


@pytest.mark.slow
@pytest.mark.parametrize(("answer", "code", "started"), [(b"yes\r", 0, True), (b"\r", 1, False)])
def test_on_a_terminal_it_asks_the_windows_question_and_only_yes_starts_it(
    tmp_path: Path, answer: bytes, code: int, started: bool
) -> None:
    data = tmp_path / "data"
    terminal = _Terminal(data)
    terminal.read_until(AGREED_TEXT.encode())
    terminal.read_until(b"Type yes")
    assert _active(data) is None
    os.write(terminal.controller, answer)
    terminal.read_until(b"Started knee-oa" if started else b"Not started")
    assert terminal.finish() == code
    assert (_active(data) == "knee-oa") is started
    if started:
        assert b"Before your first session" in terminal.seen


_TINY = {
    "schema_version": 1,
    "programmes": [
        {
            "name": "tiny",
            "title": "Tiny test programme",
            "audience": "tests",
            "about": "one short session",
            "build_up": "It grows by RetroCoach's own choice.",
            "references": ["retrocoach-own"],
            "weeks": [
                {"sessions": ["getready=0s warmup=0s forward=1s backward=1s rounds=1 cooldown=0s"]}
            ],
        }
    ],
}


@pytest.mark.slow
@pytest.mark.parametrize("met", [False, True])
def test_run_next_says_the_build_up_and_how_to_start_without_the_balance_check(
    tmp_path: Path, met: bool
) -> None:
    """The terminal coach, as a real process: before session 1 the build-up note, and while
    the one-leg stand is not met, the belt stopped and the rails held."""
    from retrocoach.core.programme.model import PROGRAMMES_FILE_ENV  # noqa: PLC0415
    from retrocoach.core.safety.balance import NOT_MET_TEXT  # noqa: PLC0415

    programmes = tmp_path / "tiny.json"
    programmes.write_text(json.dumps(_TINY), encoding="utf-8")
    env = {
        **os.environ,
        "RETROCOACH_DATA_DIR": str(tmp_path / "data"),
        PROGRAMMES_FILE_ENV: str(programmes),
    }

    def retrocoach(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "retrocoach", *args],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
            stdin=subprocess.DEVNULL,
            check=False,
        )

    assert retrocoach("settings", f"one-leg-stand={'on' if met else 'off'}").returncode == 0
    assert retrocoach("programme", "start", "tiny").returncode == 0
    walked = retrocoach("run", "--yes", "--audio", "none", "--plan", "next")
    assert walked.returncode == 0, walked.stderr
    out = " ".join(walked.stdout.split())
    assert "Before your first session: It grows by RetroCoach's own choice." in out
    assert (" ".join(NOT_MET_TEXT.split()) in out) is not met
    assert out.index("Before your first session") < out.index("FORWARD")
