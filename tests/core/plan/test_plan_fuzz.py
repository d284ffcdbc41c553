"""Fuzzing the plan-spec parser: any text gives a valid plan or a one-line PlanError.

Each kind of input runs RETROCOACH_FUZZ_EXAMPLES times (150 unless set); benchmarks/fuzz.py
runs the same check on 10,000 inputs. The strategies and the check are in tests/fuzzing.py.
"""

from __future__ import annotations

import pytest
from fuzzing import SPEC_INPUTS, check_plan_text, examples, fuzz

from retrocoach.core.plan.lookup import resolve_plan
from retrocoach.core.plan.model import PlanError, parse_spec


@pytest.mark.parametrize("kind", SPEC_INPUTS)
def test_any_plan_text_gives_a_valid_plan_or_a_one_line_plan_error(kind: str) -> None:
    assert fuzz(check_plan_text, SPEC_INPUTS[kind], examples()) > 0


@pytest.mark.parametrize(
    "spec",
    ["rounds=" + "1" * 5000, "forward=" + "1" * 5000 + "s", "forward=" + "0" * 4400 + "5m"],
)
def test_a_number_of_thousands_of_digits_is_refused_as_a_plan_error(spec: str) -> None:
    with pytest.raises(PlanError):
        parse_spec(spec)
    with pytest.raises(PlanError):
        resolve_plan(spec)


def test_a_bad_plan_name_with_a_line_break_is_told_in_one_line() -> None:
    with pytest.raises(PlanError) as caught:
        resolve_plan("evening\nwalk")
    assert "\n" not in str(caught.value)
