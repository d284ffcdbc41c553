"""Where and how big the window opens, and its pages from the keyboard, walk mode included."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from retrocoach.ui.window.frame import WindowFrame

__all__ = ["Pages", "default_size", "minimum_size", "place_on_screen"]


def default_size(available: QSize) -> QSize:
    """Three quarters of the screen, at least 800x600 where the screen has room for it.

    *available* is the screen's geometry without panels, in the window's own (scaled) pixels:
    at QT_SCALE_FACTOR=2 a 1920x1080 screen is 960x540, and the window must fit in that.
    """
    room = QSize(available.width() * 19 // 20, available.height() * 9 // 10)  # title bar
    wanted = QSize(max(800, available.width() * 3 // 4), max(600, available.height() * 3 // 4))
    return wanted.boundedTo(room)


def minimum_size(available: QSize) -> QSize:
    """640x480, or less on a screen too small for it: the window must never outgrow it."""
    return QSize(640, 480).boundedTo(default_size(available))


def place_on_screen(window: QWidget) -> None:
    """Size *window* for the screen it opens on (the primary one) and centre it there."""
    area = QGuiApplication.primaryScreen().availableGeometry()
    window.setMinimumSize(minimum_size(area.size()))
    window.resize(default_size(area.size()))
    outline = window.frameGeometry()
    outline.moveCenter(area.center())
    window.move(outline.topLeft())  # none of it starts beyond an edge


class Pages:
    """The window's pages: one shown by its key, the next or previous (Ctrl+Tab), walk mode."""

    def __init__(self, window: QWidget, frame: WindowFrame) -> None:
        self._window = window
        self._frame = frame

    @property
    def walk_mode(self) -> bool:
        """Whether only the coach fills the screen (F11)."""
        return self._frame.coach.walk_mode

    def set_walk_mode(self, on: bool) -> None:
        """The coach alone on the whole screen, or the window with its pages again."""
        self._frame.set_walk_mode(on)
        if on:
            self._window.showFullScreen()
        else:
            self._window.showNormal()

    def show(self, page: QWidget) -> None:
        """Bring *page* forward; another page than the coach leaves walk mode first."""
        if self.walk_mode and page is not self._frame.coach:
            self.set_walk_mode(False)
        self._frame.tabs.setCurrentWidget(page)

    def step(self, step: int) -> None:
        """The next (1) or previous (-1) page, round from the last to the first."""
        tabs = self._frame.tabs
        page = tabs.widget((tabs.currentIndex() + step) % tabs.count())
        if page is not None:
            self.show(page)
