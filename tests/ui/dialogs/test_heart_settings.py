"""The heart in the dialogs: the strap and ceiling settings (none by default), the check-in."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from pytestqt.qtbot import QtBot

from retrocoach.core.history.measured import BpmFigures, HeartRate
from retrocoach.core.history.records import Outcome, SessionRecord
from retrocoach.core.plan.model import Plan
from retrocoach.core.settings.store import Settings
from retrocoach.ui.dialogs.checkin import CheckinDialog
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


def test_the_check_in_shows_the_walks_heart_rate_beside_the_scale(qtbot: QtBot) -> None:
    record = SessionRecord(
        id="h1",
        started_at=datetime(2026, 12, 7, 8, tzinfo=UTC),
        ended_at=datetime(2026, 12, 7, 8, 10, tzinfo=UTC),
        outcome=Outcome.COMPLETED,
        plan=Plan(forward_s=300, backward_s=300, rounds=1),
        segments=(),
        forward_s=300.0,
        backward_s=300.0,
        heart_rate=HeartRate(120, 104, 131, 75.0, None, BpmFigures(110, 131), ()),
    )
    dialog = CheckinDialog(record)
    qtbot.addWidget(dialog)
    assert "Heart rate: average 104, highest 131" in dialog.summary.text()
    assert "1:15 above your ceiling of 120" in dialog.summary.text()
    plain = CheckinDialog(dataclasses.replace(record, heart_rate=None))
    qtbot.addWidget(plain)
    assert "Heart rate" not in plain.summary.text()
