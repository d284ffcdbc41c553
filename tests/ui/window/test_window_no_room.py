"""A walk the window cannot keep is said before its first step, and the walker chooses."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from window_kit import MakeWindow

from retrocoach.core.errors import DiskFullError
from retrocoach.core.history.recorder import SessionRecorder
from retrocoach.core.plan.model import Plan
from retrocoach.core.session.machine import State

PLAN = Plan(forward_s=30, backward_s=30, rounds=1, warmup_s=0, cooldown_s=0, getready_s=0)
NO_ROOM = "no room to keep this walk in the data folder or the runtime folder"


@pytest.fixture
def no_room(monkeypatch: pytest.MonkeyPatch) -> None:
    """No disk has room for the walk's journal: as on a full disk, with no spare folder."""

    def full(_recorder: SessionRecorder, _planned_s: float) -> None:
        raise DiskFullError(NO_ROOM, Path("history.json"))

    monkeypatch.setattr(SessionRecorder, "prepare", full)


def answering(
    monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton
) -> list[tuple[str, str]]:
    """The walker's answer to the question; the questions asked (title, text)."""
    asked: list[tuple[str, str]] = []

    def question(
        _parent: QWidget,
        title: str,
        text: str,
        _buttons: QMessageBox.StandardButton,
        default: QMessageBox.StandardButton,
    ) -> QMessageBox.StandardButton:
        assert default == QMessageBox.StandardButton.No  # a stray Enter never walks unsaved
        asked.append((title, text))
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


@pytest.mark.usefixtures("no_room")
def test_no_room_asks_before_the_first_step_and_no_walks_nothing(
    make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answering(monkeypatch, QMessageBox.StandardButton.No)
    kit = make_window(plan=PLAN)
    kit.press(Qt.Key.Key_Space)
    assert len(asked) == 1
    title, text = asked[0]
    assert "cannot be saved" in title
    assert NO_ROOM in text
    assert "Walk anyway" in text
    session = kit.driver.session
    assert session is None or session.state is State.IDLE
    assert "Nothing was walked" in kit.window.coach.status_label.text()
    assert kit.history() == []


@pytest.mark.usefixtures("no_room")
def test_no_room_and_yes_walks_unsaved_and_says_so(
    make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answering(monkeypatch, QMessageBox.StandardButton.Yes)
    kit = make_window(plan=PLAN)
    kit.press(Qt.Key.Key_Space)
    assert len(asked) == 1
    session = kit.driver.session
    assert session is not None
    assert session.state is State.RUNNING
    assert "not being saved" in kit.window.notices.messages()["save"]


def test_with_room_nothing_is_asked_and_the_walk_starts(
    make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answering(monkeypatch, QMessageBox.StandardButton.No)
    kit = make_window(plan=PLAN)
    kit.press(Qt.Key.Key_Space)
    assert asked == []
    session = kit.driver.session
    assert session is not None
    assert session.state is State.RUNNING
