"""Distance and energy estimates, checked against figures worked out by hand."""

from __future__ import annotations

import pytest

from retrocoach.core.segments import Kind
from retrocoach.core.session.estimates import EstimateBasis, estimate, forward_met
from retrocoach.core.session.events import SegmentRecord

WALK = (
    SegmentRecord(Kind.WARMUP, 120, 120.0, 0, 3.0),
    SegmentRecord(Kind.FORWARD, 600, 600.0, 1, 3.5),
    SegmentRecord(Kind.TURN, 10, 10.0, 1, None),
    SegmentRecord(Kind.BACKWARD, 300, 300.0, 1, 1.5),
)


def test_distance_is_speed_times_time_per_direction_and_turns_count_in_neither() -> None:
    figures = estimate(WALK, EstimateBasis())
    # 3.0 km/h for 2 min = 100 m; 3.5 km/h for 10 min = 583.33 m; 1.5 km/h for 5 min = 125 m.
    assert figures.forward_m == 683.3
    assert figures.backward_m == 125.0
    assert figures.energy_kcal is None  # no body mass, no energy


def test_energy_is_met_times_mass_times_hours_with_the_backward_factor() -> None:
    # 3.0 km/h = 1.86 mph: 2.8 MET; 3.5 km/h = 2.17 mph: 3.0 MET; 1.5 km/h = 0.93 mph: 2.1 MET.
    # 70 kg: 2.8 x 70 x 2/60 = 6.533; 3.0 x 70 x 10/60 = 35.0; 2.1 x 1.3 x 70 x 5/60 = 15.925.
    assert estimate(WALK, EstimateBasis(70.0)).energy_kcal == 57.5
    # The factor moves only the backward part: 2.1 x 1.6 x 70 x 5/60 = 19.6.
    assert estimate(WALK, EstimateBasis(70.0, 1.6)).energy_kcal == 61.1


@pytest.mark.parametrize(
    ("kmh", "met"),
    [
        (0.5, 2.1),
        (1.0, 2.1),  # 0.62 mph
        (1.5, 2.1),  # 0.93 mph: the "a third too high" was 2.8 here
        (1.61, 2.3),  # 1.0 mph
        (1.9, 2.3),  # 1.18 mph
        (1.94, 2.8),  # 1.2 mph
        (3.2, 2.8),
        (3.22, 3.0),
        (4.0, 3.0),
        (4.03, 3.5),
        (4.83, 3.8),
        (5.64, 4.8),
        (8.0, 4.8),  # 4.97 mph: past the table, its fastest band, as the note says
    ],
)
def test_the_forward_met_follows_the_compendium_bands_in_mph(kmh: float, met: float) -> None:
    assert forward_met(kmh) == met


def test_the_note_says_what_the_table_covers_and_what_the_figure_includes() -> None:
    from retrocoach.core.session.estimates import ESTIMATE_NOTE  # noqa: PLC0415

    note = " ".join(ESTIMATE_NOTE.split())
    for words in (
        "resting energy included",
        "2.1 below 1.0 mph",
        "2.3 at 1.0 mph",
        "above its fastest band, 3.9 mph",
        "aged 19 to 59",
        "holding the rails lowers the cost",
        "we found no study",
    ):
        assert words in note


def test_an_unknown_speed_makes_that_direction_and_the_energy_unknown() -> None:
    walk = (*WALK, SegmentRecord(Kind.BACKWARD, 300, 120.0, 2, None))
    figures = estimate(walk, EstimateBasis(70.0))
    assert figures.forward_m == 683.3
    assert figures.backward_m is None
    assert figures.energy_kcal is None


def test_a_segment_never_walked_does_not_need_a_speed() -> None:
    walk = (*WALK, SegmentRecord(Kind.COOLDOWN, 120, 0.0, 0, None))
    assert estimate(walk, EstimateBasis(70.0)).energy_kcal == 57.5
