"""Every named text on the Coach page gives a screen reader what it shows now: its accessible
description is its text, in every state of a walk, with a programme's strip and a notice."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from window_kit import MakeWindow, WindowKit

from retrocoach.core.programme.state import ProgrammeStateStore
from retrocoach.core.storage.paths import DataPaths

Key = Qt.Key


def _without_value(top: QWidget) -> list[str]:
    """Each shown label with a name whose description is not the text it shows."""
    found = []
    for label in top.findChildren(QLabel):
        named = label.isVisible() and label.accessibleName() and label.text()
        if named and label.accessibleDescription() != label.text():
            found.append(f"{label.accessibleName()}: {label.accessibleDescription()!r}")
    return found


def _check(kit: WindowKit, state: str, problems: list[str]) -> None:
    for top in (kit.window.coach, kit.window.notices):
        problems += [f"{state}: {problem}" for problem in _without_value(top)]


def test_every_coach_text_is_its_value_for_a_reader(
    make_window: MakeWindow, data_paths: DataPaths
) -> None:
    ProgrammeStateStore(data_paths, warn=pytest.fail).start("beginners")
    kit = make_window(sound_problem="no sound here")  # a notice above the coach
    problems: list[str] = []
    _check(kit, "before", problems)
    kit.press(Key.Key_Space)
    for state, seconds in (("get-ready", 1), ("walking", 200), ("later", 400)):
        kit.walk(seconds)
        _check(kit, state, problems)
    kit.press(Key.Key_Space)
    _check(kit, "paused", problems)
    kit.press(Key.Key_Space)
    kit.press(Key.Key_Escape)
    _check(kit, "esc-banner", problems)
    assert not problems, "\n".join(problems)
