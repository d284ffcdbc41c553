"""Any screen, size and theme: pages from the keyboard, walk mode, dark colours, the History page
at the window's minimum size, and the plan remembered across starts.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from look_restored import application_look_restored  # noqa: F401  (used by name)
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QPushButton
from window_kit import MakeWindow, WindowKit

from retrocoach.app.window import build_window
from retrocoach.core.history.records import Outcome, SessionRecord
from retrocoach.core.history.store import HistoryStore
from retrocoach.core.plan.model import Kind, Plan, parse_spec
from retrocoach.core.plan.store import PlanStore
from retrocoach.core.session.machine import SegmentRecord
from retrocoach.core.settings.store import Settings, SettingsStore
from retrocoach.core.storage.paths import DataPaths
from retrocoach.ui.coach.look import READY
from retrocoach.ui.history.chart import page_colours
from retrocoach.ui.window.theme import dark_palette

Key = Qt.Key
Ctrl = Qt.KeyboardModifier.ControlModifier
Shift = Qt.KeyboardModifier.ShiftModifier


pytestmark = pytest.mark.usefixtures("application_look_restored")


def _page(kit: WindowKit) -> str:
    return kit.window.tabs.tabText(kit.window.tabs.currentIndex())


def test_ctrl_tab_and_ctrl_shift_tab_move_between_the_pages(make_window: MakeWindow) -> None:
    kit = make_window()
    tabs = kit.window.tabs
    assert _page(kit) == "Coach"
    kit.press(Key.Key_Tab, Ctrl)
    assert _page(kit) == tabs.tabText(1)
    kit.press(Key.Key_Tab, Ctrl)
    assert _page(kit) == tabs.tabText(2)
    kit.press(Key.Key_Backtab, Ctrl | Shift)
    assert _page(kit) == tabs.tabText(1)
    kit.press(Key.Key_Backtab, Ctrl | Shift)
    kit.press(Key.Key_Backtab, Ctrl | Shift)  # round from the first page to the last
    assert tabs.currentIndex() == tabs.count() - 1


def test_f11_is_walk_mode_the_coach_alone_in_the_segments_colour(
    make_window: MakeWindow,
) -> None:
    kit = make_window(sound_problem="no sound here")  # a notice to hide
    window = kit.window
    button = window.controls.full_screen_button
    assert button.text() == "Walk mode"
    kit.press(Key.Key_F11)
    assert window.coach.walk_mode
    assert window.isFullScreen()
    assert not window.tabs.tabBar().isVisible()
    assert not window.notices.isVisible()
    assert button.text() == "Leave walk mode"
    image = window.coach.grab().toImage()
    assert image.pixelColor(3, image.height() - 3) == QColor(READY.background)
    kit.press(Key.Key_Space)
    kit.walk(3.5)  # into the warm-up
    assert kit.session.segment.kind is Kind.WARMUP
    image = window.coach.grab().toImage()
    corner = image.pixelColor(image.width() - 3, image.height() - 3)
    assert corner.hue() == QColor(window.coach.band.look.background).hue()
    kit.press(Key.Key_F11)
    assert not window.coach.walk_mode
    assert window.tabs.tabBar().isVisible()
    assert window.notices.isVisible()
    assert button.text() == "Walk mode"


def test_another_page_asked_for_in_walk_mode_leaves_it(make_window: MakeWindow) -> None:
    kit = make_window()
    kit.press(Key.Key_F11)
    kit.press(Key.Key_H, Ctrl)
    assert not kit.window.coach.walk_mode
    assert _page(kit) == "History"


def test_esc_with_nothing_running_leaves_walk_mode(make_window: MakeWindow) -> None:
    kit = make_window()
    kit.press(Key.Key_F11)
    kit.press(Key.Key_Escape)
    assert not kit.window.coach.walk_mode
    assert not kit.window.isFullScreen()


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        red, green, blue = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_direction_colours_keep_4_5_to_1_on_light_and_dark_pages(theme: str) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    palette = dark_palette() if theme == "dark" else app.style().standardPalette()
    page = palette.color(QPalette.ColorRole.Window)
    base = palette.color(QPalette.ColorRole.Base)
    for colour in page_colours(palette):
        assert _contrast(colour, page) >= 4.5, colour.name()
        assert _contrast(colour, base) >= 4.5, colour.name()


def test_the_dark_theme_darkens_the_window_and_the_chart_follows(
    make_window: MakeWindow,
) -> None:
    kit = make_window(Settings(checklist_confirmed=True, theme="dark"))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert app.palette().color(QPalette.ColorRole.Window).lightness() < 80
    assert app.style().name().lower() == "fusion"
    kit.press(Key.Key_H, Ctrl)
    chart = kit.window._pages.history.page.chart  # type: ignore[attr-defined]
    text = chart.chart().titleBrush().color()
    assert _contrast(text, app.palette().color(QPalette.ColorRole.Window)) >= 7
    for axis in chart.chart().axes():
        assert axis.labelsColor() == text
    forward, backward = page_colours(app.palette())
    assert chart.forward_set.brush().color() == forward
    assert chart.backward_set.brush().color() == backward
    assert chart.backward_set.brush().style() is not Qt.BrushStyle.SolidPattern


def test_the_theme_chosen_in_settings_applies_at_once(make_window: MakeWindow) -> None:
    kit = make_window()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    kit.window._apply_settings(Settings(checklist_confirmed=True, theme="dark"))
    assert app.palette().color(QPalette.ColorRole.Window).lightness() < 80
    kit.window._apply_settings(Settings(checklist_confirmed=True, theme="system"))
    assert app.palette().color(QPalette.ColorRole.Window).lightness() > 128


def _walks(paths: DataPaths, count: int) -> None:
    history = HistoryStore(paths, warn=pytest.fail)
    plan = Plan(forward_s=60, backward_s=60, rounds=1, warmup_s=0, cooldown_s=0)
    start = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
    for number in range(count):
        segments = (
            SegmentRecord(Kind.FORWARD, 60, 60.0, 1),
            SegmentRecord(Kind.BACKWARD, 60, 60.0, 1),
        )
        history.add(
            SessionRecord(
                id=f"walk{number}",
                started_at=start + timedelta(days=number),
                ended_at=start + timedelta(days=number, minutes=2),
                outcome=Outcome.COMPLETED,
                plan=plan,
                segments=segments,
                forward_s=60.0,
                backward_s=60.0,
            )
        )


@pytest.mark.parametrize(("width", "height"), [(640, 480), (500, 400)])
def test_the_history_page_works_at_the_smallest_window(
    make_window: MakeWindow, data_paths: DataPaths, width: int, height: int
) -> None:
    _walks(data_paths, 12)
    kit = make_window()
    kit.window.resize(width, height)
    kit.press(Key.Key_H, Ctrl)
    view = kit.window._pages.history.page  # type: ignore[attr-defined]
    kit.qtbot.waitUntil(lambda: view.table.model().rowCount() == 12, timeout=2000)
    chart, table = view.chart, view.table
    if chart.isVisible():  # the two never overlap
        assert not chart.geometry().intersects(table.geometry())
    fold = view.findChild(QPushButton, "history_fold_button")
    assert fold is not None
    if view.splitter.folded_for_room:  # the page is shorter than the chart: it gave way
        assert not chart.isVisible()
        assert not fold.isEnabled()
    else:
        fold.click()
        assert not chart.isVisible()
        assert fold.text().replace("&", "") == "Show chart"
    kit.qtbot.waitUntil(lambda: table.height() > 0, timeout=1000)
    rows = table.viewport().height() // max(1, table.rowHeight(0))
    assert rows >= 3, f"{rows} rows show at {width}x{height}"


def test_the_plan_walked_last_is_opened_at_the_next_start(
    make_window: MakeWindow, data_paths: DataPaths, qtbot: object
) -> None:
    spec = "getready=2s warmup=4s forward=7s backward=3s rounds=2 cooldown=4s"
    kit = make_window(plan=parse_spec(spec))
    kit.press(Key.Key_Space)
    saved = SettingsStore(data_paths, warn=pytest.fail).load()
    assert saved.last_plan is not None
    warnings: list[str] = []
    again = build_window(
        data_paths,
        HistoryStore(data_paths, warn=warnings.append),
        PlanStore(data_paths, warn=warnings.append),
        plan=None,
        warn=warnings.append,
    )
    try:
        assert again.plan is not None
        assert again.plan.spec() == parse_spec(spec).spec()
        assert warnings == []
    finally:
        again.deleteLater()
