"""The tests drive time through one fake clock, tests/support/fakes.py, never a home-made one."""

from __future__ import annotations

import ast
import time
from pathlib import Path

from fakes import FakeClock

TESTS = Path(__file__).resolve().parent


def test_no_test_module_makes_a_clock_of_its_own() -> None:
    own = []
    for path in TESTS.rglob("*.py"):
        if path == TESTS / "support" / "fakes.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        own += [
            f"{path.relative_to(TESTS)}:{node.lineno} {node.name}"
            for node in ast.walk(tree)
            if isinstance(node, ast.ClassDef) and node.name.endswith("Clock")
        ]
    assert own == [], "use tests/support/fakes.FakeClock"


def test_the_fake_clock_moves_by_hand_and_is_callable() -> None:
    clock = FakeClock(100.0)
    assert clock.now() == clock() == 100.0
    assert clock.advance(2.5) == 102.5
    assert clock() == 102.5


def test_a_fake_clock_with_a_rate_runs_that_much_faster_than_real_time() -> None:
    clock = FakeClock(0.0, rate=50.0)
    real = time.monotonic()
    first = clock.now()
    deadline = real + 10.0
    while clock.now() - first < 5.0 and time.monotonic() < deadline:
        time.sleep(0.001)  # polling a state with a deadline, not a fixed wait
    elapsed = time.monotonic() - real
    assert clock.now() - first >= 5.0
    assert elapsed < 5.0, "fifty times faster: five clock seconds take a tenth of a second"
    assert clock.advance(10.0) >= first + 15.0
