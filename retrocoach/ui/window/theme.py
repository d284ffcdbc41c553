"""The window's colours: the desktop's own, or RetroCoach's light or dark Fusion palette."""

from __future__ import annotations

from typing import Final

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

__all__ = ["ThemeSwitcher", "dark_palette", "is_dark"]

_DARK: Final = {
    QPalette.ColorRole.Window: "#2B2B2B",
    QPalette.ColorRole.WindowText: "#EDEDED",
    QPalette.ColorRole.Base: "#1E1E1E",
    QPalette.ColorRole.AlternateBase: "#333333",
    QPalette.ColorRole.ToolTipBase: "#3A3A3A",
    QPalette.ColorRole.ToolTipText: "#EDEDED",
    QPalette.ColorRole.PlaceholderText: "#A0A0A0",
    QPalette.ColorRole.Text: "#EDEDED",
    QPalette.ColorRole.Button: "#383838",
    QPalette.ColorRole.ButtonText: "#EDEDED",
    QPalette.ColorRole.BrightText: "#FF6B6B",
    QPalette.ColorRole.Light: "#505050",
    QPalette.ColorRole.Midlight: "#444444",
    QPalette.ColorRole.Mid: "#6E6E6E",
    QPalette.ColorRole.Dark: "#1A1A1A",
    QPalette.ColorRole.Shadow: "#000000",
    # White on the selection at 5.2:1 (the first blue gave 3.5:1), and 3:1 against the Base.
    QPalette.ColorRole.Highlight: "#2A6FB0",
    QPalette.ColorRole.HighlightedText: "#FFFFFF",
    QPalette.ColorRole.Link: "#7CC4FF",
}
_DISABLED_TEXT: Final = "#8A8A8A"
_LIGHT_HIGHLIGHT: Final = "#1F66A8"
"""The light theme's selection: white on it at 6:1 (Fusion's own #308CC6 gives 3.7:1)."""


def dark_palette() -> QPalette:
    """A dark palette whose text keeps at least 7:1 against its backgrounds."""
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(_DISABLED_TEXT))
    return palette


def is_dark(palette: QPalette) -> bool:
    """Whether *palette* draws light text on dark windows."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


class ThemeSwitcher:
    """Applies a theme ('system', 'light' or 'dark') to the application, at once.

    'system' puts back the style and palette the application started with (the desktop's,
    or one given on the command line such as -style fusion).
    """

    def __init__(self, app: QApplication) -> None:
        self._app = app
        self._style = app.style().name()
        self._palette = QPalette(app.palette())
        self.theme = "system"

    def apply(self, theme: str) -> None:
        """Switch to *theme*; the same theme again changes nothing."""
        if theme == self.theme:
            return
        self.theme = theme
        if theme == "system":
            self._app.setStyle(self._style)
            self._app.setPalette(self._palette)
            return
        self._app.setStyle("Fusion")
        fusion = QStyleFactory.create("Fusion")
        light = fusion.standardPalette() if fusion is not None else QPalette()
        light.setColor(QPalette.ColorRole.Highlight, QColor(_LIGHT_HIGHLIGHT))
        self._app.setPalette(dark_palette() if theme == "dark" else light)
