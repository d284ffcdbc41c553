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
