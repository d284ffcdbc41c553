"""Holding the screen saver off: quiet when there is no session bus to ask."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtWidgets import QApplication

from retrocoach.ui.window.screensaver import ScreenSaverInhibitor


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="freedesktop D-Bus is Linux's")
def test_without_a_session_bus_it_logs_one_line_and_the_session_goes_on(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)  # no X server to autolaunch a bus from
    inhibitor = ScreenSaverInhibitor()
    with caplog.at_level(logging.INFO, logger="retrocoach.ui.window.screensaver"):
        inhibitor.inhibit()
    assert not inhibitor.active
    assert any("screen saver not held off" in line for line in caplog.messages)
    inhibitor.release()  # harmless when nothing is held
