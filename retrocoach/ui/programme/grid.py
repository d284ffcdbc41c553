"""The weeks of a programme as a grid: each session done, repeated, today's or to come."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from retrocoach.core.programme.model import Programme
from retrocoach.core.programme.progression import Cell, CellState, backward_words
from retrocoach.core.programme.words import CELL_MARKS

__all__ = ["ProgrammeGrid"]

# A sign and a word in every cell, so colour is never the only difference.
_SIGNS: Final[Mapping[CellState, str]] = MappingProxyType(
    {
        CellState.DONE: "\u2713",  # check mark
        CellState.REPEATED: "\u21bb",  # clockwise arrow: walked again
        CellState.TODAY: "\u25b6",  # play
        CellState.TO_COME: "\u00b7",  # middle dot
    }
)
_STYLES: Final[Mapping[CellState, str]] = MappingProxyType(
    {
        CellState.DONE: "background: #2e7d32; color: white;",
        CellState.REPEATED: "background: #f9a825; color: black;",
        CellState.TODAY: "background: #1565c0; color: white; font-weight: bold;",
        CellState.TO_COME: "background: palette(base); color: palette(text);"
        " border: 1px solid palette(mid);",
    }
)


class ProgrammeGrid(QWidget):
    """One row a week, one column a session; rebuilt whenever the programme or history changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Programme weeks")
        self._layout = QGridLayout(self)
        self._layout.setSpacing(4)
        self.cells: dict[tuple[int, int], QLabel] = {}

    def show_cells(self, programme: Programme, cells: tuple[Cell, ...]) -> None:
        """Lay out *cells* (every session of *programme*, in order)."""
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.cells = {}
        widest = max(len(week) for week in programme.weeks)
        for column in range(1, widest + 1):
            self._layout.addWidget(self._header(f"Session {column}"), 0, column)
        for week in range(1, len(programme.weeks) + 1):
            self._layout.addWidget(self._header(f"Week {week}"), week, 0)
        for cell in cells:
            label = QLabel(f"{_SIGNS[cell.state]} {CELL_MARKS[cell.state]}", self)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setStyleSheet(f"QLabel {{ {_STYLES[cell.state]} padding: 4px 8px; }}")
            where = f"Week {cell.position.week}, session {cell.position.session}"
            walked = f", walked {cell.walks} times" if cell.walks > 1 else ""
            label.setAccessibleName(f"{where}: {CELL_MARKS[cell.state]}{walked}")
            label.setToolTip(f"{where}: {backward_words(programme.plan_at(cell.position))}{walked}")
            self._layout.addWidget(label, cell.position.week, cell.position.session)
            self.cells[(cell.position.week, cell.position.session)] = label

    def _header(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return label
