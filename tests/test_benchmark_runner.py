"""``python -m benchmarks`` keeps up with the benchmarks it runs.

The runner reads each benchmark's figures by their labels; a label renamed in a benchmark
left the runner failing on it, unseen until the next full run (history-scale's whole read
was renamed when the checked history landed). The quick sizes of the benchmarks that need
no window, sound server or device run here in seconds; the others are run by hand.
"""

from __future__ import annotations

import pytest

from benchmarks.__main__ import main


def test_the_runner_reads_every_figure_of_the_benchmarks_that_need_no_server(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["--quick", "--only", "timer-drift", "history-scale", "fit-export"])
    out = capsys.readouterr().out
    assert "FAILED" not in out
    assert code == 0
    for figure in (
        "timer drift: first to last boundary",
        "read and check every record",
        "history: read as a walk starts (certified)",
        "history: `history --format csv`",
        "history: record one more session, fresh store",
        "FIT export: one hour walked",
    ):
        assert figure in out
