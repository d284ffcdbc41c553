"""The settings dialog: shows every setting, returns the walker's changes, Cancel keeps none."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QSlider,
    QWidget,
)
from pytestqt.qtbot import QtBot

from retrocoach.core.settings.kinds import Choice
from retrocoach.core.settings.store import Settings
from retrocoach.core.settings.table import BY_WORD, SETTINGS
from retrocoach.ui.dialogs.settings import SettingsDialog

CHOSEN = Settings(
    audio_engine="none",
    voice=True,
    volume=0.35,
    muted=True,
    pips=5,
    reminder_rotation_s=60,
    checklist_every_start=True,
    checklist_confirmed=True,
)


def find(dialog: SettingsDialog, kind: type, name: str) -> QWidget:
    found = dialog.findChild(kind, name)
    assert found is not None, name
    return found


def combo(dialog: SettingsDialog, name: str) -> QComboBox:
    return find(dialog, QComboBox, f"{name}_combo")  # type: ignore[return-value]


def check(dialog: SettingsDialog, name: str) -> QCheckBox:
    return find(dialog, QCheckBox, f"{name}_check")  # type: ignore[return-value]


def slider(dialog: SettingsDialog) -> QSlider:
    return find(dialog, QSlider, "volume_slider")  # type: ignore[return-value]


def radio(dialog: SettingsDialog, name: str) -> QRadioButton:
    return find(dialog, QRadioButton, f"{name}_radio")  # type: ignore[return-value]


@pytest.fixture
def dialog(qtbot: QtBot) -> SettingsDialog:
    """A dialog on the default settings, the checklist already confirmed once."""
    widget = SettingsDialog(Settings(checklist_confirmed=True))
    qtbot.addWidget(widget)
    return widget


def test_the_dialog_shows_the_settings_it_was_given(qtbot: QtBot) -> None:
    dialog = SettingsDialog(CHOSEN)
    qtbot.addWidget(dialog)
    assert combo(dialog, "engine").currentData() == "none"
    assert radio(dialog, "voice").isChecked()
    assert not radio(dialog, "tones").isChecked()
    assert slider(dialog).value() == 35
    assert check(dialog, "mute").isChecked()
    assert combo(dialog, "pips").currentData() == 5
    assert combo(dialog, "rotation").currentData() == 60
    assert check(dialog, "checklist").isChecked()
    assert dialog.result_settings() == CHOSEN, "unchanged, it gives back what it was given"


def test_every_setting_the_walker_changes_comes_back_in_result_settings(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    engine = combo(dialog, "engine")
    engine.setCurrentIndex(engine.findData("qt"))
    qtbot.mouseClick(radio(dialog, "voice"), Qt.MouseButton.LeftButton)
    slider(dialog).setFocus()
    for _ in range(5):
        qtbot.keyClick(slider(dialog), Qt.Key.Key_Left)
    qtbot.mouseClick(check(dialog, "mute"), Qt.MouseButton.LeftButton)
    pips = combo(dialog, "pips")
    pips.setCurrentIndex(pips.findData(0))
    rotation = combo(dialog, "rotation")
    rotation.setCurrentIndex(rotation.findData(0))
    qtbot.mouseClick(check(dialog, "checklist"), Qt.MouseButton.LeftButton)
    assert dialog.result_settings() == Settings(
        audio_engine="qt",
        voice=True,
        volume=0.75,
        muted=True,
        pips=0,
        reminder_rotation_s=0,
        checklist_every_start=True,
        checklist_confirmed=True,
    )


def test_the_volume_readout_follows_the_slider(qtbot: QtBot, dialog: SettingsDialog) -> None:
    slider(dialog).setValue(42)
    assert any(label.text() == "42 %" for label in dialog.findChildren(QLabel))
    assert slider(dialog).accessibleDescription() == "42 percent"


def test_a_rotation_not_in_the_list_is_kept_and_offered(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Settings(reminder_rotation_s=45, volume=1 / 3))
    qtbot.addWidget(dialog)
    assert combo(dialog, "rotation").currentData() == 45
    assert combo(dialog, "rotation").currentText() == "Every 45 seconds"
    assert dialog.result_settings() == Settings(reminder_rotation_s=45, volume=1 / 3)


def test_ok_accepts_and_cancel_rejects(qtbot: QtBot, dialog: SettingsDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    with qtbot.waitSignal(dialog.rejected, timeout=1000):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_enter_is_ok_and_escape_is_cancel(qtbot: QtBot, dialog: SettingsDialog) -> None:
    dialog.show()
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
    dialog.show()
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(dialog.rejected, timeout=1000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)


def test_every_control_has_a_name_a_tooltip_and_a_key(dialog: SettingsDialog) -> None:
    controls: list[QWidget] = [
        combo(dialog, "engine"),
        radio(dialog, "tones"),
        radio(dialog, "voice"),
        slider(dialog),
        check(dialog, "mute"),
        combo(dialog, "pips"),
        combo(dialog, "rotation"),
        check(dialog, "checklist"),
    ]
    buddies = {label.buddy() for label in dialog.findChildren(QLabel) if "&" in label.text()}
    for control in controls:
        assert control.toolTip(), control.objectName()
        assert control.focusPolicy() & Qt.FocusPolicy.TabFocus, control.objectName()
        has_mnemonic = "&" in getattr(control, "text", lambda: "")()
        assert has_mnemonic or control in buddies, control.objectName()
        assert control.accessibleName() or has_mnemonic, control.objectName()
    assert "RetroCoach" in dialog.windowTitle()


def test_choosing_an_engine_that_is_missing_says_so_at_once(qtbot: QtBot) -> None:
    dialog = SettingsDialog(
        Settings(),
        engine_problem=lambda engine: (
            "simpleaudio is not installed." if engine == "simpleaudio" else None
        ),
    )
    qtbot.addWidget(dialog)
    engines = combo(dialog, "engine")
    engines.setCurrentIndex(engines.findData("simpleaudio"))
    engines.activated.emit(engines.currentIndex())
    assert dialog.engine_note() == "simpleaudio is not installed."
    assert engines.accessibleDescription() == "simpleaudio is not installed."
    engines.setCurrentIndex(engines.findData("auto"))
    engines.activated.emit(engines.currentIndex())
    assert dialog.engine_note() == ""


def test_the_test_sound_button_plays_with_the_settings_shown(qtbot: QtBot) -> None:
    tried: list[Settings] = []

    def test_sound(settings: Settings) -> str:
        tried.append(settings)
        return "Playing the forward cue."

    dialog = SettingsDialog(Settings(volume=0.5), test_sound=test_sound)
    qtbot.addWidget(dialog)
    slider(dialog).setValue(30)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert [settings.volume for settings in tried] == [0.3]
    assert dialog.engine_note() == "Playing the forward cue."


def test_the_dialog_says_which_changes_wait_for_a_restart(dialog: SettingsDialog) -> None:
    note = find(dialog, QLabel, "when_label")
    assert "next start" in note.text()  # type: ignore[attr-defined]
    assert "applies as soon as you press OK" in note.text()  # type: ignore[attr-defined]


def test_the_dialog_has_a_control_for_every_command_line_setting(dialog: SettingsDialog) -> None:
    controls = dialog.controls()
    assert set(controls) == {item.key for item in BY_WORD.values()}
    for key, control in controls.items():
        help_text = SETTINGS[key].help
        assert help_text[1:] in control.toolTip(), key  # the table's help, as a tooltip


def test_the_dialog_labels_and_offers_what_the_settings_table_declares(
    dialog: SettingsDialog,
) -> None:
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    texts = labels | {box.text() for box in dialog.findChildren(QCheckBox)}
    for item in BY_WORD.values():
        if item.key != "voice":  # a pair of radio buttons under the label "Cues:"
            assert item.label in texts or f"{item.label}:" in texts, item.key
    for key, control in dialog.controls().items():
        kind = SETTINGS[key].kind
        if isinstance(kind, Choice):
            assert isinstance(control, QComboBox)
            offered = {control.itemData(i): control.itemText(i) for i in range(control.count())}
            assert offered == dict(kind.labels), key


def test_tab_goes_through_the_settings_as_they_read_then_ok_and_cancel(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Settings(checklist_confirmed=True))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)
    assert QApplication.focusWidget() is combo(dialog, "engine"), "it opens on the first setting"
    visited: list[QWidget] = []
    while (focused := QApplication.focusWidget()) not in visited:
        assert focused is not None
        visited.append(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    assert visited[-2:] == [ok, box.button(QDialogButtonBox.StandardButton.Cancel)]
    settings = visited[: visited.index(ok)]
    tops = [part.mapTo(dialog, part.rect().topLeft()).y() for part in settings]
    assert tops == sorted(tops), [part.objectName() for part in settings]
    assert len(settings) >= 15
