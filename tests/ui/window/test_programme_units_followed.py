"""The Programme page says its speeds in the unit the settings choose, and follows a change."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from retrocoach.app.programme import ProgrammeLink, open_programmes
from retrocoach.core.history.store import HistoryStore
from retrocoach.core.settings.store import Settings
from retrocoach.core.speeds import Units
from retrocoach.core.storage.paths import DataPaths


class ChosenSettings(QDialog):
    """A settings dialog that, when accepted, gives the settings it was made with."""

    def __init__(self, chosen: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chosen = chosen

    def result_settings(self) -> Settings:
        """What the walker chose."""
        return self.chosen


def test_the_programme_page_follows_the_unit_setting(
    qtbot: QtBot, data_paths: DataPaths, tmp_path: Path
) -> None:
    guide = open_programmes(data_paths, HistoryStore(tmp_path, warn=pytest.fail), pytest.fail)
    link = ProgrammeLink(guide, Units.KMH)
    assert link.page is not None
    parent = QWidget()
    qtbot.addWidget(parent)
    page = link.page.page  # built now, as when first shown
    page.choice.setCurrentIndex(page.choice.findData("beginners"))
    assert "km/h" in page.details.text()
    make = link.followed(ChosenSettings)  # type: ignore[arg-type]
    make(Settings(units="mph"), parent).accept()
    assert "km/h" not in page.details.text()
    assert "mph" in page.details.text()
