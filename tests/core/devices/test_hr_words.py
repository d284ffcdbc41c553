"""The coach's words for the heart: the live reading with its zone, and each notice."""

from __future__ import annotations

import pytest

from retrocoach.core.devices.hr_watch import (
    BackUnder,
    EaseOff,
    FarAbove,
    HrNotice,
    SignalBack,
    SignalLost,
    Zone,
)
from retrocoach.core.devices.hr_words import Urgency, heart_text, notice_words


def test_the_live_reading_names_its_zone_only_when_a_ceiling_is_set() -> None:
    assert heart_text(112, None).text == "Heart 112"
    assert heart_text(112, None).zone is None
    assert heart_text(112, 120).text == "Heart 112 · near 120"
    assert heart_text(100, 120).zone is Zone.UNDER
    assert heart_text(125, 120).text == "Heart 125 · above 120"
    assert heart_text(135, 120).zone is Zone.FAR_OVER
    assert heart_text(None, 120).text == "Heart --"


@pytest.mark.parametrize(
    ("notice", "urgency", "words"),
    [
        (EaseOff(1.0, 131), Urgency.EASE_OFF, "Ease off"),
        (FarAbove(1.0, 140), Urgency.STOP, "stop the walk"),
        (SignalLost(1.0), Urgency.STOP, "stop the walk"),
        (BackUnder(1.0, 118), Urgency.QUIET, "back under your ceiling of 120"),
        (SignalBack(1.0, 99), Urgency.QUIET, "99"),
    ],
)
def test_each_notice_has_plain_words_and_the_right_loudness(
    notice: HrNotice, urgency: Urgency, words: str
) -> None:
    text, loud = notice_words(notice, 120)
    assert words in text
    assert loud is urgency


def test_no_notice_claims_to_stop_the_belt() -> None:
    for notice in (EaseOff(1.0, 131), FarAbove(1.0, 140), SignalLost(1.0)):
        text, _ = notice_words(notice, 120)
        assert "belt stopped" not in text
        assert "stopping the belt" not in text
