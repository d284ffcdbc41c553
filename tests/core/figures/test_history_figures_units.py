"""The History view's totals line gives the estimated distance in the chosen unit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date

from retrocoach.core.figures.history_figures import figures
from retrocoach.core.history.records import SessionRecord
from retrocoach.core.speeds import Units

RecordFactory = Callable[..., SessionRecord]


def test_the_totals_give_miles_with_mph_and_km_with_kmh(make_record: RecordFactory) -> None:
    records = [make_record(forward_m=1000.0, backward_m=609.344)]
    in_miles = figures(records, date(2026, 11, 20), UTC, 8, Units.MPH).totals
    in_km = figures(records, date(2026, 11, 20), UTC, 8, Units.KMH).totals
    assert "1.00 mi on the belt" in in_miles
    assert " km on the belt" not in in_miles
    assert "1.61 km on the belt" in in_km
