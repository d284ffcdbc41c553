"""The window's dialogs: safety, check-in, settings, and the questions a page asks; and how big
a dialog opens (no larger than the screen, so its buttons are always in reach)."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

__all__ = ["DIALOG_FRAME_PX", "fit_to_screen"]

DIALOG_FRAME_PX: Final = 48
"""Room a dialog leaves for the window manager's title bar and borders."""


def fit_to_screen(dialog: QWidget, wanted: QSize, parent: QWidget | None = None) -> None:
    """Size *dialog* to *wanted*, but never wider or taller than the screen it opens on.

    The screen is *parent*'s (the window it opens over), else the dialog's own or the primary
    one. On a small screen or at a large scale (a 1024x600 laptop at scale 2 leaves 512x300)
    what does not fit scrolls inside the dialog, and its buttons stay on the screen.
    """
    screen = (parent or dialog).screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry().size() - QSize(DIALOG_FRAME_PX, DIALOG_FRAME_PX)
        wanted = wanted.boundedTo(room.expandedTo(QSize(1, 1)))
    dialog.resize(wanted)
