"""The small buttons of the pages: each with an Alt key, named for screen readers."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget

from retrocoach.ui.keyboard import keep_keys

__all__ = ["mnemonic_button"]


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
