"""The settings dialog's heart-rate part: the strap's address and the ceiling, none by default."""

from __future__ import annotations

import dataclasses

from pytestqt.qtbot import QtBot

from retrocoach.core.settings.store import Settings
from retrocoach.ui.dialogs.settings import SettingsDialog


def test_no_ceiling_and_no_strap_unless_the_walker_sets_them(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    assert dialog.heart.ceiling.text() == "None"
    assert dialog.result_settings().hr_ceiling is None
    assert dialog.result_settings().hr_strap is None


def test_a_strap_and_a_ceiling_set_in_the_dialog_come_back(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.heart.address.setText("c0:ff:ee:00:00:01")
    dialog.heart.ceiling.setValue(118)
    chosen = dialog.result_settings()
    assert (chosen.hr_strap, chosen.hr_ceiling) == ("C0:FF:EE:00:00:01", 118)
    shown = SettingsDialog(
        dataclasses.replace(Settings(), hr_ceiling=131, hr_strap="AA:BB:CC:DD:EE:FF")
    )
    qtbot.addWidget(shown)
    assert shown.heart.ceiling.value() == 131
    assert shown.heart.address.text() == "AA:BB:CC:DD:EE:FF"


def test_a_bad_strap_address_keeps_the_dialog_open_and_says_why(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.heart.address.setText("strap")
    assert "Bluetooth address" in dialog.heart.problem()
    assert "Bluetooth address" in dialog.heart.note.text()
