"""The suite's own guards: a test that leaves a process or thread running fails, not the next
one, and a hung test is named. Each case runs a small suite in a real pytest process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # each runs a pytest process of its own

SUPPORT = Path(__file__).resolve().parent / "support"

CONFTEST = """
import leak_guard

def pytest_configure(config):
    leak_guard.install(config)
"""

LEAKY = """
import subprocess, threading, time
from pathlib import Path

def test_leaves_a_process(tmp_path):
    child = subprocess.Popen(["sleep", "300"])
    Path("{pids}").write_text(str(child.pid))

def test_leaves_an_orphan_of_a_child():
    subprocess.run(["sh", "-c", "sleep 301 & echo $! > {orphan}"], check=True)

def test_leaves_a_thread():
    threading.Thread(target=time.sleep, args=(30,), name="lingering", daemon=True).start()

def test_after_them_all():
    pass
"""


def _run_suite(folder: Path, test_text: str, *options: str) -> subprocess.CompletedProcess[str]:
    (folder / "conftest.py").write_text(CONFTEST)
    (folder / "test_case.py").write_text(test_text)
    env = {**os.environ, "PYTHONPATH": str(SUPPORT), "RETROCOACH_LEAK_GRACE_S": "0.5"}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rA", *options, str(folder)],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_leaked_process_orphan_or_thread_fails_its_own_test_and_is_ended(
    tmp_path: Path,
) -> None:
    pids, orphan = tmp_path / "pid", tmp_path / "orphan"
    suite = tmp_path / "suite"
    suite.mkdir()
    done = _run_suite(suite, LEAKY.format(pids=pids, orphan=orphan))
    out = done.stdout
    assert done.returncode == 1, out
    assert "ERROR at teardown of test_leaves_a_process" in out, out
    assert "sleep 300" in out, out
    assert "ERROR at teardown of test_leaves_an_orphan_of_a_child" in out, out
    assert "sleep 301" in out, out
    assert "ERROR at teardown of test_leaves_a_thread" in out, out
    assert "'lingering' still running" in out, out
    assert "PASSED test_case.py::test_after_them_all" in out, out
    assert not _running(int(pids.read_text()))
    assert not _running(int(orphan.read_text()))


def test_a_hung_test_is_named_by_the_faulthandler_timeout(tmp_path: Path) -> None:
    suite = tmp_path / "suite"
    suite.mkdir()
    hung = "import time\n\ndef test_that_hangs():\n    time.sleep(2.5)\n"
    done = _run_suite(suite, hung, "-o", "faulthandler_timeout=1")
    assert "Timeout" in done.stderr, done.stderr
    assert "test_that_hangs" in done.stderr, done.stderr
