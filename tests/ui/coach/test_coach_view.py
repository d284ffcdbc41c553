"""The coach view: readable from the treadmill, one look per direction, no needless repaint."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from retrocoach.core.plan.model import Kind, Segment
from retrocoach.core.safety.reminders import ReminderBook
from retrocoach.core.session.machine import Progress, State
from retrocoach.ui.coach.look import FINISHED, LOOKS, PAUSED, READY, STOPPED
from retrocoach.ui.coach.view import CoachView, next_text, round_text
from retrocoach.ui.window.main_window import default_size

NEXT_BACKWARD = Segment(Kind.BACKWARD, 60, 1)


def _progress(
    kind: Kind = Kind.FORWARD,
    remaining: float = 65.0,
    state: State = State.RUNNING,
    following: Segment | None = NEXT_BACKWARD,
) -> Progress:
    return Progress(
        state=state,
        segment=Segment(kind, 300, 1 if kind in (Kind.FORWARD, Kind.BACKWARD) else 0),
        next_segment=following,
        index=2,
        remaining_s=remaining,
        total_remaining_s=remaining + 600,
        fraction_done=0.25,
        rounds=3,
    )


def _luminance(colour: str) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    rgb = QColor(colour)
    red, green, blue = (channel(c) for c in (rgb.redF(), rgb.greenF(), rgb.blueF()))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture
def view(qtbot: QtBot) -> CoachView:
    made = CoachView()
    qtbot.addWidget(made)
    made.resize(1440, 650)
    made.show()
    qtbot.waitExposed(made)
    return made


def test_it_shows_direction_time_next_round_and_total(view: CoachView) -> None:
    view.show_progress(_progress(), None)
    assert view.band.look.word == "FORWARD"
    assert view.time.text() == "1:05"
    assert view.next_label.text() == "next: backward 1:00"
    assert view.round_label.text() == "round 1 of 3"
    assert view.total_label.text() == "11:05 left in all"
    assert view.bar.value() == 250


@pytest.mark.parametrize(
    ("kind", "word"),
    [
        (Kind.GETREADY, "GET READY"),
        (Kind.WARMUP, "WARM-UP"),
        (Kind.FORWARD, "FORWARD"),
        (Kind.BACKWARD, "BACKWARD"),
        (Kind.COOLDOWN, "COOL-DOWN"),
    ],
)
def test_each_part_has_its_word(view: CoachView, kind: Kind, word: str) -> None:
    view.show_progress(_progress(kind), None)
    assert view.band.look.word == word
    assert view.band.accessibleDescription() == word


def test_idle_paused_finished_and_stopped_are_plain_to_see(view: CoachView) -> None:
    view.show_progress(_progress(state=State.IDLE), None)
    assert view.band.look is READY
    view.show_progress(_progress(state=State.PAUSED), None)
    assert view.band.look is PAUSED
    view.show_progress(_progress(state=State.FINISHED, remaining=0), None)
    assert view.band.look is FINISHED
    assert view.next_label.text() == ""
    view.show_progress(_progress(state=State.STOPPED, remaining=0), None)
    assert view.band.look is STOPPED


def test_every_look_differs_in_colour_and_in_arrow_or_pattern() -> None:
    looks = [*LOOKS.values(), READY, PAUSED, FINISHED, STOPPED]
    for a, b in itertools.combinations(LOOKS.values(), 2):
        assert a.background != b.background
        # Colour is never the only signal: the word differs, and so does arrow or pattern.
        assert a.word != b.word
        assert (a.arrow, a.pattern) != (b.arrow, b.pattern)
    for look in looks:
        assert _contrast(look.background, look.ink) >= 4.5, look.word


def test_forward_and_backward_differ_in_arrow_and_pattern() -> None:
    forward, backward = LOOKS[Kind.FORWARD], LOOKS[Kind.BACKWARD]
    assert forward.arrow != backward.arrow
    assert forward.pattern != backward.pattern


def test_at_the_default_size_on_a_full_hd_screen_the_figures_are_huge(qtbot: QtBot) -> None:
    from retrocoach.ui.window.control_bar import ControlBar  # noqa: PLC0415

    size = default_size(QSize(1920, 1040))  # 1080 less a panel
    view = CoachView()
    qtbot.addWidget(view)
    # The window gives the view its size less the tab bar, the buttons and the margins.
    bar = ControlBar()
    qtbot.addWidget(bar)
    view.resize(size.width(), size.height() - bar.sizeHint().height() - 40)
    view.show()
    qtbot.waitExposed(view)
    view.show_progress(_progress(Kind.BACKWARD), None)
    assert view.time.ink_height("0:00") >= 120
    assert view.band.word_ink_height() >= 40


def test_the_figures_grow_with_the_window(view: CoachView, qtbot: QtBot) -> None:
    small = view.time.pixel_size()
    view.resize(2400, 1300)
    qtbot.waitUntil(lambda: view.time.pixel_size() > small, timeout=1000)


def test_an_hour_long_segment_fits_its_hours(view: CoachView) -> None:
    minutes = view.time.pixel_size()
    view.show_progress(_progress(remaining=3900), None)
    assert view.time.text() == "1:05:00"
    assert view.time.pixel_size() <= minutes


class _PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_showing_the_same_second_again_repaints_nothing(view: CoachView, qtbot: QtBot) -> None:
    book = ReminderBook.default()
    reminder = book.all()[0]
    view.show_progress(_progress(), reminder)
    counter = _PaintCounter()
    for widget in (view.time, view.band, view.next_label, view.reminder_label):
        widget.installEventFilter(counter)
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    QApplication.processEvents()
    counter.count = 0
    view.show_progress(_progress(), reminder)
    QApplication.processEvents()
    assert counter.count == 0


def test_round_and_next_words() -> None:
    assert round_text(Segment(Kind.WARMUP, 60), 3) == "before round 1 of 3"
    assert round_text(Segment(Kind.COOLDOWN, 60), 3) == "all 3 rounds done"
    assert round_text(Segment(Kind.COOLDOWN, 60), 1) == "the round is done"
    assert next_text(None, State.RUNNING) == "next: the end"
    assert next_text(Segment(Kind.COOLDOWN, 120), State.RUNNING) == "next: cool-down 2:00"
