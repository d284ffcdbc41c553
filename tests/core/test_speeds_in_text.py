"""Speeds inside sentences follow the unit setting: mph readers never meet a km/h figure."""

from __future__ import annotations

import dataclasses

import pytest

from retrocoach.core.plan.model import Plan
from retrocoach.core.safety.picker import ReminderPicker
from retrocoach.core.safety.reminders import ReminderBook
from retrocoach.core.session.machine import Session
from retrocoach.core.speeds import Units, speeds_in


@pytest.mark.parametrize(
    ("text", "mph"),
    [
        ("a slow belt, 1 to 2 km/h, and", "a slow belt, 0.6 to 1.2 mph, and"),
        ("beginners start at 1.0-2.0 km/h", "beginners start at 0.6-1.2 mph"),
        ("at 5.6 km/h (3.5 mph) on the level", "at 3.5 mph on the level"),
        ("about 4 to 5.6 km/h: heart rate", "about 2.5 to 3.5 mph: heart rate"),
        ("17 to 20% higher", "17 to 20% higher"),
    ],
)
def test_every_km_h_figure_in_a_sentence_is_said_in_mph(text: str, mph: str) -> None:
    assert speeds_in(text, Units.MPH) == mph
    assert speeds_in(text, Units.KMH) == text


def test_the_beginners_reminder_follows_the_unit_setting() -> None:
    """Found: mph users still read '1 to 2 km/h' before their first backward stretch."""
    book = ReminderBook.default()
    plan = Plan(
        forward_s=60, backward_s=60, rounds=1, warmup_s=0, cooldown_s=0, getready_s=60
    ).validate()
    session = Session(plan)
    progress = session.progress(0.0)
    seen_kmh = {
        reminder.text
        for rotation in range(40)
        if (reminder := book.for_progress(progress, rotation)) is not None
    }
    assert any("km/h" in text for text in seen_kmh), seen_kmh
    picker = ReminderPicker(book, rotate_every_s=1, units=Units.MPH)
    # The same moment, as far into it as turns the picker through every rotation seen above.
    assert progress.segment is not None
    later = [
        dataclasses.replace(progress, remaining_s=progress.segment.seconds - step)
        for step in range(40)
    ]
    picked = [picker.pick(moment) for moment in later]
    texts = {reminder.text for reminder in picked if reminder is not None}
    assert any("0.6 to 1.2 mph" in text for text in texts), texts  # the same rotations
    assert not any("km/h" in text for text in texts)
