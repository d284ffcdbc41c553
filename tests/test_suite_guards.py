"""The suite's own guards: a test that leaves a process or thread running fails, not the next
one, and a hung test is named. Each case runs a small suite in a real pytest process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from longest_first import DURATIONS_ENV, STORE_ENV

pytestmark = pytest.mark.slow  # each runs a pytest process of its own

SUPPORT = Path(__file__).resolve().parent / "support"

CONFTEST = """
import leak_guard
import longest_first

def pytest_configure(config):
    leak_guard.install(config)
    if config.pluginmanager.hasplugin("xdist"):
        longest_first.install(config, frozenset())
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


def _run_suite(
    folder: Path, test_text: str, *options: str, **env_extra: str
) -> subprocess.CompletedProcess[str]:
    (folder / "conftest.py").write_text(CONFTEST)
    (folder / "test_case.py").write_text(test_text)
    # The outer run's durations are not the inner run's: a lane recording its durations would
    # otherwise have each inner run write its own test_case.py's into the same file.
    env = {
        **{k: v for k, v in os.environ.items() if k not in (DURATIONS_ENV, STORE_ENV)},
        "PYTHONPATH": str(SUPPORT),
        "RETROCOACH_LEAK_GRACE_S": "0.5",
        **env_extra,
    }
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


ORDERED = """
import time
from pathlib import Path

def _ran(name):
    with Path("{order}").open("a") as log:
        log.write(name + "\\n")

def test_first_collected():
    _ran("first")

def test_second_collected():
    _ran("second")

def test_collected_last_but_long():
    _ran("long")
    time.sleep(2.2)  # the case: a test longer than the 2 s worth recording
"""


def test_the_parallel_lane_hands_out_the_longest_test_first_and_records_the_slow_ones(
    tmp_path: Path,
) -> None:
    """One worker runs the tests in the order they are handed out: the long one first, though
    collected last; its time is recorded for the next run, the short ones are not."""
    order, known, stored = tmp_path / "order", tmp_path / "known.json", tmp_path / "stored.json"
    long_test = "test_case.py::test_collected_last_but_long"
    known.write_text(json.dumps({long_test: 60.0}))
    suite = tmp_path / "suite"
    suite.mkdir()
    done = _run_suite(
        suite,
        ORDERED.format(order=order),
        "-n",
        "1",
        "--dist",
        "loadgroup",
        RETROCOACH_DURATIONS=str(known),
        RETROCOACH_STORE_DURATIONS=str(stored),
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert order.read_text().split() == ["long", "first", "second"]
    recorded = json.loads(stored.read_text())
    assert list(recorded) == [long_test], recorded
    assert 2.0 < recorded[long_test] < 60.0


CRASHING = """
import os

def test_before():
    pass

def test_that_takes_its_worker_down():
    os._exit(3)

def test_after():
    pass

def test_last():
    pass
"""


def test_a_worker_that_crashes_is_replaced_and_the_lane_still_ends(tmp_path: Path) -> None:
    """xdist 3.8's grouped scheduling hung for good once a crashed worker was replaced."""
    suite = tmp_path / "suite"
    suite.mkdir()
    done = _run_suite(suite, CRASHING, "-n", "1", "--dist", "loadgroup")
    out = done.stdout
    assert "replacing crashed worker" in out, out
    assert "test_that_takes_its_worker_down" in out, out
    assert "1 failed, 3 passed" in out, out


def test_a_process_a_test_starts_hears_ctrl_c_however_the_suite_was_started() -> None:
    """Started in the background (``scripts/check &``, nohup), the suite inherited SIGINT
    ignored, and so did every coach a test started: Ctrl+C tests then waited in vain."""
    child = subprocess.run(
        [sys.executable, "-c", "import signal; print(signal.getsignal(signal.SIGINT).__name__)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert child.stdout.strip() == "default_int_handler"
