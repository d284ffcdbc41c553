"""The settings dialog's treadmill fields: speed unit, body mass (kg or lb), backward factor."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from retrocoach.core.settings.store import Settings
from retrocoach.ui.dialogs.settings import SettingsDialog


def _ok(qtbot: QtBot, dialog: SettingsDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_the_treadmill_fields_show_and_return_the_settings(qtbot: QtBot) -> None:
    given = Settings(units="mph", body_mass_kg=72.5, backward_factor=1.45)
    dialog = SettingsDialog(given)
    qtbot.addWidget(dialog)
    belt = dialog.belt
    assert belt.units.currentData() == "mph"
    assert belt.mass.text() == "72.5kg"
    assert belt.factor.value() == 1.45
    belt.units.setCurrentIndex(belt.units.findData("km/h"))
    belt.mass.setText("176 lb")
    belt.factor.setValue(1.2)
    chosen = dialog.result_settings()
    assert (chosen.units, chosen.body_mass_kg, chosen.backward_factor) == ("km/h", 79.8, 1.2)
    belt.mass.setText("")
    assert dialog.result_settings().body_mass_kg is None  # empty clears it


def test_a_body_mass_that_cannot_be_read_keeps_the_dialog_open_and_says_why(
    qtbot: QtBot,
) -> None:
    dialog = SettingsDialog(Settings(body_mass_kg=70.0))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.belt.mass.setText("70")  # kg or lb?
    _ok(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.result() != SettingsDialog.DialogCode.Accepted
    assert "70kg or 70lb" in dialog.belt.mass_error.text()
    assert dialog.result_settings().body_mass_kg == 70.0  # the one given, meanwhile
    dialog.belt.mass.setText("70 kg")
    _ok(qtbot, dialog)
    assert dialog.result() == SettingsDialog.DialogCode.Accepted


def test_the_body_mass_error_names_the_field_in_red_shows_whole_and_goes_when_fixed(
    qtbot: QtBot,
) -> None:
    dialog = SettingsDialog(Settings(body_mass_kg=70.0))
    qtbot.addWidget(dialog)
    dialog.show()
    error = dialog.belt.mass_error
    dialog.belt.mass.setText("70")
    _ok(qtbot, dialog)
    assert error.text().startswith("Body mass"), error.text()
    assert "body-mass" not in error.text()
    assert "#B00020" in error.styleSheet() or "#FFB4AB" in error.styleSheet()
    qtbot.waitUntil(lambda: error.height() >= error.heightForWidth(error.width()))  # whole
    qtbot.keyClicks(dialog.belt.mass, " kg")  # typed: "70 kg" reads
    assert not error.isVisible()
    assert dialog.belt.mass.accessibleDescription() == ""


def test_the_backward_factor_is_labelled_in_plain_words(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QLabel  # noqa: PLC0415

    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.belt.findChildren(QLabel)]
    assert "Backward e&ffort (times forward):" in texts  # not "backward factor"
    # What the figure means, in words on the dialog itself, and to a screen reader.
    help_text = dialog.belt.factor_help.text()
    assert help_text in texts
    assert "times as much" in help_text
    assert "energy estimate" in help_text
    assert dialog.belt.factor.accessibleDescription() == help_text
