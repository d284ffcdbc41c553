"""The second-press rule: one press only asks; a second within the window confirms."""

from __future__ import annotations

import pytest
from fakes import FakeClock

from retrocoach.core.session.confirm import SecondPress


def test_one_press_only_asks() -> None:
    clock = FakeClock()
    rule = SecondPress(clock.now, window_s=3.0)
    assert rule.press() is False
    assert rule.waiting()
    assert rule.seconds_left() == pytest.approx(3.0)


def test_a_second_press_within_the_window_confirms_and_clears() -> None:
    clock = FakeClock()
    rule = SecondPress(clock.now, window_s=3.0)
    rule.press()
    clock.advance(2.9)
    assert rule.press() is True
    assert not rule.waiting()
    assert rule.press() is False


def test_a_second_press_after_the_window_asks_again() -> None:
    clock = FakeClock()
    rule = SecondPress(clock.now, window_s=3.0)
    rule.press()
    clock.advance(3.1)
    assert not rule.waiting()
    assert rule.seconds_left() == 0.0
    assert rule.press() is False
    clock.advance(1.0)
    assert rule.press() is True


def test_cancel_forgets_the_waiting_press() -> None:
    clock = FakeClock()
    rule = SecondPress(clock.now)
    rule.press()
    rule.cancel()
    assert rule.press() is False


def test_a_clock_gone_backwards_does_not_confirm() -> None:
    clock = FakeClock()
    rule = SecondPress(clock.now, window_s=3.0)
    rule.press()
    clock.advance(-10.0)
    assert rule.press() is False


def test_a_window_of_zero_is_refused() -> None:
    with pytest.raises(ValueError, match="longer than zero"):
        SecondPress(FakeClock().now, window_s=0)
