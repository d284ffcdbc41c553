"""The after-walk summary for less room: what gives way first, and what never does."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from retrocoach.core.figures.estimate_words import HOW_ESTIMATED
from retrocoach.core.figures.summary import Summary
from retrocoach.core.history.records import Outcome

ESTIMATE = f"Estimated: 0.41 km on the belt (0.30 km forward, 0.11 km backward) ({HOW_ESTIMATED})"


def _summary(*, effort: int | None = None, estimate: str = ESTIMATE, earlier: int = 2) -> Summary:
    return Summary(
        Outcome.STOPPED, 301.0, 122.0, 600, 3, 1, 2, effort, earlier, 400.0, False, estimate
    )


def test_the_estimate_loses_its_method_then_the_effort_comparison_and_estimate_go() -> None:
    summary = _summary(effort=6)
    walked, segments, effort, comparison, estimate = summary.lines()
    short = "Estimated: 0.41 km on the belt (0.30 km forward, 0.11 km backward)"
    assert summary.shorter() == [
        [walked, segments, effort, comparison, estimate],
        [walked, segments, effort, comparison, short],
        [walked, segments, comparison, short],
        [walked, segments, short],
        [walked, segments],
    ]


def test_without_an_estimate_the_effort_goes_before_the_comparison() -> None:
    summary = _summary(estimate="")
    walked, segments, effort, comparison = summary.lines()
    assert effort == "Effort: not rated"
    assert summary.shorter() == [
        [walked, segments, effort, comparison],
        [walked, segments, comparison],
        [walked, segments],
    ]


@given(
    effort=st.none() | st.integers(0, 10),
    estimate=st.sampled_from(["", ESTIMATE, "Estimated: about 12 kcal"]),
    earlier=st.integers(0, 5),
)
def test_each_version_is_shorter_and_keeps_what_was_walked(
    effort: int | None, estimate: str, earlier: int
) -> None:
    versions = _summary(effort=effort, estimate=estimate, earlier=earlier).shorter()
    assert versions[0] == _summary(effort=effort, estimate=estimate, earlier=earlier).lines()
    lengths = [len("\n".join(version)) for version in versions]
    assert lengths == sorted(lengths, reverse=True)
    assert len(set(lengths)) == len(lengths)
    assert all(version[:2] == versions[0][:2] for version in versions)
    assert len(versions[-1]) == 2
