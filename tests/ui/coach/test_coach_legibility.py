"""The direction word and the segment time stay the two largest texts, at one size for the whole
walk, whatever else the coach shows: belt speeds, the slow-down, a programme header, the Esc
banner, a long reminder, the summary; at every window size from a small laptop at scale 2 up.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QLabel, QWidget
from window_kit import MakeWindow, WindowKit

from retrocoach.core.plan.model import Kind, parse_spec
from retrocoach.core.safety.reminders import Reminder
from retrocoach.core.session.machine import State
from retrocoach.core.settings.store import Settings
from retrocoach.ui.coach.big_text import BigText
from retrocoach.ui.coach.column import LAST
from retrocoach.ui.coach.view import CoachView

Key = Qt.Key
# Slowing from 3.5 to 1.5 km/h: the slow-down comes 5 s before a 5 s turn-around.
BELT = parse_spec(
    "getready=3s warmup=0s forward=30s backward=30s rounds=1 cooldown=0s turn=5s "
    "forward-speed=3.5km/h backward-speed=1.5km/h",
    name="belt",
)
PLAIN = parse_spec("getready=3s warmup=0s forward=30s backward=30s rounds=1 cooldown=0s")
LONG = Reminder(
    "long",
    "Hold the side rails whenever you feel unsteady, look ahead rather than at your feet, "
    "and stop the belt before you step off it, however short the walk has been so far.",
    (),
    (),
)
# Window sizes in Qt's own pixels: a 1024x600 laptop at scale 2 and 1, full HD at scale 2,
# and a 4K screen at scale 1 (the window takes three quarters of the screen).
SIZES = [(486, 270), (972, 540), (1440, 810), (2880, 1620)]
# A screen turned on its side: the word is fitted to the width, and lines sized by the height
# alone once outgrew it (81 px lines beside a 59 px word at 810x1440).
PORTRAIT = [(600, 1000), (810, 1440)]


def _texts(view: CoachView) -> Iterator[tuple[str, int]]:
    """Every text on screen in the coach besides the word and the time, with its pixel size."""
    for widget in view.findChildren(QWidget):
        if not widget.isVisible() or widget.height() <= 0 or widget.width() <= 0:
            continue
        if widget in (view.time, view.band) or not widget.visibleRegion().boundingRect().height():
            continue
        if isinstance(widget, QLabel) and widget.text():
            yield (
                widget.accessibleName() or widget.text()[:20],
                QFontInfo(widget.font()).pixelSize(),
            )
        elif isinstance(widget, BigText) and widget.text():
            yield widget.accessibleName(), widget.pixel_size()


def _settled(kit: WindowKit) -> tuple[int, int, int, int]:
    """The window's and the view's heights and the word's and the time's sizes, once two
    passes of the event loop leave them alike: a banner added to the coach is shown by a
    queued call, and the layout it changes runs later still (a CI run under coverage read
    the state before that once)."""
    view = kit.window.coach
    readings: list[tuple[int, int, int, int]] = []

    def alike() -> bool:
        kit.qtbot.wait(1)
        readings.append(
            (
                kit.window.height(),
                view.height(),
                view.band.word_pixel_size(),
                view.time.pixel_size(),
            )
        )
        return len(readings) > 1 and readings[-1] == readings[-2]

    kit.qtbot.waitUntil(alike, timeout=2000)
    return readings[-1]


def _check(kit: WindowKit, state: str, seen: dict[str, tuple[int, int]]) -> None:
    view = kit.window.coach
    _height, _view, word, time = _settled(kit)
    summary = view.middle.currentWidget() is view.summary_label
    for name, pixels in _texts(view):
        assert pixels < word, f"{state}: {name} at {pixels} px, the word at {word} px"
        if not summary:
            assert pixels < time, f"{state}: {name} at {pixels} px, the time at {time} px"
    seen[state] = (word, time)


def _banner(view: CoachView) -> QLabel:
    banner = QLabel(
        "Programme: Backward walking for beginners\nWeek 2, session 1 of 3: 6:00 backward", view
    )
    font = banner.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    banner.setFont(font)
    banner.setWordWrap(True)
    view.add_banner(banner)
    return banner


@pytest.mark.parametrize("size", SIZES + PORTRAIT, ids=[f"{w}x{h}" for w, h in SIZES + PORTRAIT])
@pytest.mark.parametrize("plan", [BELT, PLAIN], ids=["belt", "plain"])
def test_word_and_time_are_largest_and_keep_their_size_in_every_state(
    make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int], plan: object
) -> None:
    kit = make_window(plan=plan)
    window, view = kit.window, kit.window.coach
    window.setMinimumSize(200, 150)
    window.resize(*size)
    _banner(view)
    monkeypatch.setattr(window.flow.picker, "pick", lambda _progress: LONG)
    seen: dict[str, tuple[int, int]] = {}
    _check(kit, "before", seen)
    kit.press(Key.Key_Space)
    kit.walk(1)
    _check(kit, "get-ready", seen)
    kit.walk(3)
    _check(kit, "forward", seen)
    kit.walk(26)  # 4 s left: the slow-down applies on the belt plan
    if plan is BELT:
        assert view.belt.urgent
        _check(kit, "slow-down", seen)
        kit.walk(5)
        assert kit.session.segment.kind is Kind.TURN
        _check(kit, "turn", seen)
    kit.press(Key.Key_Space)
    assert kit.session.state is State.PAUSED
    _check(kit, "paused", seen)
    kit.press(Key.Key_Space)
    kit.press(Key.Key_Escape)
    assert view.question_label.isVisible()
    _check(kit, "esc-banner", seen)
    kit.clock.advance(1)
    kit.press(Key.Key_Escape)
    assert kit.session.state is State.STOPPED
    _check(kit, "summary", seen)
    words = {word for word, _time in seen.values()}
    times = {time for state, (_word, time) in seen.items() if state != "summary"}
    assert len(words) == 1, seen
    assert len(times) == 1, seen


def test_a_belt_plan_after_a_plain_one_leaves_the_word_its_size(make_window: MakeWindow) -> None:
    """The bug: the belt's lines took the band's room, and kept it for every later walk."""
    kit = make_window(plan=PLAIN)
    kit.window.resize(972, 540)
    kit.qtbot.wait(1)
    view = kit.window.coach
    before = view.band.word_pixel_size(), view.band.plate_rect().width()
    kit.window.use_plan(BELT, fresh=True)
    kit.press(Key.Key_Space)
    kit.walk(5)
    assert view.belt.speed.isVisible()
    assert (view.band.word_pixel_size(), view.band.plate_rect().width()) == before
    kit.window.use_plan(PLAIN, fresh=True)
    assert (view.band.word_pixel_size(), view.band.plate_rect().width()) == before


def test_the_slow_down_shows_the_target_speed_as_a_banner(make_window: MakeWindow) -> None:
    kit = make_window(plan=BELT)
    kit.press(Key.Key_Space)
    kit.walk(4)
    belt = kit.window.coach.belt
    assert belt.speed.text() == "3.5 km/h"
    assert not belt.urgent
    kit.walk(26)
    assert belt.speed.text() == "1.5 km/h"
    assert belt.line.text() == "Slow the belt to 1.5 km/h now"
    assert belt.urgent
    assert belt.line.styleSheet() == kit.window.coach.question_label.styleSheet()


@pytest.mark.parametrize("size", [(486, 270), (800, 540), (1440, 810)])
def test_the_big_buttons_stay_smaller_than_the_time_and_give_way_on_a_small_screen(
    make_window: MakeWindow, size: tuple[int, int]
) -> None:
    """On a 1024x600 laptop at scale 2 (486x270) the buttons' words were larger than the time,
    and their height was the room the word and the time needed."""
    kit = make_window(plan=BELT)
    window, view = kit.window, kit.window.coach
    window.setMinimumSize(200, 150)
    window.resize(*size)
    kit.press(Key.Key_Space)
    kit.walk(5)
    kit.qtbot.wait(1)
    buttons = window.controls.big_buttons
    words = max(QFontInfo(button.font()).pixelSize() for button in buttons)
    assert words < view.time.pixel_size()
    assert words < view.band.word_pixel_size()
    assert max(button.height() for button in buttons) <= max(56, round(size[1] * 0.1) + 12)
    assert words >= QFontInfo(window.font()).pixelSize()  # never below the window's own font


def test_a_short_window_gives_the_speed_figure_more_of_the_coach(make_window: MakeWindow) -> None:
    """Under 600 device pixels the speed takes 21% of the coach during a walk, once the lesser
    lines have given way (at 12% a quarter-size shot of a 1024x600 screen gave "2.5 km/h" for
    1.5; at 16% it was 25 px tall at scale 2 there, and lost); taller coaches keep 12%. The
    word and the time keep the size they had before the walk, and stay larger."""
    kit = make_window(plan=BELT)
    window, view = kit.window, kit.window.coach

    def share(width: int, height: int) -> float:
        window.resize(width, height)
        kit.qtbot.waitUntil(lambda: window.height() == height, timeout=2000)
        kit.qtbot.wait(1)
        margins = view.column.contentsMargins()
        inner = view.height() - margins.top() - margins.bottom()
        return view.belt.speed.height() / inner

    share(800, 540)
    sizes = view.band.word_pixel_size(), view.time.pixel_size()
    kit.press(Key.Key_Space)
    kit.walk(5)
    assert share(800, 540) == pytest.approx(0.21, abs=0.01)
    assert (view.band.word_pixel_size(), view.time.pixel_size()) == sizes
    assert view.belt.speed.pixel_size() < min(sizes)
    assert share(1440, 810) == pytest.approx(0.12, abs=0.01)


def test_a_short_coach_drops_the_lesser_lines_and_a_status_that_repeats_the_keys(
    make_window: MakeWindow,
) -> None:
    """On a 1024x600 screen the programme header, next and round, the whole session's bar and
    "Space pauses, N skips, Esc stops." kept their room, and a quarter-size shot lost the time
    or the speed to tesseract. A status that says something else keeps its line there."""
    kit = make_window(plan=BELT)
    window, view = kit.window, kit.window.coach
    banner = _banner(view)
    banner.show()
    kit.press(Key.Key_Space)
    kit.walk(5)
    lesser = [banner, view.info_row, view.whole_row]
    window.resize(800, 540)  # a 1024x600 screen's window
    kit.qtbot.waitUntil(lambda: view.status_label in view.column.dropped, timeout=2000)
    assert all(part in view.column.dropped for part in lesser)
    assert view.belt.speed not in view.column.dropped
    assert view.belt.line not in view.column.dropped
    view.set_status("Nothing was walked: free some disk space, then Start.")
    kit.qtbot.waitUntil(lambda: view.status_label not in view.column.dropped, timeout=2000)
    kit.press(Key.Key_Space)  # paused: the word says it, the status only repeats the key
    kit.qtbot.waitUntil(lambda: view.status_label in view.column.dropped, timeout=2000)
    kit.press(Key.Key_Space)
    window.resize(1440, 810)  # a full HD screen's: the lines keep what room there is
    kit.qtbot.waitUntil(lambda: view.column.last_rank == LAST, timeout=2000)


@pytest.mark.parametrize("size", SIZES + PORTRAIT, ids=[f"{w}x{h}" for w, h in SIZES + PORTRAIT])
def test_before_a_walk_the_key_that_starts_it_is_the_third_largest_text(
    make_window: MakeWindow, size: tuple[int, int]
) -> None:
    """Before a walk "Press Space to start." is the one thing to do: larger than every small
    line, smaller than the word and the time, kept on a short screen; the whole session's row,
    which only repeats the big figure then, gives its room up. Once walking, the key hint is a
    small line again, the first to give way, and the row is back. (Two big texts among many
    small lines made a quarter-size shot of the ready coach read as no text at all.)"""
    kit = make_window(plan=BELT)
    window, view = kit.window, kit.window.coach
    window.setMinimumSize(200, 150)
    window.resize(*size)
    kit.qtbot.waitUntil(lambda: window.size().toTuple() == size, timeout=2000)
    kit.qtbot.wait(1)
    assert view.status_label.text() == "Press Space to start."
    prompt = QFontInfo(view.status_label.font()).pixelSize()
    small = QFontInfo(view.next_label.font()).pixelSize()
    assert small < prompt < min(view.band.word_pixel_size(), view.time.pixel_size())
    assert view.status_label not in view.column.dropped
    assert view.status_label.isVisible()
    assert view.whole_row.isHidden()
    kit.press(Key.Key_Space)
    kit.walk(1)
    kit.qtbot.waitUntil(lambda: view.status_label.text().startswith("Space pauses"), timeout=2000)
    assert QFontInfo(view.status_label.font()).pixelSize() <= small < prompt
    assert not view.whole_row.isHidden()
    kit.press_twice(Key.Key_Escape)  # stopped: the summary's row says what was not walked
    kit.qtbot.waitUntil(lambda: view.total_label.text().endswith("not walked"), timeout=2000)
    assert not view.whole_row.isHidden()


def test_before_the_first_walk_the_checklist_s_key_is_the_prompt(make_window: MakeWindow) -> None:
    """Closed unconfirmed, the checklist leaves "Confirm the safety checklist to start: press
    Space." on the coach: what starts the first walk, as large as "Press Space to start."."""
    kit = make_window(Settings(checklist_confirmed=False), plan=BELT)
    window, view = kit.window, kit.window.coach
    window.resize(972, 540)
    kit.press(Key.Key_Space)  # asks for the checklist first
    kit.qtbot.waitUntil(lambda: window.checklist is not None, timeout=2000)
    dialog = window.checklist
    assert dialog is not None
    dialog.reject()
    kit.qtbot.waitUntil(lambda: view.status_label.text().startswith("Confirm"), timeout=2000)
    kit.qtbot.wait(1)
    prompt = QFontInfo(view.status_label.font()).pixelSize()
    assert QFontInfo(view.next_label.font()).pixelSize() < prompt
    assert prompt < min(view.band.word_pixel_size(), view.time.pixel_size())
    assert view.status_label not in view.column.dropped
    assert kit.session.state is State.IDLE
