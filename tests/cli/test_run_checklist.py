"""`retrocoach run` and the first-start safety checklist, as real processes on pipes and a pty."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from retrocoach.core.safety.checklist import NOT_MEDICAL_ADVICE

# Every test here runs retrocoach as a real process, as a user does.
pytestmark = pytest.mark.slow

MORE = b"Press Enter for the next items"
CONFIRM = b"Type yes"
SHORT = "forward=2s backward=1s rounds=1 warmup=0s cooldown=0s getready=0s"


def run(data: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """``retrocoach run`` with no terminal: standard input is empty, output goes to a pipe."""
    return subprocess.run(
        [sys.executable, "-m", "retrocoach", "run", "--audio", "none", "--plan", SHORT, *extra],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "RETROCOACH_DATA_DIR": str(data)},
        check=False,
    )


def one_leg(data: Path) -> bool:
    """The balance check's answer as settings.json keeps it."""
    return bool(json.loads((data / "settings.json").read_text(encoding="utf-8"))["one_leg_stand"])


def confirmed(data: Path) -> bool:
    settings = data / "settings.json"
    if not settings.exists():
        return False
    return bool(json.loads(settings.read_text(encoding="utf-8"))["checklist_confirmed"])


class Pty:
    """``retrocoach run`` on a real pseudo-terminal, read as bytes as it writes them."""

    def __init__(self, data: Path, columns: int = 80, rows: int = 24) -> None:
        import fcntl  # noqa: PLC0415  (POSIX only, like the feature)
        import pty  # noqa: PLC0415
        import struct  # noqa: PLC0415
        import termios  # noqa: PLC0415

        self.controller, terminal = pty.openpty()
        # The size a terminal window reports; the checklist's pages are cut to fit it.
        size = struct.pack("HHHH", rows, columns, 0, 0)
        fcntl.ioctl(terminal, termios.TIOCSWINSZ, size)
        env = {key: value for key, value in os.environ.items() if key not in ("COLUMNS", "LINES")}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "retrocoach", "run", "--audio", "none", "--plan", SHORT],
            stdin=terminal,
            stdout=terminal,
            stderr=terminal,
            env={**env, "RETROCOACH_DATA_DIR": str(data)},
            close_fds=True,
        )
        os.close(terminal)
        self.seen = b""
        self.answered = 0
        """Where the output stood when the last prompt was answered."""

    def read_until(self, marker: bytes, limit_s: float = 30.0, after: int = 0) -> None:
        """Read until *marker* shows past *after*; fail (never hang) if not within *limit_s*."""
        deadline = time.monotonic() + limit_s
        while marker not in self.seen[after:]:
            left = deadline - time.monotonic()
            assert left > 0, f"no {marker!r} in {self.seen[-400:]!r}; {self.signal_state()}"
            ready, _, _ = select.select([self.controller], [], [], left)
            if not ready:
                continue
            try:
                self.seen += os.read(self.controller, 4096)
            except OSError:
                break

    def signal_state(self) -> str:
        """The coach's state and signal masks as the kernel has them, for a failure's message:
        a Ctrl+C waited for in vain says whether it was ignored, blocked or never taken."""
        try:
            status = Path(f"/proc/{self.process.pid}/status").read_text(encoding="utf-8")
        except OSError:
            return f"the coach has gone (exit {self.process.poll()})"
        return ", ".join(
            line.replace("\t", " ")
            for line in status.splitlines()
            if line.startswith(("State", "SigPnd", "ShdPnd", "SigBlk", "SigIgn", "SigCgt"))
        )

    def read_for(self, seconds: float) -> None:
        """Read whatever comes for *seconds*, to see that nothing more does."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([self.controller], [], [], left)
            if ready:
                try:
                    self.seen += os.read(self.controller, 4096)
                except OSError:
                    return

    def type(self, text: bytes) -> None:
        """Type *text* as a walker would, Enter as the terminal sends it."""
        os.write(self.controller, text)

    def next_page(self, limit_s: float = 30.0) -> tuple[bytes, bool]:
        """Read the next page of the checklist up to its prompt: the page, and whether the
        prompt is the one that confirms (rather than 'Press Enter for the next items')."""
        start = self.answered
        deadline = time.monotonic() + limit_s
        while True:
            page = self.seen[start:]
            for prompt, last in ((MORE, False), (CONFIRM, True)):
                if prompt in page:
                    self.answered = len(self.seen)
                    return page, last
            left = deadline - time.monotonic()
            assert left > 0, f"no prompt in {page[-400:]!r}"
            self.read_for(min(left, 0.2))

    def page_through(self) -> None:
        """Press Enter at every 'next items' prompt until the confirming prompt shows."""
        while not self.next_page()[1]:
            self.type(b"\r")

    def finish(self) -> int:
        code = self.process.wait(timeout=30)
        os.close(self.controller)
        return code


def test_without_a_terminal_the_checklist_is_printed_and_the_walk_goes_on(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = run(data)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.index("SAFETY CHECKLIST") < out.index("[0:00] FORWARD")
    assert NOT_MEDICAL_ADVICE.split(".")[0] in out
    assert "Ask a doctor or physiotherapist before you start" in out
    assert "pull the cord" in out
    assert "https://doi.org/" in out  # sources a person can look up
    assert "Session completed" in out
    # Nobody confirmed it, so it is shown again next time.
    assert not confirmed(data)
    assert "SAFETY CHECKLIST" in run(data).stdout


def test_yes_confirms_once_for_this_data_folder_and_the_next_run_skips_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = run(data, "--yes")
    assert first.returncode == 0, first.stderr
    assert "SAFETY CHECKLIST" in first.stdout
    assert "Confirmed with --yes." in first.stdout
    assert confirmed(data)
    second = run(data)
    assert second.returncode == 0
    assert "SAFETY CHECKLIST" not in second.stdout
    assert "[0:00] FORWARD" in second.stdout


def test_a_checklist_confirmed_in_the_window_is_not_asked_again(tmp_path: Path) -> None:
    """The same settings key as the window: either coach asks only once."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_text('{"checklist_confirmed": true}', encoding="utf-8")
    result = run(data)
    assert result.returncode == 0
    assert "SAFETY CHECKLIST" not in result.stdout


