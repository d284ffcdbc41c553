"""A pytest-xdist plugin: the parallel lane hands out its longest tests first.

xdist hands tests out in the order they were collected, so a 60 s test collected last starts
when the other workers are nearly done, and the lane waits a minute for one worker. Handed out
longest first (the "longest processing time" rule of thumb for scheduling), the long tests run
side by side from the start and the many short ones fill the gaps at the end.

How long each test takes comes from tests/durations.json (the seconds of the slowest tests, as
``RETROCOACH_STORE_DURATIONS=tests/durations.json`` records them after a run); a test not listed
there is estimated by its folder. An estimate only orders the work: a wrong one costs time,
never a result.

It also mends xdist 3.8's grouped scheduling after a worker crash (a test that takes its
process down): that run hung for good once the worker was replaced, or ran the deadly test
again until the restarts ran out. Here the test is reported once and the lane goes on.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from xdist.remote import Producer
from xdist.scheduler import LoadGroupScheduling
from xdist.workermanage import WorkerController

DURATIONS = Path(__file__).resolve().parents[1] / "durations.json"
"""The seconds the slowest tests took, by node id (setup, call and teardown together)."""
DURATIONS_ENV = "RETROCOACH_DURATIONS"
"""Names another durations file to order by (the suite's own tests of this plugin use it)."""
STORE_ENV = "RETROCOACH_STORE_DURATIONS"
KEEP_ABOVE_S = 2.0
"""Only tests slower than this are worth a line in the file: the rest are the folder's guess."""
SLOW_FOLDER_S = 4.0
"""A guess for a test not in the file that starts real processes (e2e, faults, soak, ...)."""
OTHER_S = 0.1


def plain(nodeid: str) -> str:
    """*nodeid* without the ``@group`` xdist adds to a test marked xdist_group."""
    return nodeid.rsplit("@", 1)[0] if nodeid.rfind("@") > nodeid.rfind("]") else nodeid


def estimate(nodeid: str, known: Mapping[str, float], slow_folders: frozenset[str]) -> float:
    """The seconds *nodeid* is expected to take."""
    nodeid = plain(nodeid)
    if nodeid in known:
        return known[nodeid]
    parts = nodeid.split("/")
    folder = parts[1] if len(parts) > 2 and parts[0] == "tests" else ""
    return SLOW_FOLDER_S if folder in slow_folders else OTHER_S


def load(path: Path | None = None) -> dict[str, float]:
    """The recorded durations, or none when the file is missing or unreadable."""
    if path is None:
        path = Path(os.environ.get(DURATIONS_ENV) or DURATIONS)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): float(v) for k, v in data.items() if isinstance(v, int | float)}


class LongestFirst(LoadGroupScheduling):
    """``--dist loadgroup``, its work units (one test, or an xdist_group) longest first."""

    def __init__(
        self,
        config: pytest.Config,
        log: Producer | None,
        known: Mapping[str, float],
        slow_folders: frozenset[str],
    ) -> None:
        super().__init__(config, log)
        self._known = known
        self._slow_folders = slow_folders
        self._ordered = False

    def _assign_work_unit(self, node: WorkerController) -> None:
        if not self._ordered:
            # The queue is complete by the first assignment; a stable sort keeps the collection
            # order among equals, so a module's short tests still run together.
            units = sorted(
                self.workqueue.items(),
                key=lambda unit: (
                    -sum(estimate(nodeid, self._known, self._slow_folders) for nodeid in unit[1])
                ),
            )
            self.workqueue.clear()
            self.workqueue.update(units)
            self._ordered = True
        # xdist 3.8 puts a crashed worker's whole workload back, its finished units too: sent,
        # such a unit is an empty order the worker never reports on (pytest-xdist #1323).
        while self.workqueue and all(next(iter(self.workqueue.values())).values()):
            self.workqueue.popitem(last=False)
        if not self.workqueue:
            node.shutdown()
            return
        super()._assign_work_unit(node)

    def remove_node(self, node: WorkerController) -> str | None:
        """As xdist's, but the test the worker died in is not run again, and only the units
        with tests still to run go back in the queue (pytest-xdist #1323, #1371)."""
        workload = self.assigned_work.pop(node)
        pending: list[str] = [
            nodeid for unit in workload.values() for nodeid, done in unit.items() if not done
        ]
        if not pending:
            return None
        crashed = pending[0]  # a worker runs its tests in the order they were sent
        for unit in workload.values():
            if crashed in unit:
                unit[crashed] = True  # reported as failed by xdist; a rerun proves nothing
        self.workqueue.update(
            (scope, unit) for scope, unit in workload.items() if not all(unit.values())
        )
        for other in self.assigned_work:
            self._reschedule(other)
        return crashed

    def _reschedule(self, node: WorkerController) -> None:
        super()._reschedule(node)
        # A worker starts a test once it knows the next one, or that none will come. A worker
        # that replaced a crashed one gets a single unit (pytest-xdist #1327): with one test in
        # it, the worker would wait for a second forever. Give it another, or say it is the last.
        if node.shutting_down or self._pending_of(self.assigned_work.get(node, {})) > 1:
            return
        if self.workqueue:
            self._assign_work_unit(node)
        else:
            node.shutdown()


class DurationsPlugin:
    """Makes the scheduler on the controller; records each test's seconds when asked to."""

    def __init__(self, slow_folders: frozenset[str]) -> None:
        self.slow_folders = slow_folders
        self.seconds: dict[str, float] = {}

    @pytest.hookimpl(tryfirst=True)
    def pytest_xdist_make_scheduler(self, config: pytest.Config, log: Producer) -> Any:
        if config.getvalue("dist") != "loadgroup":
            return None
        return LongestFirst(config, log, load(), self.slow_folders)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        nodeid = plain(report.nodeid)
        self.seconds[nodeid] = self.seconds.get(nodeid, 0.0) + report.duration

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        target = os.environ.get(STORE_ENV)
        if not target or hasattr(session.config, "workerinput"):
            return  # only the controller (or a run without workers) sees every test
        path = Path(target)
        merged = {**load(path), **self.seconds}
        kept = {k: round(v, 1) for k, v in sorted(merged.items()) if v > KEEP_ABOVE_S}
        path.write_text(json.dumps(kept, indent=1) + "\n", encoding="utf-8")


def install(config: pytest.Config, slow_folders: frozenset[str]) -> None:
    """Register the plugin with *config* (only useful where xdist is installed)."""
    config.pluginmanager.register(DurationsPlugin(slow_folders), "longest_first")
