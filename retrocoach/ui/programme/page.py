"""The Programme page: the programmes on offer, starting and stopping one, and its weeks."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from retrocoach.core.errors import StorageError
from retrocoach.core.programme.gate import AGREED_TEXT
from retrocoach.core.programme.guide import ProgrammeGuide
from retrocoach.core.programme.model import Programme
from retrocoach.core.programme.progression import Cell
from retrocoach.core.programme.words import (
    PROGRESSION_RULE,
    done_text,
    notice_lines,
    today_text,
    week_text,
)
from retrocoach.core.speeds import Units, speeds_in
from retrocoach.ui.buttons import big_tick, mnemonic_button
from retrocoach.ui.keyboard import keep_keys, wheel_scrolls_page
from retrocoach.ui.programme.grid import ProgrammeGrid

__all__ = ["AGREED_TEXT", "ProgrammePage", "programme_html"]


def programme_html(programme: Programme, units: Units = Units.KMH) -> str:
    """Who a programme is for, what it holds, any caution, how it grows and its source; its
    speeds in *units*."""
    parts = [f"<h3>{html.escape(programme.title)}</h3>"]
    if programme.caution:
        parts.append(f"<p><b>Ask first:</b> {html.escape(programme.caution)}</p>")
    parts += [
        f"<p><b>For:</b> {html.escape(programme.audience)}</p>",
        f"<p>{html.escape(speeds_in(programme.about, units))} "
        f"({html.escape(programme.describe())}.)</p>",
        f"<p><i>{html.escape(speeds_in(programme.build_up, units))}</i></p>",
        # Full size: <small> made the sources about 7 pt, smaller than any other text.
        "<p>Sources:</p><ul>",
        *(f"<li>{html.escape(source)}</li>" for source in programme.sources),
        "</ul>",
    ]
    return "".join(parts)


class ProgrammePage(QWidget):
    """Choose and start a programme, stop it, and see its weeks as a grid of sessions."""

    programme_started = Signal(str)
    """A programme was started (its name): today's session is its first."""
    programme_stopped = Signal()
    programme_resumed = Signal()
    """The walker chose to go on after a walk stopped for feeling unwell."""

    def __init__(self, guide: ProgrammeGuide, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._guide = guide
        self.units = Units.KMH
        """The unit the walker reads speeds in: the programme's texts say theirs in it."""
        self.choice = QComboBox(self)
        self.choice.setAccessibleName("Programmes")
        self.choice.setToolTip("Choose a programme to read about, start or stop")
        for programme in guide.book.all():
            self.choice.addItem(programme.title, programme.name)
        self.details = QLabel(self)
        self.details.setAccessibleName("About the programme")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.agreed = big_tick(QCheckBox(f"&{AGREED_TEXT}", self))  # Alt+I ticks it
        # Reached with Tab (or Alt+I): Space ticks the box while it has the focus.
        keep_keys(self.choice, self.agreed)
        self.start_button = mnemonic_button(
            self, "start-programme", "&Start this programme", "Follow it from its first session"
        )
        self.stop_button = mnemonic_button(
            self, "stop-programme", "St&op the programme", "Past sessions stay as they are"
        )
        self.resume_button = mnemonic_button(
            self,
            "resume-programme",
            "&Resume the programme",
            "You have seen a doctor or physiotherapist after feeling unwell: go on",
        )
        self.rule = QLabel(PROGRESSION_RULE, self)
        self.rule.setAccessibleName("How the programme moves on")
        self.rule.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setAccessibleName("Where you are")
        self.status.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setAccessibleName("Programme message")
        self.message.setWordWrap(True)
        self.grid = ProgrammeGrid(self)
        self._lay_out()
        self.choice.currentIndexChanged.connect(self._on_choice_current_index_changed)
        self.agreed.toggled.connect(self._on_agreed_toggled)
        self.start_button.clicked.connect(self._on_start_button_clicked)
        self.stop_button.clicked.connect(self._on_stop_button_clicked)
        self.resume_button.clicked.connect(self._on_resume_button_clicked)
        self.refresh()

    def _lay_out(self) -> None:
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.addWidget(self.choice)
        column.addWidget(self.details)
        column.addWidget(self.agreed)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.resume_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        column.addWidget(self.message)
        column.addWidget(self.status)
        column.addWidget(self.rule)
        column.addWidget(self.grid)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        wheel_scrolls_page(scroll, body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # -- public --------------------------------------------------------------------------------

    def set_units(self, units: Units) -> None:
        """Say the programme's speeds in *units* from now on (the unit setting changed)."""
        self.units = units
        self._show_chosen(preview=False)

    def refresh(self) -> None:
        """Read the active programme and the history again; show where the walker stands."""
        found = self._guide.active()
        today = self._guide.today() if found is not None else None
        self.stop_button.setEnabled(found is not None)
        self.resume_button.setVisible(today is not None and today.paused)
        if found is None or today is None:
            self.status.setText(
                "No programme is being followed: choose one above and start it. Today's "
                "session then shows on the Coach page."
            )
            self._show_chosen()
            return
        enrolment, programme = found
        self._select(programme.name)
        lines = [
            f"<b>Following {html.escape(programme.title)}</b>, "
            f"started {enrolment.started_at.date().isoformat()}.",
            html.escape(today_text(today)),
            html.escape(f"{done_text(today)}. {week_text(today)}."),
        ]
        lines += [html.escape(line) for line in notice_lines(today)]
        self.status.setText("<br>".join(lines))
        self.grid.show_cells(programme, today.cells)

    # -- slots ---------------------------------------------------------------------------------

    def _on_choice_current_index_changed(self, _index: int) -> None:
        self.message.clear()
        self._show_chosen()

    def _on_agreed_toggled(self, _checked: bool) -> None:
        self._show_buttons()

    def _on_start_button_clicked(self) -> None:
        programme = self._chosen()
        if programme is None or not self.start_button.isEnabled():
            return
        try:
            self._guide.start(programme.name)
        except StorageError as error:
            self.message.setText(f"The programme could not be started: {error}")
            return
        self.message.setText(f"Started {programme.title}: today's session is on the Coach page.")
        self.refresh()
        self.programme_started.emit(programme.name)

    def _on_resume_button_clicked(self) -> None:
        try:
            today = self._guide.resume()
        except StorageError as error:
            self.message.setText(f"The programme could not be resumed: {error}")
            return
        if today is not None:
            self.message.setText(
                f"Resumed: {today_text(today)}. Start gently, and stop at once if the signs "
                "come back."
            )
        self.refresh()
        self.programme_resumed.emit()

    def _on_stop_button_clicked(self) -> None:
        try:
            stopped = self._guide.stop()
        except StorageError as error:
            self.message.setText(f"The programme could not be stopped: {error}")
            return
        if stopped is not None:
            self.message.setText("Stopped. The sessions you walked stay in your history.")
        self.refresh()
        self.programme_stopped.emit()

    # -- helpers -------------------------------------------------------------------------------

    def _chosen(self) -> Programme | None:
        name = self.choice.currentData()
        return self._guide.book.get(name) if isinstance(name, str) else None

    def _select(self, name: str) -> None:
        index = self.choice.findData(name)
        if index >= 0 and index != self.choice.currentIndex():
            self.choice.blockSignals(True)
            self.choice.setCurrentIndex(index)
            self.choice.blockSignals(False)
        self._show_chosen(preview=False)

    def _show_chosen(self, *, preview: bool = True) -> None:
        programme = self._chosen()
        if programme is None:
            return
        self.details.setText(programme_html(programme, self.units))
        self.agreed.setVisible(programme.caution is not None)
        if preview:  # the grid is always the chosen programme's, under its own description
            found = self._guide.active()
            today = self._guide.today() if found and found[1].name == programme.name else None
            # A programme not being followed: all its weeks still to come.
            cells = (
                today.cells
                if today is not None
                else tuple(Cell(spot, 0, False, False) for spot in programme.positions)
            )
            self.grid.show_cells(programme, cells)
        self._show_buttons()

    def _show_buttons(self) -> None:
        programme = self._chosen()
        found = self._guide.active()
        following = found is not None and programme is not None and found[1] == programme
        cautious = programme is not None and programme.caution is not None
        self.start_button.setEnabled(
            programme is not None and (not cautious or self.agreed.isChecked())
        )
        self.start_button.setText("&Start it again" if following else "&Start this programme")
        self.stop_button.setEnabled(found is not None)
