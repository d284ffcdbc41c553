"""The settings dialog's Bluetooth treadmill part: its address (Scan, Connect), turns and cap."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Final, Protocol, cast

from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from retrocoach.core.settings.kinds import Choice, Number, SettingsError
from retrocoach.core.settings.store import Settings
from retrocoach.core.settings.table import SETTINGS
from retrocoach.ui.dialogs.belt_settings import label_of, tip_of

__all__ = ["TreadmillFinder", "TreadmillSettings"]

_ADDRESS: Final = SETTINGS["treadmill"]
_TURN: Final = SETTINGS["turn_belt"]
_CAP: Final = SETTINGS["backward_cap_kmh"]


class TreadmillFinder(Protocol):
    """Bluetooth, as the window offers it to this dialog; answers come on the GUI thread."""

    def scan(self, done: Callable[[list[tuple[str, str]] | str], None]) -> None:
        """Listen for FTMS treadmills: (label, address) pairs, or a line saying what failed."""

    def probe(self, address: str, done: Callable[[str], None]) -> None:
        """Connect to *address* once and say how it went, in one line."""


class TreadmillSettings(QWidget):
    """The treadmill's address with Scan and Connect, what the belt does at turns, the cap."""

    def __init__(self, finder: TreadmillFinder | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._finder = finder
        self.address = QLineEdit(self)
        self.address.setObjectName("treadmill_edit")
        self.address.setPlaceholderText("none")
        self.address.setAccessibleName(label_of(_ADDRESS))
        self.address.setToolTip(tip_of(_ADDRESS) + "; empty or none: no treadmill")
        self.scan_button = QPushButton("&Scan", self)
        self.scan_button.setObjectName("treadmill_scan_button")
        self.scan_button.setToolTip("Listen for Bluetooth treadmills nearby for a few seconds")
        self.found = QComboBox(self)
        self.found.setObjectName("treadmill_found_combo")
        self.found.setAccessibleName("Treadmills found")
        self.found.setToolTip("The treadmills the last scan heard, nearest first")
        self.connect_button = QPushButton("Co&nnect", self)
        self.connect_button.setObjectName("treadmill_connect_button")
        self.connect_button.setToolTip("Use the treadmill chosen above, and try connecting to it")
        self.note = QLabel(self)
        self.note.setObjectName("treadmill_note")
        self.note.setWordWrap(True)
        self.turn = QComboBox(self)
        self.turn.setObjectName("turn_belt_combo")
        self.turn.setAccessibleName(label_of(_TURN))
        self.turn.setToolTip(tip_of(_TURN))
        for value, text in cast(Choice, _TURN.kind).labels.items():
            self.turn.addItem(text, value)
        cap = cast(Number, _CAP.kind)
        self.cap = QDoubleSpinBox(self)
        self.cap.setObjectName("backward_cap_spin")
        self.cap.setAccessibleName(label_of(_CAP))
        self.cap.setToolTip(tip_of(_CAP))
        self.cap.setRange(cap.low, cap.high)
        self.cap.setDecimals(cap.decimals)
        self.cap.setSingleStep(0.1)
        self.cap.setSuffix(" km/h")
        self._layout()
        self.scan_button.clicked.connect(self._on_scan_button_clicked)
        self.connect_button.clicked.connect(self._on_connect_button_clicked)
        for button in (self.scan_button, self.connect_button):
            button.setEnabled(finder is not None)
        self.connect_button.setEnabled(False)  # until a scan found something

    def _layout(self) -> None:
        row = QHBoxLayout()
        row.addWidget(self.address, 1)
        row.addWidget(self.scan_button)
        found = QHBoxLayout()
        found.addWidget(self.found, 1)
        found.addWidget(self.connect_button)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        for text, field, buddy in (
            (_ADDRESS.label + ":", row, self.address),
            ("Found:", found, self.found),
            ("", self.note, self.note),
            (_TURN.label + ":", self.turn, self.turn),
            (_CAP.label + ":", self.cap, self.cap),
        ):
            label = QLabel(text, self)
            label.setBuddy(buddy)
            form.addRow(label, field)

    def controls(self) -> dict[str, QWidget]:
        return {"treadmill": self.address, "turn_belt": self.turn, "backward_cap_kmh": self.cap}

    def show_settings(self, settings: Settings) -> None:
        self.address.setText(settings.treadmill or "")
        self.turn.setCurrentIndex(self.turn.findData(settings.turn_belt))
        self.cap.setValue(settings.backward_cap_kmh)

    def problem(self) -> str:
        """What is wrong with the address typed ('' when it reads), said beside it."""
        try:
            _ADDRESS.kind.read(str(_ADDRESS.word), self.address.text())
        except SettingsError as error:
            self.note.setText(str(error))
            return str(error)
        return ""

    def applied_to(self, settings: Settings) -> Settings:
        try:
            address = _ADDRESS.kind.read(str(_ADDRESS.word), self.address.text())
        except SettingsError:
            address = settings.treadmill
        return dataclasses.replace(
            settings,
            treadmill=address if isinstance(address, str) else None,
            turn_belt=str(self.turn.currentData()),
            backward_cap_kmh=round(self.cap.value(), 1),
        )

    def _on_scan_button_clicked(self) -> None:
        if self._finder is None:
            return
        self.scan_button.setEnabled(False)
        self.note.setText("Listening for treadmills…")
        self._finder.scan(self._on_scanned)

    def _on_scanned(self, found: list[tuple[str, str]] | str) -> None:
        self.scan_button.setEnabled(True)
        self.found.clear()
        if isinstance(found, str):
            self.note.setText(found)
            return
        for text, address in found:
            self.found.addItem(text, address)
        self.connect_button.setEnabled(bool(found))
        self.note.setText(
            f"{len(found)} treadmill{'s' if len(found) != 1 else ''} found: choose one, then "
            "Connect"
            if found
            else "No treadmill heard: is it switched on, near, and not held by another app?"
        )

    def _on_connect_button_clicked(self) -> None:
        address = self.found.currentData()
        if self._finder is None or not isinstance(address, str):
            return
        self.address.setText(address)
        self.note.setText(f"Connecting to {address}…")
        self._finder.probe(address, self.note.setText)
