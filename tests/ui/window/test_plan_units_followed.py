"""The Plan tab shows belt speeds in the unit the settings choose, and follows a change of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from retrocoach.app.plan_page import plan_page, speeds_followed
from retrocoach.core.plan.model import parse_spec
from retrocoach.core.plan.store import PlanStore
from retrocoach.core.settings.store import Settings
from retrocoach.core.speeds import Units

BELT = parse_spec("forward-speed=3.5km/h backward-speed=1.5km/h", name="belt")


class ChosenSettings(QDialog):
    """A settings dialog that, when accepted, gives the settings it was made with."""

    def __init__(self, chosen: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chosen = chosen

    def result_settings(self) -> Settings:
        """What the walker chose."""
        return self.chosen


def _speed(page: QWidget) -> str:
    field = page.findChild(QLineEdit, "forward-speed_edit")
    assert isinstance(field, QLineEdit)
    return field.text()


def test_the_plan_tab_opens_in_the_unit_set_and_follows_the_settings(
    qtbot: QtBot, tmp_path: Path
) -> None:
    page = plan_page(PlanStore(tmp_path, warn=pytest.fail), BELT, lambda: Units.MPH)
    qtbot.addWidget(page)
    assert _speed(page.page) == "2.2 mph"
    make = speeds_followed(ChosenSettings, page)  # type: ignore[arg-type]
    make(Settings(units="km/h"), page).accept()
    assert _speed(page.page) == "3.5 km/h"


def test_a_dialog_accepted_before_the_tab_is_built_builds_nothing(tmp_path: Path) -> None:
    page = plan_page(PlanStore(tmp_path, warn=pytest.fail), BELT, lambda: Units.KMH)
    make = speeds_followed(ChosenSettings, page)  # type: ignore[arg-type]
    make(Settings(units="mph"), None).accept()  # type: ignore[arg-type]
    assert not page.is_built
    page.deleteLater()
