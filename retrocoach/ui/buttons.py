"""The small buttons of the pages (each with an Alt key, named for screen readers), tick boxes."""

from __future__ import annotations

from typing import Final

from PySide6.QtWidgets import QCheckBox, QPushButton, QWidget

from retrocoach.ui.keyboard import keep_keys

__all__ = ["TICK_PX", "big_tick", "mnemonic_button"]

TICK_PX: Final = 20
"""A tick box's side at scale 1 (Qt scales pixels with the screen): Fusion's 13 px is hard to
see and to hit for older eyes and hands."""


def big_tick(check: QCheckBox, side: int = TICK_PX) -> QCheckBox:
    """*check* with a tick box *side* px square (its words keep the page's font)."""
    check.setStyleSheet(f"QCheckBox::indicator {{ width: {side}px; height: {side}px; }}")
    return check


def mnemonic_button(parent: QWidget, object_name: str, text: str, tip: str) -> QPushButton:
    """A button whose *text* marks its Alt key with '&' ("Re&name..."); the tooltip names it.

    It is never the default button: Enter in a field of the page must not press it.
    """
    button = QPushButton(text, parent)
    button.setObjectName(object_name)
    button.setAccessibleName(text.replace("&", "").rstrip("."))
    button.setToolTip(f"{tip} (Alt+{text[text.index('&') + 1].upper()})")
    button.setAutoDefault(False)
    keep_keys(button)  # reached with Tab, pressed with Space or Enter
    return button
