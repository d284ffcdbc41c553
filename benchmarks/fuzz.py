"""Fuzzing at scale: the history loader and the plan-spec parser on 10,000 inputs each.

Runs the checks and strategies of tests/fuzzing.py (the CI tests run 150 inputs of each kind)
under hypothesis, spreading the inputs over each target's kinds of input, and prints how many
ran, how long they took, and what became of them. Any failing input is shrunk and printed.

    python benchmarks/fuzz.py [--inputs 10000]
"""

from __future__ import annotations

import argparse
import collections
import math
import sys
import time
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "tests" / "support") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests" / "support"))

from fuzzing import LOADER_INPUTS, SPEC_INPUTS, check_plan_text, check_store_on, fuzz  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@dataclass
class FuzzTarget:
    """One target's run: inputs per kind, outcomes, time, and the failure if one was found."""

    name: str
    inputs: dict[str, int] = field(default_factory=dict)
    outcomes: collections.Counter[str] = field(default_factory=collections.Counter)
    seconds: float = 0.0
    failure: str | None = None

    @property
    def total(self) -> int:
        return sum(self.inputs.values())


def _run(
    name: str,
    kinds: Mapping[str, st.SearchStrategy[Any]],
    check: Callable[[Any], object],
    outcome: Callable[[object], str],
    inputs: int,
) -> FuzzTarget:
    target = FuzzTarget(name)
    each = math.ceil(inputs / len(kinds))
    began = time.perf_counter()
    for kind, strategy in kinds.items():

        def counted(value: object) -> None:
            target.outcomes[outcome(check(value))] += 1

        try:
            target.inputs[kind] = fuzz(counted, strategy, each)
        except Exception as error:  # reported, with the shrunk input
            target.failure = f"{kind}: {type(error).__name__}: {error}"
            traceback.print_exc()
            break
    target.seconds = time.perf_counter() - began
    return target


def measure(inputs: int = 10_000) -> list[FuzzTarget]:
    """Fuzz the loader and the parser with at least *inputs* inputs each."""
    return [
        _run("history loader", LOADER_INPUTS, check_store_on, str, inputs),
        _run(
            "plan parser",
            SPEC_INPUTS,
            check_plan_text,
            lambda accepted: f"{accepted} of 2 readers gave a plan",
            inputs,
        ),
    ]


def main() -> int:
    """Print the figures; exit 1 if an input failed a check."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000, help="inputs per target")
    args = parser.parse_args()
    targets = measure(args.inputs)
    for target in targets:
        print(f"{target.name}: {target.total} inputs in {target.seconds:.1f} s")
        for kind, count in target.inputs.items():
            print(f"  {kind:<24} {count:>7}")
        for outcome, count in sorted(target.outcomes.items()):
            print(f"  -> {outcome:<32} {count:>7}")
        print(f"  failure: {target.failure}" if target.failure else "  no failure")
    return 1 if any(target.failure for target in targets) else 0


if __name__ == "__main__":
    sys.exit(main())
