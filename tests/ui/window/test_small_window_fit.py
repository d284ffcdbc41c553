"""The smallest windows a screen gives (a 1024x600 laptop at scale 2 leaves 486x270): every page
and every state of the coach shows its buttons' words and its lines whole, the Plan page's
fields can all be reached, and notices never take the coach's room."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from cut_text import cut_texts
from look_restored import application_look_restored  # noqa: F401  (used by name)
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QWidget,
)
from walks import minute_each_way
from wheel import turn_wheel
from window_kit import MakeWindow, WindowKit

from retrocoach.core.history.store import HistoryStore
from retrocoach.core.plan.model import parse_spec
from retrocoach.core.session.machine import State
from retrocoach.core.storage.paths import DataPaths
from retrocoach.ui.coach.treadmill_panel import TreadmillPanel
from retrocoach.ui.history.parts import ROWS_LEAST
from retrocoach.ui.plan.editor import PlanEditor
from retrocoach.ui.window.frame import WindowFrame

Key = Qt.Key

pytestmark = pytest.mark.usefixtures("application_look_restored")

BELT = parse_spec(
    "getready=3s warmup=0s forward=30s backward=30s turn=5s rounds=1 cooldown=0s "
    "forward-speed=3.5km/h backward-speed=1.5km/h",
    name="belt",
)
# In the window's own pixels: 1024x600 and 1280x720 at scale 2, the least window at scale 1,
# and 1024x600 at scale 1 (the window as it opens: its minimum is bounded to fit the screen).
SIZES = [(486, 270), (640, 360), (640, 480), (800, 540)]
LONG_NOTICE = (
    "No sound: RetroCoach found nothing on this computer that can play its cues, so the "
    "direction band flashes at every switch instead. Check that speakers or headphones are "
    "connected and not muted, then start RetroCoach again."
)


def _sized(kit: WindowKit, size: tuple[int, int]) -> None:
    kit.window.setMinimumSize(200, 150)  # as minimum_size() bounds it on such a screen
    kit.window.resize(*size)
    kit.qtbot.waitUntil(lambda: kit.window.size().toTuple() == size, timeout=2000)


def _settled(kit: WindowKit) -> tuple[int, int, int]:
    """The coach's height and the word's and the time's sizes, once two passes of the event
    loop leave them alike (a notice is shown, then the layout it changes runs)."""
    view = kit.window.coach
    readings: list[tuple[int, int, int]] = []

    def alike() -> bool:
        kit.qtbot.wait(1)
        readings.append((view.height(), view.band.word_pixel_size(), view.time.pixel_size()))
        return len(readings) > 1 and readings[-1] == readings[-2]

    kit.qtbot.waitUntil(alike, timeout=2000)
    return readings[-1]


def _cuts(kit: WindowKit, where: str) -> list[str]:
    for _ in range(3):
        QApplication.processEvents()
    return [f"{where}: {cut}" for cut in cut_texts(kit.window)]


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_no_page_and_no_state_of_the_coach_cuts_a_button_or_a_line(
    make_window: MakeWindow, size: tuple[int, int]
) -> None:
    kit = make_window(plan=BELT)
    _sized(kit, size)
    window = kit.window
    cuts: list[str] = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        cuts += _cuts(kit, window.tabs.tabText(index))
    window.tabs.setCurrentIndex(0)
    kit.press(Key.Key_M)  # "Unmute" is the mute button's longest word
    kit.press(Key.Key_Space)
    kit.walk(4)
    cuts += _cuts(kit, "walking")
    kit.press(Key.Key_Space)
    assert kit.session.state is State.PAUSED
    cuts += _cuts(kit, "paused")  # "Resume"
    kit.press(Key.Key_Space)
    kit.press_twice(Key.Key_Escape)
    assert kit.session.state is State.STOPPED
    if window.checkin is not None:
        window.checkin.reject()
    cuts += _cuts(kit, "stopped")  # "Start again"
    assert not cuts, "\n".join(cuts)


def _shown_in(scroll: QScrollArea, widget: QWidget) -> bool:
    """Whether all of *widget* shows in *scroll*'s viewport."""
    viewport = scroll.viewport()
    corner = widget.mapTo(viewport, QPoint(0, 0))
    return viewport.rect().contains(QRect(corner, widget.size()))


