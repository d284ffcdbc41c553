"""The checklist dialog and the Safety page: ticks, Enter, what shows, and the sources."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.qtbot import QtBot

from retrocoach.core.safety.checklist import NOT_MEDICAL_ADVICE, Checklist, core_checklist
from retrocoach.core.safety.reminders import ReminderBook
from retrocoach.ui.dialogs.safety import SafetyChecklistDialog, SafetyPage


@pytest.fixture(scope="module")
def book() -> ReminderBook:
    return ReminderBook.default()


@pytest.fixture
def dialog(qtbot: QtBot, book: ReminderBook) -> SafetyChecklistDialog:
    widget = SafetyChecklistDialog(Checklist.from_book(book))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_dialog_says_safety_and_not_medical_advice(dialog: SafetyChecklistDialog) -> None:
    assert "Safety" in dialog.windowTitle()
    shown = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert NOT_MEDICAL_ADVICE in shown


def test_every_item_is_a_tick_box_starting_unticked(
    dialog: SafetyChecklistDialog, book: ReminderBook
) -> None:
    checks = dialog.checks()
    assert len(checks) == len(book.checklist())
    assert all(item.checkState() == Qt.CheckState.Unchecked for item in checks)
    assert "0 of" in dialog.count_label.text()


def test_space_ticks_the_selected_item_and_the_count_follows(
    qtbot: QtBot, dialog: SafetyChecklistDialog
) -> None:
    first = dialog.checks()[0]
    dialog.items.setFocus()
    dialog.items.setCurrentItem(first)
    qtbot.keyClick(dialog.items, Qt.Key.Key_Space)
    assert first.checkState() == Qt.CheckState.Checked
    assert dialog.ticked() == 1
    assert dialog.count_label.text().startswith("1 of")


def test_ticking_every_item_says_so(dialog: SafetyChecklistDialog) -> None:
    for item in dialog.checks():
        item.setCheckState(Qt.CheckState.Checked)
    assert dialog.count_label.text() == "Every item ticked: press Enter to confirm."


@pytest.mark.parametrize("ticked", [0, 3, -1])
def test_enter_confirms_nothing_until_every_item_is_ticked(
    qtbot: QtBot, dialog: SafetyChecklistDialog, ticked: int
) -> None:
    """Found on first start: Enter (or Space on the focused button) confirmed 0 of 13."""
    checks = dialog.checks()
    for item in checks[:ticked]:
        item.setCheckState(Qt.CheckState.Checked)
    assert not dialog.confirm_button.isEnabled()
    qtbot.keyClick(dialog.items, Qt.Key.Key_Return)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted.value


def test_once_every_item_is_ticked_enter_confirms(
    qtbot: QtBot, dialog: SafetyChecklistDialog
) -> None:
    """The contract: Enter confirms the checklist, even from the list of items."""
    for item in dialog.checks():
        item.setCheckState(Qt.CheckState.Checked)
    assert dialog.confirm_button.isEnabled()
    qtbot.keyClick(dialog.items, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted.value


def test_focus_starts_on_the_first_item_and_space_ticks_it(
    qtbot: QtBot, dialog: SafetyChecklistDialog
) -> None:
    dialog.activateWindow()
    qtbot.waitUntil(dialog.items.hasFocus, timeout=2000)
    first = dialog.checks()[0]
    assert dialog.items.currentItem() is first
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Space)
    assert first.checkState() == Qt.CheckState.Checked
    assert dialog.result() != QDialog.DialogCode.Accepted.value


def test_the_arrow_keys_step_over_the_headings(qtbot: QtBot, dialog: SafetyChecklistDialog) -> None:
    checks = dialog.checks()
    landed = [dialog.items.currentItem()]
    for _ in range(len(checks) - 1):
        qtbot.keyClick(dialog.items, Qt.Key.Key_Down)
        landed.append(dialog.items.currentItem())
    assert landed == checks
    for _ in range(len(checks) - 1):
        qtbot.keyClick(dialog.items, Qt.Key.Key_Up)
    assert dialog.items.currentItem() is checks[0]


def test_no_text_is_under_ten_points_and_the_tick_boxes_are_large(
    dialog: SafetyChecklistDialog,
) -> None:
    """For the older eye, at scale 1: the items, their sources, the labels and buttons."""
    for widget in [dialog, dialog.items, *dialog.findChildren(QLabel)]:
        assert widget.font().pointSizeF() >= 10, widget
    for row in range(dialog.items.count()):
        # An item without a font of its own is drawn in the list's.
        own = dialog.items.item(row).data(Qt.ItemDataRole.FontRole)
        assert own is None or own.pointSizeF() >= 10, dialog.items.item(row).text()
    assert dialog.confirm_button.font().pointSizeF() >= 10
    assert "indicator" in dialog.items.styleSheet()
    assert "24px" in dialog.items.styleSheet()


def test_escape_closes_without_confirming(qtbot: QtBot, dialog: SafetyChecklistDialog) -> None:
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected.value


def test_at_the_default_size_every_item_shows_or_more_below_says_there_is_more(
    qtbot: QtBot, dialog: SafetyChecklistDialog
) -> None:
    """Either the list fits, or a visible line says there is more below until the end."""
    bar = dialog.items.verticalScrollBar()
    fits = bar.maximum() == 0
    assert dialog.more_below.isVisible() is not fits
    if not fits:
        bar.setValue(bar.maximum())
        assert not dialog.more_below.isVisible()
    dialog.resize(500, 300)
    qtbot.wait(10)
    assert bar.maximum() > 0
    bar.setValue(0)
    assert dialog.more_below.isVisible()


def test_the_safety_page_lists_notice_reminders_sources_and_full_references(
    qtbot: QtBot, book: ReminderBook
) -> None:
    page = SafetyPage(book)
    qtbot.addWidget(page)
    page.show()
    text = " ".join(page.items.toPlainText().split())
    for reminder in book.all():
        assert " ".join(reminder.text.split()) in text
        assert reminder.citation in text
    for reference in book.references.all():
        assert reference.full() in text
    for figure in book.references.figures():
        assert figure.text in text
    labels = " ".join(label.text() for label in page.findChildren(QLabel))
    assert NOT_MEDICAL_ADVICE in labels


def test_the_core_checklist_shows_items_without_a_source_line_as_their_text_alone(
    qtbot: QtBot,
) -> None:
    widget = SafetyChecklistDialog(core_checklist())
    qtbot.addWidget(widget)
    texts = [item.text() for item in widget.checks()]
    assert len(texts) == len(core_checklist().items)
    assert all(not text.endswith("\n") for text in texts)
    assert any("nausea" in text for text in texts)


def test_the_safety_page_lists_the_rules_with_their_sources(
    qtbot: QtBot, book: ReminderBook
) -> None:
    from retrocoach.core.safety.coaching_rules import RULES  # noqa: PLC0415

    page = SafetyPage(book)
    qtbot.addWidget(page)
    page.show()
    text = " ".join(page.items.toPlainText().split())
    assert "Rules every built-in plan and programme keeps" in text
    for rule in RULES:
        assert " ".join(rule.text.split()) in text
        assert book.references.cite(rule.references) in text
