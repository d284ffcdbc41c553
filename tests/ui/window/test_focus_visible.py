"""Wherever a keyboard user can act, the focus shows: Tab through every page (and the settings
dialog) in both themes, and each widget that takes the focus looks plainly different focused,
pixel by pixel: a mark of at least 3:1 against what was there before, all round its edge.
"""

from __future__ import annotations

import pytest
from look_restored import application_look_restored  # noqa: F401  (used by name)
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget
from window_kit import MakeWindow, WindowKit

from retrocoach.core.settings.store import Settings

TABS = 40
"""Tab presses per page: more than any page has stops, so the focus goes round."""
CONTRAST = 3.0


pytestmark = pytest.mark.usefixtures("application_look_restored")


def _luminance(colour: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


def _contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _shot(window: QWidget, box: QRect) -> QImage:
    QApplication.processEvents()
    return window.grab(box).toImage()


def _marked(focused: QImage, plain: QImage, box: QRect) -> int:
    """How many pixels of the edge band of *box* changed by CONTRAST or more with the focus."""
    width, height = focused.width(), focused.height()
    band = 7  # round the edge, inside and out: where a focus mark goes
    rows = [*range(min(band, height)), *range(max(band, height - band), height)]
    cells = {(x, y) for y in rows for x in range(width)}
    cells |= {(x, y) for y in range(height) for x in (*range(band), *range(width - band, width))}
    return sum(
        1
        for x, y in cells
        if 0 <= x < width
        and _contrast(focused.pixelColor(x, y), plain.pixelColor(x, y)) >= CONTRAST
    )


def _check_focus(kit: WindowKit, window: QWidget, where: str, faint: list[str]) -> int:
    """Press Tab round *window*; name each focused widget with no plain mark; the stops seen."""
    seen: set[int] = set()
    for _ in range(TABS):
        kit.press(Qt.Key.Key_Tab, target=QApplication.focusWidget() or window)
        widget = QApplication.focusWidget()
        if widget is None or widget.window() is not window or id(widget) in seen:
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue  # given the focus, not reached by Tab: the coach, whose keys are global
        seen.add(id(widget))
        corner = widget.mapTo(window, widget.rect().topLeft())
        box = QRect(corner, widget.size()).adjusted(-4, -4, 4, 4).intersected(window.rect())
        focused = _shot(window, box)
        widget.clearFocus()
        plain = _shot(window, box)
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        # Most of a one-pixel line all round the widget (rounded corners aside), by 3:1 or more.
        needed = round(1.6 * (widget.width() + widget.height()))
        marked = _marked(focused, plain, box)
        if marked < needed:
            name = widget.objectName() or widget.accessibleName() or type(widget).__name__
            faint.append(f"{where}: {name} ({marked} of {needed} px marked)")
    return len(seen)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_focus_stop_on_every_page_is_plainly_marked(
    make_window: MakeWindow, theme: str
) -> None:
    kit = make_window(Settings(checklist_confirmed=True, theme=theme))
    window = kit.window
    window.resize(1000, 700)
    faint: list[str] = []
    stops = 0
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        kit.qtbot.wait(1)  # let the page's layout run: a page made on first use has none yet
        stops += _check_focus(kit, window, window.tabs.tabText(index), faint)
    window.tabs.setCurrentIndex(0)
    window._on_settings_requested()
    kit.qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QWidget), timeout=2000)
    dialog = QApplication.activeModalWidget()
    assert dialog is not None
    stops += _check_focus(kit, dialog, "Settings", faint)
    dialog.close()
    assert stops >= 10, "Tab reached almost nothing"
    assert not faint, "\n".join(faint)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_focus_stop_of_the_check_in_and_the_note_dialog_is_plainly_marked(
    make_window: MakeWindow, theme: str
) -> None:
    kit = make_window(Settings(checklist_confirmed=True, theme=theme))
    kit.press(Qt.Key.Key_Space)
    kit.walk(60)  # to the end: the check-in asks
    dialog = kit.window.checkin
    assert dialog is not None
    kit.wait_active(dialog)
    faint: list[str] = []
    stops = _check_focus(kit, dialog, "Check-in", faint)
    dialog.reject()
    from retrocoach.ui.dialogs.note import NoteDialog  # noqa: PLC0415  (as the window loads it)

    note = NoteDialog("today", None, None, kit.window)
    note.show()
    kit.wait_active(note)
    stops += _check_focus(kit, note, "Note", faint)
    note.reject()
    assert stops >= 8, "Tab reached almost nothing"
    assert not faint, "\n".join(faint)
