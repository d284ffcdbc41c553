"""The first-start checklist in a real window, by real keys: only a full tick list confirms."""

from __future__ import annotations

from pathlib import Path

import pytest
from xdesktop import Desktop, first_start, need_tools, read_until, wait_until, xvfb

from retrocoach.core.safety.reminders import ReminderBook

pytestmark = pytest.mark.slow


def _confirmed(data: Path) -> bool:
    settings = data / "settings.json"
    text = settings.read_text(encoding="utf-8") if settings.exists() else ""
    return '"checklist_confirmed": true' in text


def test_enter_and_space_confirm_nothing_until_every_item_is_ticked(tmp_path: Path) -> None:
    """Found on a first start: Enter (or Space on the focused button) confirmed 0 of 13."""
    need_tools(("xdotool", "tesseract"), "apt install xdotool tesseract-ocr")
    data = tmp_path / "data"
    count = len(ReminderBook.default().checklist())
    with xvfb("1280x1024") as display:
        desktop = Desktop(display)
        with first_start(desktop, data):
            checklist = desktop.window("Safety checklist")
            read_until(desktop, tmp_path / "none-ticked.png", f"0 of {count} ticked")
            desktop.press(checklist, "Return")
            desktop.press(checklist, "KP_Enter")
            # Space ticks the first item, where the focus starts, and Enter still waits.
            desktop.press(checklist, "space", "Return")
            read_until(desktop, tmp_path / "one-ticked.png", f"1 of {count} ticked")
            assert desktop.window("Safety checklist") == checklist
            assert not _confirmed(data)
            # The rest, one by one: Down, Space.
            desktop.press(checklist, *(["Down", "space"] * (count - 1)))
            read_until(desktop, tmp_path / "all-ticked.png", "Every item ticked")
            assert not _confirmed(data)
            desktop.press(checklist, "Return")
            wait_until(lambda: _confirmed(data), "Enter confirming the ticked checklist")


def test_escape_leaves_the_checklist_unconfirmed(tmp_path: Path) -> None:
    need_tools(("xdotool",), "apt install xdotool")
    data = tmp_path / "data"
    with xvfb("1280x1024") as display:
        desktop = Desktop(display)
        with first_start(desktop, data) as app:
            desktop.dismiss("Safety checklist", app.pid)
            desktop.window("^RetroCoach$")
            assert not _confirmed(data)