def _plan_page_at_the_smallest(make_window: MakeWindow) -> tuple[WindowKit, PlanEditor]:
    """The window at 486x270 on its Plan page (Ctrl+P), and the plan editor."""
    kit = make_window(plan=BELT)
    _sized(kit, (486, 270))
    kit.press(Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    return kit, kit.window._pages.plan_editor


def test_on_the_smallest_window_tab_reaches_and_shows_every_field_of_the_plan(
    make_window: MakeWindow,
) -> None:
    kit, editor = _plan_page_at_the_smallest(make_window)
    assert kit.window.tabs.currentWidget() is not kit.window.coach
    scroll = editor.findChild(QScrollArea)
    assert scroll is not None, "the form scrolls in a window too short for it"
    fields = editor._fields.in_order
    assert len(fields) >= 9
    editor._choice.setFocus()  # where the page puts the focus, above the fields
    seen: list[QWidget] = []
    for field in fields:
        kit.press(Key.Key_Tab)
        kit.qtbot.waitUntil(field.hasFocus, timeout=2000)
        QApplication.processEvents()
        assert field.height() >= field.minimumSizeHint().height(), field.accessibleName()
        assert _shown_in(scroll, field), f"{field.accessibleName()} is out of sight"
        seen.append(field)
    assert seen == list(fields)


NOTICE_SIZES = [(486, 270), (972, 540), (1440, 810), (2880, 1620)]
TINY = (486, 270)
"""1024x600 at scale 2: too short to keep the word's and the time's size and the speed too."""


def _box(view: QWidget, part: QWidget) -> QRect:
    return QRect(part.mapTo(view, QPoint(0, 0)), part.size())


@pytest.mark.parametrize("size", NOTICE_SIZES, ids=[f"{w}x{h}" for w, h in NOTICE_SIZES])
def test_notices_in_a_walk_take_lesser_lines_room_and_at_most_a_quarter_each_whole(
    make_window: MakeWindow, size: tuple[int, int]
) -> None:
    """A notice may come in the middle of a walk (the treadmill lost): the direction and the
    time keep their size, lesser lines give it their room, and it never takes more than a
    quarter of the window (beyond that the notices scroll). On the tiniest window the speed
    to set stays too, and the three share what room there is without running into another."""
    kit = make_window(plan=BELT)
    _sized(kit, size)
    kit.press(Key.Key_Space)
    kit.walk(4)
    assert kit.session.state is State.RUNNING
    view = kit.window.coach
    coach, word, time = _settled(kit)
    notices = kit.window.notices
    notices.show_notice("sound", LONG_NOTICE)
    notices.show_notice(
        "remote", "No session bus: media keys and headset buttons are not available."
    )
    frame = kit.window.findChild(WindowFrame)
    assert frame is not None
    kit.qtbot.waitUntil(notices.isVisible, timeout=2000)
    lent, *kept = _settled(kit)
    assert lent < coach, "the notices took some of the coach's room"
    assert notices.height() <= frame.height() // 4 + 1
    if size != TINY:
        assert kept == [word, time], "a notice leaves the direction and the time their size"
    assert view.belt.speed not in view.column.dropped, "the speed to set is kept"
    parts = [_box(view, part) for part in (view.band, view.middle, view.belt.speed)]
    for number, part in enumerate(parts):
        for other in parts[number + 1 :]:
            assert not part.intersects(other), f"{part} runs into {other}"
        assert view.rect().contains(part)
    scroll = notices.findChild(QScrollArea)
    assert scroll is not None
    labels = [label for label in notices.findChildren(QLabel) if label.text()]
    assert len(labels) == 2
    for label in labels:
        assert label.height() + 1 >= label.heightForWidth(label.width()), label.text()
    # Every notice can be read and dismissed: scrolled to, it shows.
    scroll.ensureWidgetVisible(labels[-1], 0, 0)
    QApplication.processEvents()
    assert scroll.viewport().rect().intersects(_box(scroll.viewport(), labels[-1]))
    # Gone again, the notices give the room back, and the sizes are those of before.
    notices.dismiss("sound")
    notices.dismiss("remote")
    kit.qtbot.waitUntil(lambda: not notices.isVisible(), timeout=2000)
    assert _settled(kit) == (coach, word, time)


def test_the_wheel_over_the_plan_s_rounds_scrolls_the_form_and_leaves_the_rounds(
    make_window: MakeWindow,
) -> None:
    _kit, editor = _plan_page_at_the_smallest(make_window)
    scroll = editor.findChild(QScrollArea)
    assert scroll is not None
    rounds = editor._fields.rounds
    scroll.ensureWidgetVisible(rounds)
    before = rounds.value()
    for step in (-1, 1):  # either way, rounds that took the wheel would change
        turn_wheel(rounds, step)
        assert rounds.value() == before
    assert editor.plan == BELT, "the plan is as it was"


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_history_page_keeps_its_rows_and_every_button_whole_scrolling_if_it_must(
    make_window: MakeWindow, data_paths: DataPaths, size: tuple[int, int]
) -> None:
    """A row and a half and cut buttons ("elete sessio") at 486x270: now ROWS_LEAST rows show
    at least, the buttons wrap onto a second line, and the page scrolls only when it must."""
    history = HistoryStore(data_paths, warn=pytest.fail)
    start = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
    for number in range(12):
        history.add(minute_each_way(f"walk{number}", start + timedelta(days=number)))
    kit = make_window(plan=BELT)
    _sized(kit, size)
    kit.press(Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    view = kit.window._pages.history.page  # type: ignore[attr-defined]
    kit.qtbot.waitUntil(lambda: view.table.model().rowCount() == 12, timeout=2000)
    cuts = _cuts(kit, "History")
    assert not cuts, "\n".join(cuts)
    table = view.table
    kit.qtbot.waitUntil(lambda: table.height() > 0, timeout=1000)
    rows = table.viewport().height() / table.verticalHeader().defaultSectionSize()
    assert rows >= ROWS_LEAST - 0.05, f"{rows:.1f} rows at {size}"
    page = view.findChild(QScrollArea)
    assert page is not None
    for button in view.findChildren(QPushButton):
        if button.isVisibleTo(view):
            page.ensureWidgetVisible(button, 0, 0)
            QApplication.processEvents()
            assert _shown_in(page, button), button.text()
    if size != TINY:  # room enough: no scrolling
        assert page.verticalScrollBar().maximum() == 0


PLAIN = parse_spec("getready=3s warmup=0s forward=30s backward=30s rounds=1 cooldown=0s")
KEPT_SIZES = [(1366, 768), (1024, 600), (800, 540), (640, 360), (600, 1000), (486, 270)]


@pytest.mark.parametrize("size", KEPT_SIZES, ids=[f"{w}x{h}" for w, h in KEPT_SIZES])
@pytest.mark.parametrize("plan", [PLAIN, BELT], ids=["plain", "belt"])
def test_the_treadmill_lost_with_notices_keeps_every_big_part_inside_the_coach(
    make_window: MakeWindow, size: tuple[int, int], plan: object
) -> None:
    """The treadmill lost (its banner is kept beside the direction and the time) and two
    notices lent their room: the time ran 30 px past the coach's foot at 1366x768. And the
    speed to set by hand was dropped on a short coach (640x360, 1280x720 at scale 2)."""
    kit = make_window(plan=plan)
    _sized(kit, size)
    view = kit.window.coach
    panel = TreadmillPanel(view)
    kit.press(Key.Key_Space)
    kit.walk(4)
    panel.show_state(True, None, None)
    panel.show_lost("The treadmill is lost: set the belt by hand.")
    kit.window.notices.show_notice("sound", LONG_NOTICE)
    kit.window.notices.show_notice("remote", "No session bus: media keys are not available.")
    _settled(kit)
    parts = [panel.lost, view.band, view.middle]
    if plan is BELT:
        assert view.belt.speed not in view.column.dropped, "the speed to set by hand shows"
        parts.append(view.belt.speed)
    boxes = [_box(view, part) for part in parts]
    for number, box in enumerate(boxes):
        assert view.rect().contains(box), f"{parts[number].objectName()} {box} past {view.rect()}"
        for other in boxes[number + 1 :]:
            assert not box.intersects(other), f"{box} runs into {other}"


def test_a_notice_whose_text_changes_is_sized_for_its_new_text(make_window: MakeWindow) -> None:
    kit = make_window(plan=BELT)
    _sized(kit, (1024, 691))
    notices = kit.window.notices
    scroll = notices.findChild(QScrollArea)
    assert scroll is not None
    notices.show_notice("heart", "Heart strap: connecting.")
    kit.qtbot.waitUntil(notices.isVisible, timeout=2000)
    _settled(kit)
    short = notices.height()
    notices.show_notice("heart", " ".join([LONG_NOTICE] * 2))
    kit.qtbot.waitUntil(lambda: notices.height() > short, timeout=2000)
    _settled(kit)
    assert scroll.verticalScrollBar().maximum() == 0, "under its limit, nothing to scroll"
    notices.show_notice("heart", "Heart strap: connected.")
    kit.qtbot.waitUntil(lambda: notices.height() == short, timeout=2000)


def test_space_pauses_the_walk_once_the_last_notice_is_dismissed_from_the_keyboard(
    make_window: MakeWindow,
) -> None:
    kit = make_window(plan=BELT)
    kit.press(Key.Key_Space)
    kit.walk(4)
    notices = kit.window.notices
    notices.show_notice("a", "First notice.")
    notices.show_notice("b", "Second notice.")
    kit.qtbot.waitUntil(notices.isVisible, timeout=2000)
    for _ in range(2):
        dismiss = next(
            button
            for button in notices.findChildren(QToolButton)
            if button.isVisible() and button.text() == "Dismiss"
        )
        dismiss.setFocus(Qt.FocusReason.TabFocusReason)
        kit.qtbot.waitUntil(dismiss.hasFocus, timeout=2000)
        kit.press(Key.Key_Space)
    kit.qtbot.waitUntil(lambda: not notices.isVisible(), timeout=2000)
    assert kit.session.state is State.RUNNING
    kit.press(Key.Key_Space)
    assert kit.session.state is State.PAUSED, "Space reached the walk again"


def test_notices_at_their_limit_show_whole_notices_and_scroll_to_the_rest(
    make_window: MakeWindow,
) -> None:
    """At a quarter of a 640x360 window two notices did not fit: the second showed cut
    across a line. Now the bar ends under the last whole notice, and the rest scrolls."""
    kit = make_window(plan=BELT)
    _sized(kit, (640, 360))
    notices = kit.window.notices
    notices.show_notice("remote", "No session bus: media keys are not available.")
    notices.show_notice("sound", LONG_NOTICE)
    kit.qtbot.waitUntil(notices.isVisible, timeout=2000)
    _settled(kit)
    scroll = notices.findChild(QScrollArea)
    assert scroll is not None
    assert scroll.verticalScrollBar().maximum() > 0, "the two do not fit: the rest scrolls"
    viewport = scroll.viewport()
    frames = [
        frame for frame in notices.findChildren(QWidget, "notice") if frame.isVisibleTo(notices)
    ]
    assert len(frames) == 2
    for frame in frames:
        box = _box(viewport, frame)
        shown = viewport.rect().intersected(box)
        assert shown.isEmpty() or shown == box, f"a notice cut across: {box} in {viewport.rect()}"


STEADY_SIZES = [(1024, 691), (800, 540), (640, 360)]


@pytest.mark.parametrize("size", STEADY_SIZES, ids=[f"{w}x{h}" for w, h in STEADY_SIZES])
def test_notices_there_from_the_start_leave_the_prompt_and_one_size_for_the_session(
    make_window: MakeWindow, size: tuple[int, int]
) -> None:
    """No sound and no session bus, said at start-up: before a walk the key that starts it
    shows (it was dropped for the notices' loan), and the word and the time keep one size
    from before the walk through it."""
    kit = make_window(plan=BELT)
    _sized(kit, size)
    view = kit.window.coach
    notices = kit.window.notices
    notices.show_notice("sound", LONG_NOTICE)
    notices.show_notice("remote", "No session bus: media keys are not available.")
    kit.qtbot.waitUntil(notices.isVisible, timeout=2000)
    _coach, *before = _settled(kit)
    assert view.status_label.text() == "Press Space to start."
    assert view.status_label not in view.column.dropped, "the key that starts the walk shows"
    kit.press(Key.Key_Space)
    kit.walk(4)
    assert kit.session.state is State.RUNNING
    _coach, *walking = _settled(kit)
    assert walking == before, "the word and the time keep their size as the walk begins"


@pytest.mark.parametrize("size", STEADY_SIZES, ids=[f"{w}x{h}" for w, h in STEADY_SIZES])
def test_at_the_first_start_the_checklist_s_prompt_shows_beside_two_notices(
    make_window: MakeWindow, size: tuple[int, int]
) -> None:
    """The first start on a computer with no sound and no session bus: after Esc on the
    checklist, "Confirm the safety checklist to start: press Space." was given no room."""
    kit = make_window(first_run=True)
    _sized(kit, size)
    checklist = kit.window.checklist
    assert checklist is not None
    checklist.reject()
    notices = kit.window.notices
    notices.show_notice("sound", LONG_NOTICE)
    notices.show_notice("remote", "No session bus: media keys are not available.")
    kit.qtbot.waitUntil(notices.isVisible, timeout=2000)
    _settled(kit)
    view = kit.window.coach
    assert "checklist" in view.status_label.text()
    assert view.status_label not in view.column.dropped, "the key to the first walk shows"
    assert view.status_label.height() >= view.status_label.heightForWidth(view.status_label.width())
