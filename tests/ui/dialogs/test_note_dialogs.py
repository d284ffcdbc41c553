"""The note editor: room for a paragraph, word wrap, Tab leaves, Ctrl+Enter saves, an over-long
note refused with its length and never cut, and the effort changeable after the check-in.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit
from pytestqt.qtbot import QtBot
from walks import minute_each_way

from retrocoach.core.history.records import MAX_NOTES_CHARS, SessionRecord
from retrocoach.ui.dialogs.checkin import CheckinDialog
from retrocoach.ui.dialogs.note import NoteDialog

START = datetime(2026, 11, 20, 7, 0, tzinfo=UTC)


def _record() -> SessionRecord:
    return minute_each_way("walk1", START)


def _shown(qtbot: QtBot, dialog: CheckinDialog | NoteDialog) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)


def test_the_note_field_holds_a_paragraph_and_wraps(qtbot: QtBot) -> None:
    dialog = CheckinDialog(_record())
    _shown(qtbot, dialog)
    edit = dialog.notes
    assert edit.lineWrapMode() is QPlainTextEdit.LineWrapMode.WidgetWidth
    assert edit.height() >= edit.fontMetrics().lineSpacing() * 6
    assert edit.width() >= 400


def test_tab_leaves_the_note_and_ctrl_enter_saves(qtbot: QtBot) -> None:
    dialog = CheckinDialog(_record())
    _shown(qtbot, dialog)
    dialog.notes.setFocus()
    qtbot.keyClicks(dialog.notes, "steady pace")
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not dialog.notes
    assert "\t" not in dialog.notes.toPlainText()
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.keyClick(dialog.notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.checked_in().notes == "steady pace"


def test_an_over_long_note_is_refused_with_its_length_and_kept(qtbot: QtBot) -> None:
    dialog = CheckinDialog(_record())
    _shown(qtbot, dialog)
    long_note = "x" * (MAX_NOTES_CHARS + 150)
    dialog.notes.setPlainText(long_note)
    count = dialog.note.count.text()
    assert f"{MAX_NOTES_CHARS + 150:,} characters" in count
    assert f"at most {MAX_NOTES_CHARS:,}" in count
    assert not dialog.save_button.isEnabled()
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    dialog.accept()
    assert dialog.isVisible()  # not closed, not saved
    assert dialog.notes.toPlainText() == long_note  # nothing thrown away
    dialog.notes.setPlainText(long_note[:MAX_NOTES_CHARS])
    assert dialog.save_button.isEnabled()
    assert f"{MAX_NOTES_CHARS:,} of {MAX_NOTES_CHARS:,}" in dialog.note.count.text()


def test_the_effort_can_be_changed_after_the_check_in(qtbot: QtBot) -> None:
    dialog = NoteDialog("Fri 20 Nov", "windy", 4)
    _shown(qtbot, dialog)
    assert dialog.effort.currentData() == 4
    assert dialog.note.text() == "windy"
    dialog.effort.setCurrentIndex(dialog.effort.findData(7))
    dialog.note.edit.setPlainText("windy, then calm")
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.keyClick(dialog.note.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.answer() == ("windy, then calm", 7)


def test_a_pasted_note_keeps_its_right_to_left_words_and_accents_and_drops_an_invisible_nul(
    qtbot: QtBot,
) -> None:
    dialog = CheckinDialog(_record())
    _shown(qtbot, dialog)
    dialog.notes.setFocus()
    # Text from another program: Hebrew, a combining accent, and a NUL it left behind.
    QApplication.clipboard().setText("הליכה טובה, cafe\u0301\x00 steady")
    qtbot.keyClick(dialog.notes, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.keyClick(dialog.notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.checked_in().notes == "הליכה טובה, cafe\u0301 steady"


def test_alt_n_gives_the_note_text_the_focus_in_both_dialogs(qtbot: QtBot) -> None:
    """ "&Note:" named the note's frame, which takes no focus, so Alt+N did nothing."""
    for dialog in (CheckinDialog(_record()), NoteDialog("today", None, None)):
        qtbot.addWidget(dialog)
        (label,) = [label for label in dialog.findChildren(QLabel) if label.text() == "&Note:"]
        assert label.buddy() is dialog.note.edit
