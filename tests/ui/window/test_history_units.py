"""The History tab gives distances in the unit of the settings, and follows a change at once."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from retrocoach.app.history_page import history_page, units_followed
from retrocoach.core.history.records import Outcome, SessionRecord
from retrocoach.core.history.store import HistoryStore
from retrocoach.core.plan.model import Plan
from retrocoach.core.settings.store import Settings
from retrocoach.core.speeds import Units
from retrocoach.ui.history.model import COLUMNS

START = datetime(2026, 11, 16, 7, 30, tzinfo=timezone(timedelta(hours=1)))


class ChosenSettings(QDialog):
    """A settings dialog that, when accepted, gives the settings it was made with."""

    def __init__(self, chosen: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chosen = chosen

    def result_settings(self) -> Settings:
        """What the walker chose."""
        return self.chosen


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    history = HistoryStore(tmp_path, warn=pytest.fail)
    plan = Plan(forward_s=600, backward_s=300, rounds=1, warmup_s=0, cooldown_s=0)
    history.add(
        SessionRecord(
            id="walk1",
            started_at=START,
            ended_at=START + timedelta(minutes=15),
            outcome=Outcome.COMPLETED,
            plan=plan,
            segments=(),
            forward_s=600.0,
            backward_s=300.0,
            forward_m=1000.0,
            backward_m=609.344,  # 1.609344 km in all: one mile
        )
    )
    return history


def shown_distance(page: QWidget) -> tuple[str, str]:
    view = page.page  # type: ignore[attr-defined]  # a LazyPage[HistoryView]
    model = view.model
    cell = str(model.data(model.index(0, COLUMNS.index("Belt (est.)"))))
    return cell, view.findChild(QLabel, "history_totals").text()


def test_the_tab_first_shown_with_mph_gives_miles(qtbot: QtBot, store: HistoryStore) -> None:
    page = history_page(store, lambda: Units.MPH)
    qtbot.addWidget(page)
    page.show()
    cell, totals = shown_distance(page)
    assert cell == "1.00 mi"
    assert "1.00 mi on the belt" in totals


def test_accepting_another_unit_in_the_settings_changes_the_shown_tab_at_once(
    qtbot: QtBot, store: HistoryStore
) -> None:
    page = history_page(store, lambda: Units.KMH)
    qtbot.addWidget(page)
    page.show()
    assert shown_distance(page)[0] == "1.61 km"
    make = units_followed(ChosenSettings, page)  # type: ignore[arg-type]
    dialog = make(Settings(units="mph"), page)
    dialog.accept()
    cell, totals = shown_distance(page)
    assert cell == "1.00 mi"
    assert "1.00 mi on the belt" in totals
    assert " km on the belt" not in totals


def test_a_dialog_accepted_before_the_tab_is_built_builds_nothing(store: HistoryStore) -> None:
    page = history_page(store, lambda: Units.KMH)
    make = units_followed(ChosenSettings, page)  # type: ignore[arg-type]
    make(Settings(units="mph"), None).accept()  # type: ignore[arg-type]
    assert not page.is_built
    page.deleteLater()
