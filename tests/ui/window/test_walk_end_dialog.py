"""The after-walk check-in: placed where the summary it asks about stays in sight, and Ctrl+Q in
it quits, the walk kept with its check-in skipped."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from window_kit import MakeWindow

Key = Qt.Key
Ctrl = Qt.KeyboardModifier.ControlModifier


def _walk_to_the_end(kit: object) -> None:
    kit.press(Key.Key_Space)  # type: ignore[attr-defined]
    kit.walk(50)  # type: ignore[attr-defined]


def test_the_check_in_leaves_the_summary_in_sight(make_window: MakeWindow) -> None:
    kit = make_window()
    kit.window.resize(800, 500)
    _walk_to_the_end(kit)
    dialog = kit.window.checkin
    assert dialog is not None
    kit.qtbot.waitUntil(dialog.isVisible, timeout=2000)
    middle = kit.window.coach.middle
    summary = QRect(middle.mapToGlobal(middle.rect().topLeft()), middle.size())
    assert kit.window.coach.summary_label.text()
    assert not dialog.frameGeometry().intersects(summary), (dialog.frameGeometry(), summary)


def test_ctrl_q_in_the_check_in_quits_and_keeps_the_walk(make_window: MakeWindow) -> None:
    kit = make_window()
    _walk_to_the_end(kit)
    dialog = kit.window.checkin
    assert dialog is not None
    kit.qtbot.waitUntil(dialog.isVisible, timeout=2000)
    dialog.activateWindow()
    kit.wait_active(dialog)
    kit.press(Key.Key_Q, Ctrl)
    assert not dialog.isVisible()
    assert not kit.window.isVisible()
    (saved,) = kit.history()
    assert saved["outcome"] == "completed"
    assert saved.get("notes") is None
