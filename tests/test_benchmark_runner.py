"""``python -m benchmarks`` keeps up with the benchmarks it runs.

The runner reads each benchmark's figures by their labels; a label renamed in a benchmark
left the runner failing on it, unseen until the next full run (history-scale's whole read
was renamed when the checked history landed), and the history view was timed on whatever
application an earlier benchmark had left, which Qt aborted on. The quick sizes of the
benchmarks that need no window, sound server or device run here in seconds, in a process of
their own; the others are run by hand.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The cue and window benchmarks leave the runner a QCoreApplication: history-view comes after
# one here, as it does in a whole run.
RUNNER = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QCoreApplication

    from benchmarks.__main__ import main

    if __name__ == "__main__":
        application = QCoreApplication([])
        chosen = ["timer-drift", "history-scale", "fit-export", "history-view"]
        sys.exit(main(["--quick", "--only", *chosen]))
    """
)


def test_the_runner_reads_every_figure_of_the_benchmarks_that_need_no_server() -> None:
    path = os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))
    done = subprocess.run(
        [sys.executable, "-c", RUNNER],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": path},
        check=False,
    )
    assert "FAILED" not in done.stdout, done.stderr
    assert done.returncode == 0, done.stderr
    for figure in (
        "timer drift: first to last boundary",
        "read and check every record",
        "history: read as a walk starts (certified)",
        "history: `history --format csv`",
        "history: record one more session, fresh store",
        "FIT export: one hour walked",
        "history view: open, store not read yet",
    ):
        assert figure in done.stdout
