"""Today's programme session, said on the Coach page, with a button to load it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from retrocoach.core.programme.gate import build_up_note
from retrocoach.core.programme.progression import Today
from retrocoach.core.programme.words import notice_lines, today_text, week_text
from retrocoach.ui.buttons import mnemonic_button
from retrocoach.ui.coach.lines import set_line

__all__ = ["TodayStrip"]


class TodayStrip(QFrame):
    """'Week 2, session 1 of 3: 6:00 backward in all', hidden when no programme is followed."""

    today_chosen = Signal()
    """The walker asked for today's session to be loaded in place of the current plan."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Today's programme session")
        self.title = QLabel(self)
        # Programme text is data, perhaps from a file named by the test knob: never markup.
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setAccessibleName("Programme")
        self.headline = QLabel(self)
        self.headline.setAccessibleName("Today's session")
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.headline.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.headline.setFont(font)
        self.note = QLabel(self)
        self.note.setAccessibleName("About today's session")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.load_button = mnemonic_button(
            self, "load-today", "Load &today's session", "Walk today's programme session"
        )
        self.load_button.clicked.connect(self.today_chosen)
        text = QVBoxLayout()
        text.addWidget(self.title)
        text.addWidget(self.headline)
        text.addWidget(self.note)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addLayout(text, 1)
        row.addWidget(self.load_button)
        self.hide()

    def show_today(self, today: Today | None, *, loaded: bool, balance: str | None = None) -> None:
        """Say *today*'s session (None: no programme, the strip hides).

        *loaded* tells whether the plan on the Coach page is today's session: if not, the
        button offers to load it.
        """
        if today is None:
            self.hide()
            return
        set_line(self.title, f"Programme: {today.programme.title}")
        set_line(self.headline, today_text(today))
        notes = [f"{week_text(today)}."]
        notes += notice_lines(today)
        build_up = build_up_note(today)
        if build_up is not None:
            notes.append(build_up)
        if balance is not None and not today.finished:
            notes.append(balance)  # the balance check was not met: the belt stopped, rails held
        if today.finished:
            notes.append("Start it again or choose another on the Programme page.")
        elif not loaded:
            notes.append("Another plan is loaded: the button loads today's session instead.")
        set_line(self.note, " ".join(notes))  # each line's text is its value for a reader
        self.load_button.setVisible(not loaded and not today.finished and not today.paused)
        self.show()