def test_the_window_setting_for_every_start_prints_it_each_time(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_text(
        '{"checklist_confirmed": true, "checklist_every_start": true}', encoding="utf-8"
    )
    assert "SAFETY CHECKLIST" in run(data).stdout


def test_on_a_terminal_the_walk_waits_for_the_word_yes_and_the_answer_is_kept(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    coach = Pty(data)
    coach.page_through()
    coach.read_for(1.5)
    assert b"FORWARD" not in coach.seen, "the walk started before the checklist was confirmed"
    asked = len(coach.seen)
    coach.type(b"\r")  # a bare Enter asks again; it never confirms
    coach.read_until(b"Only the word yes", after=asked)
    asked = len(coach.seen)
    coach.type(b"ok\r")
    coach.read_until(b"Only the word yes", after=asked)
    coach.read_for(1.0)
    assert b"FORWARD" not in coach.seen
    assert not confirmed(data)
    coach.type(b"yes\r")
    coach.read_until(b"stand on one leg for 10 seconds")
    coach.type(b"no\r")  # the balance check, asked once the checklist is confirmed
    coach.read_until(b"Session completed")
    assert coach.finish() == 0
    assert b"Checklist confirmed." in coach.seen
    assert confirmed(data)
    assert one_leg(data) is False
    again = Pty(data)
    again.read_until(b"Session completed")
    assert again.finish() == 0
    assert b"SAFETY CHECKLIST" not in again.seen


@pytest.mark.parametrize(("columns", "rows"), [(80, 24), (60, 14)])
def test_every_page_fits_the_terminal_before_its_prompt(
    tmp_path: Path, columns: int, rows: int
) -> None:
    """Nothing scrolls away unread: each page and its prompt fit the terminal's rows."""
    data = tmp_path / "data"
    coach = Pty(data, columns=columns, rows=rows)
    pages = 0
    while True:
        page, last = coach.next_page()
        pages += 1
        lines = page.decode().replace("\r\n", "\n").strip("\n").split("\n")
        # A line as wide as the terminal wraps: count the rows each one takes.
        taken = sum(max(1, -(-len(line) // columns)) for line in lines)
        assert taken <= rows - 1, f"page {pages} takes {taken} rows: {page!r}"
        if last:
            break
        coach.type(b"\r")
    assert pages >= 2, "the whole checklist cannot fit one terminal page"
    coach.type(b"yes\r")
    coach.read_until(b"stand on one leg for 10 seconds")
    coach.type(b"yes\r")
    coach.read_until(b"Session completed")
    assert coach.finish() == 0
    assert confirmed(data)
    assert one_leg(data) is True
    assert b"SAFETY CHECKLIST" in coach.seen
    assert b"Sources in full" in coach.seen


@pytest.mark.parametrize("words", ["--yes", "safety checklist", "the word yes"])
def test_run_help_documents_the_checklist_and_yes(words: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "retrocoach", "run", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0
    assert words in " ".join(result.stdout.split())


def test_ctrl_c_at_the_checklist_leaves_without_walking_or_confirming(tmp_path: Path) -> None:
    data = tmp_path / "data"
    coach = Pty(data)
    coach.read_until(MORE)
    coach.process.send_signal(signal.SIGINT)  # what Ctrl+C sends to the foreground process
    coach.read_until(b"interrupted")
    assert coach.finish() == 130
    assert b"FORWARD" not in coach.seen
    assert b"Traceback" not in coach.seen
    assert not confirmed(data)


def test_the_first_line_of_run_says_what_it_is_even_through_head(tmp_path: Path) -> None:
    """``retrocoach run | head -1`` shows the checklist's heading, not a blank line."""
    data = tmp_path / "data"
    coach = subprocess.Popen(
        [sys.executable, "-m", "retrocoach", "run", "--audio", "none", "--plan", SHORT],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "RETROCOACH_DATA_DIR": str(data)},
    )
    head = subprocess.run(
        ["head", "-1"], stdin=coach.stdout, capture_output=True, text=True, timeout=60, check=False
    )
    assert coach.stdout is not None
    coach.stdout.close()  # as the shell does: the coach now writes to a pipe nobody reads
    _, err = coach.communicate(timeout=60)
    assert head.stdout == "SAFETY CHECKLIST\n"
    assert coach.returncode == 0
    assert b"Traceback" not in err


# Runs the command line with the shipped reminders file swapped for a broken one.
_BROKEN_REMINDERS = """
import sys
from pathlib import Path
import retrocoach.core.safety.reminders as reminders
broken = Path(sys.argv[1])
broken.write_text("{ not json", encoding="utf-8")
reminders.asset_path = lambda *parts: broken
from retrocoach.app.main import main
sys.exit(main(sys.argv[2:]))
"""


def test_unreadable_reminders_still_show_the_notice_and_the_signs_to_stop(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = subprocess.run(
        [
            *(sys.executable, "-c", _BROKEN_REMINDERS, str(tmp_path / "reminders.json")),
            *("run", "--audio", "none", "--plan", SHORT),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "RETROCOACH_DATA_DIR": str(data)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert out.startswith("SAFETY CHECKLIST")
    assert NOT_MEDICAL_ADVICE in out
    assert "Ask a doctor or physiotherapist before you start" in out
    for sign in ("chest pain", "pain spreading to the arm, neck or jaw", "dizzy", "sharp pain"):
        assert sign in out
    assert "Session completed" in out
    # One clear line about what is missing, naming the file.
    problems = [line for line in result.stderr.splitlines() if "reminders" in line]
    assert len(problems) == 1, result.stderr
    assert "reminders.json" in problems[0]
    assert "core" in problems[0]


def test_output_to_a_pipe_from_a_terminal_is_never_confirmed_unseen(tmp_path: Path) -> None:
    """``retrocoach run | head -1`` typed at a terminal: the keys are a terminal, the list is
    not on it. Enter must not confirm what the walker never saw, and nothing waits for it."""
    import pty  # noqa: PLC0415  (POSIX only, like the feature)

    data = tmp_path / "data"
    controller, terminal = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "retrocoach", "run", "--audio", "none", "--plan", SHORT],
            stdin=terminal,
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "RETROCOACH_DATA_DIR": str(data)},
            check=False,
        )
    finally:
        os.close(terminal)
        os.close(controller)
    assert result.returncode == 0, result.stderr
    assert "SAFETY CHECKLIST" in result.stdout
    assert "Type yes" not in result.stdout
    assert "Press Enter" not in result.stdout
    assert "Session completed" in result.stdout
    assert not confirmed(data)
