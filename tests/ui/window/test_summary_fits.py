"""The after-walk summary fits the coach at every window size, its estimate line included."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_kit import MakeWindow, WindowKit

from retrocoach.core.plan.model import parse_spec
from retrocoach.core.settings.store import Settings
from retrocoach.ui.coach.fitting_label import FittingLabel

Key = Qt.Key
BELT = (
    "getready=0s warmup=0s forward=10s backward=5s rounds=3 cooldown=0s turn=5s "
    "forward-speed=3.5km/h backward-speed=1.5km/h"
)


def _summary_of_a_stopped_walk(kit: WindowKit, *, skip: bool = False) -> FittingLabel:
    """Walk 12 s of BELT (and with *skip*, skip a segment and walk 2 s more), stop with Esc
    twice, leave the check-in: the coach's summary."""
    kit.press(Key.Key_Space)
    kit.walk(12)
    if skip:
        kit.press(Key.Key_N)
        kit.walk(2)
    kit.press_twice(Key.Key_Escape)
    if kit.window.checkin is not None:
        kit.window.checkin.reject()
    QApplication.processEvents()
    return kit.window.coach.summary_label


@pytest.mark.parametrize(("width", "height"), [(960, 600), (800, 600), (640, 480)])
def test_a_stopped_walk_with_speeds_and_body_mass_shows_its_whole_summary(
    make_window: MakeWindow, width: int, height: int
) -> None:
    settings = Settings(checklist_confirmed=True, units="mph", body_mass_kg=70.0)
    kit = make_window(settings, plan=parse_spec(BELT, name="belt"))
    kit.window.resize(width, height)
    label = _summary_of_a_stopped_walk(kit, skip=True)
    text = label.text()
    assert "Estimated:" in text, text
    needed = label.heightForWidth(label.width())
    room = label.height()
    assert needed <= room, f"{needed} px of text in {room} px at {width}x{height}"


def test_a_stopped_walk_with_turns_says_as_much_not_walked_as_its_summary(
    make_window: MakeWindow,
) -> None:
    kit = make_window(plan=parse_spec(BELT, name="belt"))
    kit.press(Key.Key_Space)
    kit.walk(12)  # the first forward stretch and 2 s of the turn-around
    kit.press_twice(Key.Key_Escape)
    if kit.window.checkin is not None:
        kit.window.checkin.reject()
    coach = kit.window.coach
    assert "Walked 0:10 of 0:45:" in coach.summary_label.text(), coach.summary_label.text()
    assert coach.total_label.text() == "0:35 not walked"


@pytest.mark.parametrize(("width", "height"), [(683, 384), (512, 300), (486, 270)])
def test_a_summary_with_too_little_room_gives_lines_up_and_cuts_none(
    make_window: MakeWindow, width: int, height: int
) -> None:
    """At scale 2 on a 1366x768 screen the summary's last line was cut in half at the bottom
    and the right; with less room it now drops its lesser lines (the estimate's method first)
    rather than cut one or shrink under a readable size, and its tooltip has the whole."""
    settings = Settings(checklist_confirmed=True, body_mass_kg=70.0)
    kit = make_window(settings, plan=parse_spec(BELT, name="belt"))
    kit.window.setMinimumSize(200, 150)
    kit.window.resize(width, height)
    kit.qtbot.waitUntil(lambda: kit.window.size().toTuple() == (width, height), timeout=2000)
    label = _summary_of_a_stopped_walk(kit)
    whole = label.accessibleDescription()
    assert "Estimated:" in whole, whole
    assert label.heightForWidth(label.width()) <= label.height(), label.text()
    shown = label.text().splitlines()
    assert shown[:3] == whole.splitlines()[:3]  # the outcome, what was walked, the segments
    assert set(shown) <= set(whole.splitlines()) | {whole.splitlines()[-1].split(" (est")[0]}
    if label.text() != whole:
        assert label.toolTip() == whole
    else:
        assert label.toolTip() == ""
    if label.font().pixelSize() < 14:  # under a readable size only when nothing more can go
        assert len(shown) == 3, shown
