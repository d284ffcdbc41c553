"""Dialogs on a small screen (a 1024x600 laptop at scale 2 leaves 512x300): each opens no larger
than the screen, cuts no word or line, keeps its buttons in reach, and what does not fit
scrolls: every setting and every checklist item can be brought into view, by Tab or the arrows,
and the focus ring follows what scrolls."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from cut_text import cut_texts
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot
from walks import minute_each_way
from wheel import turn_wheel

from retrocoach.core.safety.checklist import Checklist
from retrocoach.core.safety.reminders import ReminderBook
from retrocoach.core.safety.unwell import unwell_lines
from retrocoach.core.settings.store import Settings
from retrocoach.ui.dialogs import DIALOG_FRAME_PX, fit_to_screen
from retrocoach.ui.dialogs.checkin import CheckinDialog
from retrocoach.ui.dialogs.note import NoteDialog
from retrocoach.ui.dialogs.safety import SafetyChecklistDialog
from retrocoach.ui.dialogs.settings import SettingsDialog
from retrocoach.ui.dialogs.stop_signs import StopSignsDialog
from retrocoach.ui.focus_ring import RING_PX, FocusRings

SMALL = QSize(512 - DIALOG_FRAME_PX, 300 - DIALOG_FRAME_PX)
"""What fit_to_screen leaves a dialog on a 1024x600 screen at scale 2."""

DIALOGS: dict[str, Callable[[], QDialog]] = {
    "settings": lambda: SettingsDialog(Settings(checklist_confirmed=True)),
    "checklist": lambda: SafetyChecklistDialog(Checklist.from_book(ReminderBook.default())),
    "check-in": lambda: CheckinDialog(minute_each_way("w", datetime(2026, 12, 1, tzinfo=UTC))),
    "note": lambda: NoteDialog("Tue 1 Dec", "windy", 4),
    "stop signs": lambda: StopSignsDialog(
        unwell_lines(ReminderBook.default())[-1],
        "\n".join(unwell_lines(ReminderBook.default())[:-1]),
    ),
}


def _shown(qtbot: QtBot, dialog: QDialog, size: QSize) -> None:
    qtbot.addWidget(dialog)
    dialog.resize(size)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.size() == size, timeout=2000)
    for _ in range(3):
        QApplication.processEvents()


def _box(inside: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(inside, QPoint(0, 0)), widget.size())


@pytest.mark.parametrize("name", DIALOGS)
def test_on_a_small_screen_a_dialog_cuts_nothing_and_keeps_its_buttons_in_reach(
    qtbot: QtBot, name: str
) -> None:
    dialog = DIALOGS[name]()
    _shown(qtbot, dialog, SMALL)
    assert dialog.minimumSizeHint().boundedTo(SMALL) == dialog.minimumSizeHint(), (
        f"{dialog.minimumSizeHint()} does not fit {SMALL}"
    )
    assert not cut_texts(dialog), "\n".join(cut_texts(dialog))
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    for button in box.findChildren(QAbstractButton):
        assert dialog.rect().contains(_box(dialog, button)), button.text()


def test_fit_to_screen_gives_a_dialog_its_size_or_the_screen_less_a_frame(qtbot: QtBot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    room = dialog.screen().availableGeometry().size()
    fit_to_screen(dialog, QSize(300, 200))
    assert dialog.size() == QSize(300, 200)
    fit_to_screen(dialog, room + QSize(400, 400))
    assert dialog.size() == room - QSize(DIALOG_FRAME_PX, DIALOG_FRAME_PX)


def test_every_setting_can_be_scrolled_into_view_and_the_ring_follows_it(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Settings(checklist_confirmed=True))
    _shown(qtbot, dialog, SMALL)
    rings = FocusRings.install(QApplication.instance())  # type: ignore[arg-type]
    viewport = dialog.page.viewport()
    assert dialog.page.verticalScrollBar().maximum() > 0, "the settings scroll here"
    last = list(dialog.controls().values())[-1]
    for control in dialog.controls().values():
        dialog.page.ensureWidgetVisible(control, 0, 0)
        QApplication.processEvents()
        assert viewport.rect().intersects(_box(viewport, control)), control.objectName()
    # A setting reached by the keyboard, then the page scrolled until half of it is gone:
    # the ring is drawn round what shows of it, inside the page, never over the buttons.
    last.setFocus(Qt.FocusReason.TabFocusReason)
    dialog.page.ensureWidgetVisible(last)
    qtbot.waitUntil(last.hasFocus, timeout=2000)
    ring = rings.ring(dialog)
    assert ring is not None
    qtbot.waitUntil(lambda: not ring.ring_rect().isEmpty(), timeout=2000)
    bar = dialog.page.verticalScrollBar()
    top = _box(viewport, last).top()
    bar.setValue(bar.value() - (viewport.height() - top - last.height() // 2))
    QApplication.processEvents()
    field = _box(dialog, last)
    shown = _box(dialog, viewport)
    assert field.bottom() > shown.bottom(), "half of the setting is scrolled out of the page"
    page = shown.adjusted(-RING_PX, -RING_PX, RING_PX, RING_PX)
    assert page.contains(ring.ring_rect()), "the ring stays inside the page that scrolls"
    assert ring.ring_rect().intersects(field), "the ring is round the setting"


def test_the_checklist_page_follows_the_item_the_arrows_reach(qtbot: QtBot) -> None:
    dialog = DIALOGS["checklist"]()
    assert isinstance(dialog, SafetyChecklistDialog)
    _shown(qtbot, dialog, SMALL)
    bar = dialog.page.verticalScrollBar()
    assert bar.maximum() > 0, "the checklist's page scrolls on this screen"
    assert bar.value() == 0, "it opens at its top: the notice first"
    viewport = dialog.page.viewport()

    def current_shows() -> bool:
        item = dialog.items.currentItem()
        middle = dialog.items.visualItemRect(item).center()
        return viewport.rect().contains(dialog.items.viewport().mapTo(viewport, middle))

    for _ in range(4):
        qtbot.keyClick(dialog.items, Qt.Key.Key_Down)
        qtbot.waitUntil(current_shows, timeout=2000)
    assert bar.value() > 0, "the page scrolled with the list"


def test_the_balance_check_s_words_tick_its_box(qtbot: QtBot) -> None:
    dialog = DIALOGS["checklist"]()
    assert isinstance(dialog, SafetyChecklistDialog)
    _shown(qtbot, dialog, QSize(820, 760))
    words = [label for label in dialog.findChildren(QLabel) if label.buddy() is dialog.one_leg]
    assert len(words) == 1
    assert "one leg" in words[0].text()
    qtbot.mouseClick(words[0], Qt.MouseButton.LeftButton)
    assert dialog.one_leg.isChecked()
    qtbot.mouseClick(words[0], Qt.MouseButton.LeftButton)
    assert not dialog.one_leg.isChecked()
    assert dialog.one_leg.accessibleName().startswith("Balance check")
    assert isinstance(dialog.page, QScrollArea)


def test_the_wheel_scrolls_the_settings_and_changes_no_list_it_passes_over(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Settings(checklist_confirmed=True))
    _shown(qtbot, dialog, SMALL)
    page = dialog.page.widget()
    assert page is not None
    combos = [c for c in page.findChildren(QComboBox) if c.isVisibleTo(dialog)]
    assert combos
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    ok.setFocus(Qt.FocusReason.TabFocusReason)  # the walker is about to press OK, say
    qtbot.waitUntil(ok.hasFocus, timeout=2000)
    bar = dialog.page.verticalScrollBar()
    for combo in combos:
        bar.setValue(0)
        dialog.page.ensureWidgetVisible(combo)
        before = combo.currentIndex()
        for step in (-1, 1):  # one way or the other, a list that took the wheel would change
            turn_wheel(combo, step)
            assert combo.currentIndex() == before, combo.objectName()
        assert not combo.hasFocus(), "the wheel gives no list the focus"
    turn_wheel(combos[0], -3)
    assert bar.value() > 0 or bar.maximum() == 0, "the wheel scrolled the page instead"
    # Chosen (a click or Tab gives it the focus), a list takes the wheel as before.
    combos[0].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(combos[0].hasFocus, timeout=2000)
    before = combos[0].currentIndex()
    turn_wheel(combos[0], -1 if before < combos[0].count() - 1 else 1)
    assert combos[0].currentIndex() != before


@pytest.mark.parametrize("size", [SMALL, QSize(590, 720)], ids=["small", "whole"])
def test_a_body_mass_that_cannot_be_read_is_brought_into_view_with_its_reason(
    qtbot: QtBot, size: QSize
) -> None:
    """OK with a bad body mass keeps the dialog open: it stays its size (sizing it to its hint
    shrank it and hid the reason) and the page scrolls to the field and the reason beside it."""
    dialog = SettingsDialog(Settings(checklist_confirmed=True))
    _shown(qtbot, dialog, size)
    dialog.belt.mass.setText("abc")
    dialog.page.verticalScrollBar().setValue(0)
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    box.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible(), "the dialog waits for a body mass it can read"
    viewport = dialog.page.viewport()

    def shown(widget: QWidget) -> bool:
        return viewport.rect().contains(_box(viewport, widget))

    reason = dialog.belt.mass_error
    qtbot.waitUntil(lambda: shown(dialog.belt.mass) and shown(reason), timeout=2000)
    assert dialog.belt.mass.hasFocus()
    assert reason.text()
    qtbot.waitUntil(lambda: not cut_texts(dialog), timeout=2000)  # once laid out again
    assert dialog.size() == size


def test_every_stop_sign_can_be_read_on_a_small_screen(qtbot: QtBot) -> None:
    """A message box at scale 2 was 448 px tall: past a 1366x768 screen's 384 (scale 2), its
    last signs and its OK off the screen."""
    dialog = DIALOGS["stop signs"]()
    assert isinstance(dialog, StopSignsDialog)
    _shown(qtbot, dialog, SMALL)
    assert "see a doctor or physiotherapist" in dialog.text()
    signs = dialog.informativeText()
    assert "Stop signs:" in signs
    assert "chest pain" in signs.lower()
    viewport = dialog.page.viewport()
    label = dialog.page.widget()
    assert label is not None
    dialog.page.verticalScrollBar().setValue(dialog.page.verticalScrollBar().maximum())
    QApplication.processEvents()
    assert viewport.rect().contains(_box(viewport, label).bottomLeft() - QPoint(0, 1)), (
        "scrolled to its end, the last sign shows"
    )
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted, "Enter closes it, as OK"
