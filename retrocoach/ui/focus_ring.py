"""A ring round whatever has the keyboard focus, plain to see in any widget style and theme."""

from __future__ import annotations

import re
from typing import Final

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget
from shiboken6 import isValid

__all__ = ["FocusRing", "FocusRings"]

RING_PX: Final = 3
"""The ring's width, outside the focused widget's edge."""
LIGHT_RING: Final = QColor("#0B4FA8")
"""On light pages: a deep blue, 7:1 against white and grey."""
DARK_RING: Final = QColor("#FFC83D")
"""On dark pages: amber, 9:1 against the dark theme's greys."""
_BACKGROUND: Final = re.compile(r"background(?:-color)?\s*:\s*(#[0-9A-Fa-f]{6})")


class FocusRing(QWidget):
    """Paints a ring round its window's focused widget, above every other part, taking no input.

    The styles draw focus their own way, some of them faintly: Fusion's dotted box on a tick box
    or its pale outline on a field in the dark theme changed a few pixels by less than 2:1, hard
    to find for a keyboard user with older eyes. This ring is the same everywhere.
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("focus_ring")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName("")
        self._target: QWidget | None = None
        self._watched: list[QWidget] = []
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.show()  # a child made after its window is shown stays hidden until told

    @property
    def target(self) -> QWidget | None:
        """The widget the ring is round now, or None."""
        return self._target

    def follow(self, widget: QWidget | None) -> None:
        """Draw the ring round *widget* (one of this window's, reached by Tab), or none."""
        wanted = widget if widget is not None and _ringed(widget) else None
        if wanted is self._target:
            return
        for watched in self._watched:
            if isValid(watched) and watched is not self.window():
                watched.removeEventFilter(self)
        self._target = wanted
        # It or a part round it moves (a page that scrolls), resizes or hides: the ring follows.
        self._watched = _up_to_window(wanted) if wanted is not None else []
        for watched in self._watched:
            watched.installEventFilter(self)
        self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802  (Qt's name)
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move, QEvent.Type.Show):
            self._place()
        elif event.type() is QEvent.Type.Hide and watched is self._target:
            self.update()
        return False

    def ring_rect(self) -> QRect:
        """Where the ring is drawn, in the window's pixels (empty when there is none)."""
        target = self._target
        if target is None or not isValid(target) or not target.isVisible():
            return QRect()
        corner = target.mapTo(self.window(), QPoint(0, 0))
        box = QRect(corner, target.size()).adjusted(-RING_PX, -RING_PX, RING_PX, RING_PX)
        # Only where it shows: a field half scrolled out of a page is ringed at the page's edge.
        for part in _up_to_window(target)[1:-1]:
            if isinstance(part.parentWidget(), QAbstractScrollArea):  # a scrolling viewport
                shown = QRect(part.mapTo(self.window(), QPoint(0, 0)), part.size())
                box = box.intersected(shown.adjusted(-RING_PX, -RING_PX, RING_PX, RING_PX))
        return box.intersected(self.rect())

    def _place(self) -> None:
        self.setGeometry(self.window().rect())
        self.raise_()  # above parts built later (a page made on first use)
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802  (Qt's name)
        box = self.ring_rect()
        if box.isEmpty():
            return
        ground = _ground(self._target) if self._target is not None else QColor()
        painter = QPainter(self)
        pen = QPen(DARK_RING if ground.lightness() < 128 else LIGHT_RING, RING_PX)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        half = RING_PX // 2
        painter.drawRect(box.adjusted(half, half, -half - 1, -half - 1))
        painter.end()


def _up_to_window(widget: QWidget) -> list[QWidget]:
    """*widget*, the widgets it sits in, and its window, in that order."""
    parts = [widget]
    while not parts[-1].isWindow() and (parent := parts[-1].parentWidget()) is not None:
        parts.append(parent)
    return parts


def _ground(widget: QWidget) -> QColor:
    """The colour round *widget*: the nearest style sheet's background (the notices' amber, in
    either theme), else the window's: the ring is dark on light ground, light on dark."""
    parent = widget.parentWidget()
    while parent is not None:
        found = _BACKGROUND.search(parent.styleSheet())
        if found:
            return QColor(found.group(1))
        parent = parent.parentWidget()
    return widget.window().palette().color(QPalette.ColorRole.Window)


def _ringed(widget: QWidget) -> bool:
    """Whether *widget* is one a keyboard user reaches with Tab (not a display: the coach)."""
    # Not "and visible": a page's first field takes the focus as the page is being shown, and
    # the ring must come with it (ring_rect waits for it to show).
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


class FocusRings(QObject):
    """Gives every window of the application its FocusRing, made when it first has the focus."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName("focus_rings")
        self._rings: dict[int, FocusRing] = {}
        app.focusChanged.connect(self._on_focus_changed)
        self._on_focus_changed(None, app.focusWidget())  # what has it already

    @classmethod
    def install(cls, app: QApplication) -> FocusRings:
        """The application's one FocusRings, made on the first call."""
        found = app.findChild(FocusRings, "focus_rings")
        return found if isinstance(found, FocusRings) else cls(app)

    def ring(self, window: QWidget) -> FocusRing | None:
        """The ring of *window*, if it has had the focus."""
        return self._rings.get(id(window))

    def _on_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if old is not None and (ring := self._rings.get(id(old.window()))) is not None:
            ring.follow(None)
        if new is None:
            return
        window = new.window()
        key = id(window)
        ring = self._rings.get(key)
        if ring is None:
            ring = self._rings[key] = FocusRing(window)
            window.destroyed.connect(lambda *_args: self._rings.pop(key, None))
        ring.follow(new)
