"""Desktop integration and the composition root: icon, .desktop file, application names."""

from __future__ import annotations

import shutil
import subprocess

from PySide6.QtGui import QGuiApplication
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication
from window_kit import MakeWindow
from xdesktop import need_tools

from retrocoach.app.window import APP_ID, configure_application
from retrocoach.core.storage.shipped import asset_path


def test_the_icon_is_a_valid_svg() -> None:
    renderer = QSvgRenderer(str(asset_path("icons", "retrocoach.svg")))
    assert renderer.isValid()


def test_the_desktop_file_passes_desktop_file_validate() -> None:
    need_tools(("desktop-file-validate",), "apt install desktop-file-utils")
    tool = shutil.which("desktop-file-validate")
    assert tool is not None
    path = asset_path("retrocoach.desktop")
    result = subprocess.run([tool, str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    text = path.read_text(encoding="utf-8")
    assert f"Icon={APP_ID}" in text
    assert "Exec=retrocoach" in text


def test_the_application_is_named_for_its_desktop_file_and_has_an_icon(qapp: QApplication) -> None:
    configure_application(qapp)
    assert QGuiApplication.desktopFileName() == APP_ID
    assert not QGuiApplication.windowIcon().isNull()
    assert qapp.applicationName() == "RetroCoach"


def test_every_page_and_control_has_an_accessible_name(make_window: MakeWindow) -> None:
    kit = make_window()
    window = kit.window
    for widget in (window.coach.band, window.coach.time, window.coach.bar, window.tabs):
        assert widget.accessibleName(), widget
    for index in range(window.tabs.count()):
        assert window.tabs.tabToolTip(index).endswith(")")  # names its key
