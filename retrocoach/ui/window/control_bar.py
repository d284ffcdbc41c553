"""The row of big buttons under the pages: Start/Pause/Resume, Skip, Stop, Mute and friends."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QStyle, QWidget

from retrocoach.core.session.machine import State
from retrocoach.ui.window.keys import Action, key_hint

__all__ = ["ControlBar"]

_BIG_FONT: Final = 1.6
"""How much larger than the window's font the big buttons' words are, where there is room."""
_BIG_HEIGHT: Final = 56
_HEIGHT_SHARE: Final = 0.1
"""At most this share of the window's height for the big buttons (a small screen's window)."""

_TOGGLE_WORDS = {
    State.IDLE: ("Start", "Start the session"),
    State.GET_READY: ("Pause", "Pause the session"),
    State.RUNNING: ("Pause", "Pause the session"),
    State.PAUSED: ("Resume", "Resume the session"),
    State.WAITING: ("Go on", "Turned round: walk on"),
    State.FINISHED: ("Start again", "Start the plan again"),
    State.STOPPED: ("Start again", "Start the plan again"),
}


class _RowButton(QPushButton):
    """A push button that may narrow to its words, never into them.

    Fusion gives a button with words at least 80 px, and a push button's least size is its
    preferred one: six of them needed more than a 1024x600 screen at scale 2 leaves (486 px),
    so the row overflowed and cut "Start again" and "Walk mode". This one may narrow to its
    words and the style's margins, so the row fits where its words do.
    """

    def minimumSizeHint(self) -> QSize:  # noqa: N802  (Qt's name)
        style = self.style()
        margins = 2 * (
            style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, None, self)
            + style.pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, self)
        )
        words = self.fontMetrics().horizontalAdvance(self.text().replace("&", ""))
        return QSize(min(words + margins, self.sizeHint().width()), self.sizeHint().height())


class ControlBar(QWidget):
    """Big buttons for the same actions as the keys; none takes keyboard focus.

    A focused push button would take Space as a click on itself; with no focus on any of
    them, Space always reaches the window's Start/Pause shortcut.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toggle_button = self._button(Action.TOGGLE, "Start", "Start the session", big=True)
        self.skip_button = self._button(Action.SKIP, "Skip", "Skip to the next segment", big=True)
        self.stop_button = self._button(
            Action.STOP, "Stop", "Stop the session; it is kept as stopped", big=True
        )
        self.mute_button = self._button(Action.MUTE, "Mute", "Mute the sound cues", big=True)
        self.mute_button.setCheckable(True)
        self.full_screen_button = self._button(
            Action.FULL_SCREEN, "Walk mode", "Fill the screen with the coach alone"
        )
        self.settings_button = self._button(Action.SETTINGS, "Settings", "Open the settings")
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 8)
        for button in (self.toggle_button, self.skip_button, self.stop_button, self.mute_button):
            row.addWidget(button, 2)
        row.addStretch(1)
        row.addWidget(self.full_screen_button)
        row.addWidget(self.settings_button)
        self._fitted_to = -1

    @property
    def big_buttons(self) -> tuple[QPushButton, ...]:
        """The four buttons in large bold words."""
        return (self.toggle_button, self.skip_button, self.stop_button, self.mute_button)

    def fit_to(self, window_height: int) -> None:
        """Size the big buttons for a window *window_height* px tall.

        Their words are large where there is room, but on a small screen's window (a
        1024x600 laptop at scale 2 leaves 270 px) they came out larger than the coach's time,
        and took the room the direction word and the time need: there they shrink, down to
        the window's own font, and never below it.
        """
        if window_height == self._fitted_to:
            return
        self._fitted_to = window_height
        base = self.font()
        room = max(1.0, window_height * _HEIGHT_SHARE)
        for button in self.big_buttons:
            font = button.font()
            # The words take about 40% of the button's height at full size.
            points = min(base.pointSizeF() * _BIG_FONT, max(base.pointSizeF(), room * 0.3))
            if abs(font.pointSizeF() - points) > 0.05:
                font.setPointSizeF(points)
                button.setFont(font)
            button.setMinimumHeight(min(_BIG_HEIGHT, round(room)))

    def _button(self, action: Action, text: str, tip: str, *, big: bool = False) -> QPushButton:
        button = _RowButton(text, self)
        button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        button.setObjectName(f"{action.value}_button")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAccessibleName(tip)
        button.setToolTip(tip + key_hint(action))
        if big:
            font = button.font()
            font.setPointSizeF(font.pointSizeF() * _BIG_FONT)
            font.setBold(True)
            button.setFont(font)
            button.setMinimumHeight(_BIG_HEIGHT)
        return button

    def show_state(self, state: State, *, can_start: bool, can_skip: bool) -> None:
        """Name the toggle after what Space will do now, and enable what can be done."""
        text, tip = _TOGGLE_WORDS[state]
        if self.toggle_button.text() != text:
            self.toggle_button.setText(text)
            self.toggle_button.setAccessibleName(tip)
            self.toggle_button.setToolTip(tip + key_hint(Action.TOGGLE))
        starting = state in (State.IDLE, State.FINISHED, State.STOPPED)
        self.toggle_button.setEnabled(can_start or not starting)
        self.skip_button.setEnabled(can_skip)
        self.stop_button.setEnabled(not starting)

    def show_walk_mode(self, on: bool) -> None:
        """Name the walk-mode button after what pressing it will do."""
        text, tip = (
            ("Leave walk mode", "Back to the window with its pages")
            if on
            else ("Walk mode", "Fill the screen with the coach alone")
        )
        self.full_screen_button.setText(text)
        self.full_screen_button.setAccessibleName(tip)
        self.full_screen_button.setToolTip(tip + key_hint(Action.FULL_SCREEN))

    def show_muted(self, muted: bool) -> None:
        """Show whether the cues are muted."""
        self.mute_button.setChecked(muted)
        text = "Unmute" if muted else "Mute"
        if self.mute_button.text() != text:
            self.mute_button.setText(text)
            tip = "Turn the sound cues back on" if muted else "Mute the sound cues"
            self.mute_button.setAccessibleName(tip)
            self.mute_button.setToolTip(tip + key_hint(Action.MUTE))
