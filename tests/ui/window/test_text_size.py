"""No text under 10 pt at scale 1, and no tick box under 20 px, on any page or dialog: the window
is read by older eyes.

The application's font is raised to 10 pt where the desktop's is smaller (Qt's default here is
9 pt), as the window does at start; then every visible widget that shows text, on every page
and in the settings, checklist and check-in dialogs, is measured by the font Qt resolved.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontInfo
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QStyle,
    QTabBar,
    QTextEdit,
    QWidget,
)
from window_kit import MakeWindow

from retrocoach.app.window import MIN_POINTS, configure_application
from retrocoach.ui.buttons import TICK_PX

Key = Qt.Key
ROUNDING = 0.3
"""Qt draws whole pixels: 10 pt is 13 px at 96 dpi, which QFontInfo reports as 9.75 pt."""
TEXT_WIDGETS = (
    QLabel,
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QTabBar,
    QGroupBox,
    QAbstractItemView,
    QTextEdit,
)


@pytest.fixture
def readable_app(qapp: QApplication) -> Iterator[QApplication]:
    """The application configured as the window's start does it; its font put back after."""
    font = QFont(qapp.font())
    configure_application(qapp, icon=False)
    yield qapp
    qapp.setFont(font)


def _small_texts(root: QWidget) -> list[str]:
    """Every visible text-bearing widget under *root* (itself included) under MIN_POINTS."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, TEXT_WIDGETS) or not widget.isVisible():
            continue
        name = widget.objectName() or widget.accessibleName() or type(widget).__name__
        points = QFontInfo(widget.font()).pointSizeF()
        if points < MIN_POINTS - ROUNDING:
            found.append(f"{name}: {points:.1f} pt")
        rich = widget.text() if isinstance(widget, QLabel) else ""
        if isinstance(widget, QTextEdit):
            rich = widget.toHtml()
            document = QFontInfo(widget.document().defaultFont()).pointSizeF()
            if document < MIN_POINTS - ROUNDING:
                found.append(f"{name}'s text: {document:.1f} pt")
        if isinstance(widget, QCheckBox):
            side = widget.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, widget)
            if side < TICK_PX:
                found.append(f"{name}: a {side} px tick box")
        if "<small" in rich or "font-size:8" in rich.replace(" ", ""):
            found.append(f"{name}: smaller text in its rich text")
    return found


def _dialogs() -> list[QWidget]:
    return [
        widget
        for widget in QApplication.topLevelWidgets()
        if widget.isVisible() and widget.isWindow() and widget.windowTitle()
    ]


def test_no_text_on_any_page_or_dialog_is_under_10_pt_nor_a_tick_box_under_20_px(
    readable_app: QApplication, make_window: MakeWindow
) -> None:
    assert QFontInfo(readable_app.font()).pointSizeF() >= MIN_POINTS - ROUNDING
    kit = make_window(first_run=True)
    window = kit.window
    small: list[str] = []
    checklist = window.checklist
    assert checklist is not None
    small += [f"checklist {text}" for text in _small_texts(checklist)]
    kit.tick_checklist()
    checklist.accept()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        page = window.tabs.tabText(index)
        small += [f"{page} page {text}" for text in _small_texts(window)]
    window.tabs.setCurrentIndex(0)
    window._on_settings_requested()
    kit.qtbot.waitUntil(lambda: len(_dialogs()) > 1, timeout=2000)
    for dialog in _dialogs():
        if dialog is not window:
            small += [f"{dialog.windowTitle()} {text}" for text in _small_texts(dialog)]
            dialog.close()
    kit.press(Key.Key_Space)
    kit.walk(60)  # the whole short plan: a finished walk is asked about
    checkin = window.checkin
    assert checkin is not None
    kit.qtbot.waitUntil(checkin.isVisible, timeout=2000)
    small += [f"check-in {text}" for text in _small_texts(checkin)]
    assert not small, "\n".join(sorted(set(small)))
