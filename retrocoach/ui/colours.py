"""Colours that follow the theme: an error's red keeps 4.5:1 on light and dark pages alike."""

from __future__ import annotations

from typing import Final

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget

__all__ = ["error_colour", "error_style"]

_ON_LIGHT: Final = "#B00020"
"""Dark red: 7:1 on white, 6:1 on the light theme's grey."""
_ON_DARK: Final = "#FFB4AB"
"""Pale red: 5:1 and more on the dark theme's greys (#2B2B2B to #464646); #B00020 was 1.3:1."""


def error_colour(widget: QWidget) -> str:
    """The red for an error shown on *widget*'s background, as its theme has it now."""
    window = widget.palette().color(QPalette.ColorRole.Window)
    return _ON_DARK if window.lightness() < 128 else _ON_LIGHT


def error_style(widget: QWidget) -> str:
    """A label style sheet for an error: the theme's red, bold (a sign besides the colour)."""
    return f"QLabel {{ color: {error_colour(widget)}; font-weight: bold; }}"
