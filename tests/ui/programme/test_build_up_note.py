"""The window says a programme's build-up, and whose choice it is, before its first session."""

from __future__ import annotations

import pytest
from window_kit import MakeWindow

from retrocoach.core.programme.model import ProgrammeBook
from retrocoach.core.programme.state import ProgrammeStateStore
from retrocoach.core.storage.paths import DataPaths
from retrocoach.ui.programme.today_strip import TodayStrip


@pytest.mark.parametrize("name", ["beginners", "knee-oa"])
def test_the_coach_page_shows_the_build_up_before_the_first_session(
    make_window: MakeWindow, data_paths: DataPaths, name: str
) -> None:
    ProgrammeStateStore(data_paths, warn=pytest.fail).start(name)
    programme = ProgrammeBook.default().get(name)
    assert programme is not None
    kit = make_window()
    strip = kit.window.coach.findChild(TodayStrip)
    assert strip is not None
    assert strip.isVisible()
    assert f"Before your first session: {programme.build_up}" in strip.note.text()
    assert "RetroCoach's own" in programme.build_up


def test_the_programme_texts_follow_the_unit_setting() -> None:
    """Found: mph users still read the programmes' '1 km/h ... 2 km/h'."""
    from retrocoach.core.speeds import Units  # noqa: PLC0415
    from retrocoach.ui.programme.page import programme_html  # noqa: PLC0415

    book = ProgrammeBook.default()
    assert any("km/h" in programme_html(p) for p in book.all())
    for programme in book.all():
        assert "km/h" not in programme_html(programme, Units.MPH)


@pytest.mark.parametrize("met", [False, True])
def test_a_balance_check_not_met_starts_programme_sessions_on_the_rails(
    make_window: MakeWindow, data_paths: DataPaths, met: bool
) -> None:
    """The checklist's one-leg stand: not met (or never answered), the programme's line says to
    start with the belt stopped and both hands on the rails."""
    from retrocoach.core.safety.balance import NOT_MET_TEXT  # noqa: PLC0415
    from retrocoach.core.settings.store import Settings, SettingsStore  # noqa: PLC0415

    SettingsStore(data_paths, warn=pytest.fail).save(
        Settings(checklist_confirmed=True, one_leg_stand=met)
    )
    ProgrammeStateStore(data_paths, warn=pytest.fail).start("beginners")
    kit = make_window(Settings(checklist_confirmed=True, one_leg_stand=met))
    strip = kit.window.coach.findChild(TodayStrip)
    assert strip is not None
    assert (NOT_MET_TEXT in strip.note.text()) is not met
    assert "belt stopped" in NOT_MET_TEXT
    assert "rails" in NOT_MET_TEXT
