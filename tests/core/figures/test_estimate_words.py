"""The estimates in the summary, the history's totals and the weekly chart's tooltip."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date

from retrocoach.core.figures.estimate_words import (
    record_estimate_line,
    totals_estimate_line,
    week_tip,
)
from retrocoach.core.figures.stats import WeekTotals, totals
from retrocoach.core.figures.summary import summarise
from retrocoach.core.history.store import SessionRecord
from retrocoach.core.speeds import Units

RecordFactory = Callable[..., SessionRecord]


def test_the_summary_says_the_distance_and_energy_are_estimates(
    make_record: RecordFactory,
) -> None:
    record = dataclasses.replace(
        make_record(), forward_m=1500.0, backward_m=250.0, energy_kcal_est=88.4
    )
    lines = summarise(record, [record]).lines()
    line = next(line for line in lines if line.startswith("Estimated"))
    assert "1.75 km on the belt (1.50 km forward, 0.25 km backward)" in line
    assert "about 88 kcal" in line
    assert "estimate" in line.removeprefix("Estimated")
    assert "we found no study of backward walking at 1-2 km/h" in line
    # The caveats wherever the energy is shown: resting energy, ages, the rails.
    assert "resting energy included" in line
    assert "19-59" in line
    assert "rails" in line


def test_no_estimate_line_when_nothing_is_known(make_record: RecordFactory) -> None:
    record = make_record()
    assert record_estimate_line(record) == ""
    assert not any(line.startswith("Estimated") for line in summarise(record, []).lines())


def test_totals_count_only_sessions_with_estimates(make_record: RecordFactory) -> None:
    known = dataclasses.replace(make_record(), forward_m=900.0, backward_m=100.0)
    weighed = dataclasses.replace(known, id="b", energy_kcal_est=40.0)
    summed = totals([known, weighed, make_record()])
    assert (summed.distance_m, summed.with_distance) == (2000.0, 2)
    assert (summed.energy_kcal, summed.with_energy) == (40.0, 1)
    line = totals_estimate_line(summed, Units.MPH)
    assert (
        line == "Estimated: 1.24 mi on the belt (2 of 3 sessions), about 40 kcal (1 of 3 sessions)"
    )


def test_the_weekly_tooltip_gives_the_minutes_then_the_estimates(
    make_record: RecordFactory,
) -> None:
    record = dataclasses.replace(
        make_record(), forward_m=1000.0, backward_m=0.0, energy_kcal_est=50.0
    )
    tip = week_tip(WeekTotals(date(2026, 11, 16), totals([record])))
    first, second = tip.splitlines()
    assert first.startswith("Week of 16 Nov 2026")
    assert "1.00 km on the belt" in second
    assert "estimates" in second
