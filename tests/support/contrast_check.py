"""Contrast as WCAG measures it, and the texts of a widget tree that fall under 4.5:1: each
label's or field's ink and ground taken from its style sheet, the coach's plate or its palette."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from retrocoach.ui.coach.direction_band import plate_colours
from retrocoach.ui.coach.view import CoachView

__all__ = ["COLOUR", "GROUND", "contrast", "low_contrast"]

COLOUR = re.compile(r"(?<![-\w])color:\s*(#[0-9A-Fa-f]{6}|white|black)")
GROUND = re.compile(r"background(?:-color)?:\s*(#[0-9A-Fa-f]{6})")


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _ground(widget: QWidget) -> QColor:
    """What *widget* is drawn on: the nearest style-sheet background, the coach's plate, or
    the palette's window colour."""
    node: QWidget | None = widget
    while node is not None:
        found = GROUND.search(node.styleSheet())
        if found:
            return QColor(found.group(1))
        if isinstance(node, CoachView):
            return plate_colours(node.band.look)[0]
        node = node.parentWidget()
    role = QPalette.ColorRole.Base if isinstance(widget, QLineEdit) else QPalette.ColorRole.Window
    return widget.palette().color(role)


def _ink(widget: QWidget) -> QColor:
    node: QWidget | None = widget
    while node is not None:
        found = COLOUR.search(node.styleSheet())
        if found:
            return QColor(found.group(1))
        node = node.parentWidget()
    roles = QPalette.ColorRole
    return widget.palette().color(roles.Text if isinstance(widget, QLineEdit) else roles.WindowText)


def low_contrast(page: QWidget) -> list[str]:
    """Each shown, enabled text on *page* under 4.5:1, named with its colours."""
    found = []
    for widget in page.findChildren(QWidget):
        shown = widget.isVisible() and widget.isEnabled() and widget.width() > 0
        if not shown or not isinstance(widget, QLabel | QLineEdit) or not widget.text():
            continue
        ink, ground = _ink(widget), _ground(widget)
        ratio = contrast(ink, ground)
        if ratio < 4.5:
            name = widget.objectName() or widget.accessibleName() or widget.text()[:30]
            found.append(f"{name}: {ink.name()} on {ground.name()} is {ratio:.1f}:1")
    return found
