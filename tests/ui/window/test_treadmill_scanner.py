"""The settings dialog's Scan and Connect with the demo treadmill (bumble, real GATT)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from retrocoach.app.window_treadmill import TreadmillScanner

WAIT_MS = 30_000


def test_connect_reaches_the_demo_treadmill_that_scan_found(qtbot: QtBot) -> None:
    scanner = TreadmillScanner(demo=True)
    found: list[list[tuple[str, str]] | str] = []
    scanner.scan(found.append)
    qtbot.waitUntil(lambda: bool(found), timeout=WAIT_MS)
    (listed,) = found
    assert isinstance(listed, list), listed
    ((line, address),) = listed
    assert "Demo treadmill" in line
    answers: list[str] = []
    scanner.probe(address, answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=WAIT_MS)
    assert answers[0].startswith(f"Connected to {address}: its belt runs from 0.5 to 12 km/h")
    scanner.close()
