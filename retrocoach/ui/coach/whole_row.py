"""The coach's whole-session row: a bar of what is done and the time left in all beside it."""

from __future__ import annotations

from typing import Final

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QWidget

from retrocoach.core.durations import format_duration
from retrocoach.core.session.machine import Progress, State
from retrocoach.ui.coach.big_text import BigText

__all__ = ["BAR_STEPS", "WholeRow"]

BAR_STEPS: Final = 1000
_WIDEST: Final = "8:88:88 left in all"
"""The widest text the time in all must fit, so its box never changes with the figure."""


class WholeRow(QWidget):
    """How far the whole session got, as a bar and as time left (after a walk: what was walked)."""

    def __init__(self, margin: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, BAR_STEPS)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName("Whole session done")
        # Painted, not a QLabel: a label's new text re-lays out the view every second.
        self.total_label = BigText(
            _WIDEST, accessible_name="Time left in the whole session", parent=self
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(margin, 0, margin, 0)
        row.addWidget(self.bar, 1)
        row.addWidget(self.total_label)

    def show_progress(self, progress: Progress) -> None:
        """The session's share done and the time it has left (or had left, once stopped)."""
        value = round(progress.fraction_done * BAR_STEPS)
        if self.bar.value() != value:
            self.bar.setValue(value)
        total = format_duration(progress.total_remaining_s)
        stopped = progress.state is State.STOPPED
        self.total_label.set_text(f"{total} not walked" if stopped else f"{total} left in all")
        self.bar.setAccessibleDescription(self.total_label.text())

    def show_walked(self, fraction_walked: float, left_text: str) -> None:
        """After a walk: what was walked, not how far the session got (skips are not walking)."""
        self.total_label.set_text(left_text)
        self.bar.setValue(round(fraction_walked * BAR_STEPS))
        self.bar.setAccessibleDescription(left_text)

    def show_problem(self) -> None:
        """The plan cannot be walked: no figure of an older plan stays."""
        self.total_label.set_text("plan has a mistake")

    def fit(self, metrics: QFontMetrics, size: int) -> None:
        """Size the bar and the time to the small lines' font (*metrics*, *size* px)."""
        self.bar.setFixedHeight(max(12, size // 2))
        self.total_label.setFixedSize(metrics.horizontalAdvance(_WIDEST), metrics.height() + 4)
