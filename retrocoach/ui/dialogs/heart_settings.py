"""The settings dialog's heart-rate part: the strap's address and the clinician's ceiling."""

from __future__ import annotations

import dataclasses
from typing import Final, cast

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QSpinBox, QWidget

from retrocoach.core.settings.kinds import Number, SettingsError
from retrocoach.core.settings.store import Settings
from retrocoach.core.settings.table import SETTINGS
from retrocoach.ui.dialogs.belt_settings import label_of, tip_of

__all__ = ["HeartSettings"]

_STRAP: Final = SETTINGS["hr_strap"]
_CEILING: Final = SETTINGS["hr_ceiling"]


class HeartSettings(QWidget):
    """The strap's Bluetooth address (see 'retrocoach hr scan') and the ceiling, or none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.address = QLineEdit(self)
        self.address.setObjectName("hr_strap_edit")
        self.address.setPlaceholderText("none")
        self.address.setAccessibleName(label_of(_STRAP))
        self.address.setToolTip(tip_of(_STRAP) + "; empty or none: no strap")
        ceiling = cast(Number, _CEILING.kind)
        self.ceiling = QSpinBox(self)
        self.ceiling.setObjectName("hr_ceiling_spin")
        self.ceiling.setAccessibleName(label_of(_CEILING))
        self.ceiling.setToolTip(tip_of(_CEILING) + "; None: no ceiling")
        # One below the lowest stands for none: no ceiling unless the walker sets one.
        self.ceiling.setRange(int(ceiling.low) - 1, int(ceiling.high))
        self.ceiling.setSpecialValueText("None")
        self.ceiling.setSuffix(" bpm")
        self.note = QLabel(self)
        self.note.setObjectName("hr_note")
        self.note.setWordWrap(True)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        for text, field in (
            (_STRAP.label + ":", self.address),
            (_CEILING.label + ":", self.ceiling),
            ("", self.note),
        ):
            label = QLabel(text, self)
            label.setBuddy(field)
            form.addRow(label, field)

    def controls(self) -> dict[str, QWidget]:
        return {"hr_strap": self.address, "hr_ceiling": self.ceiling}

    def show_settings(self, settings: Settings) -> None:
        self.address.setText(settings.hr_strap or "")
        none = self.ceiling.minimum()
        self.ceiling.setValue(none if settings.hr_ceiling is None else settings.hr_ceiling)

    def problem(self) -> str:
        """What is wrong with the address typed ('' when it reads), said beside it."""
        try:
            _STRAP.kind.read(str(_STRAP.word), self.address.text())
        except SettingsError as error:
            self.note.setText(str(error))
            return str(error)
        self.note.setText("")
        return ""

    def applied_to(self, settings: Settings) -> Settings:
        try:
            address = _STRAP.kind.read(str(_STRAP.word), self.address.text())
        except SettingsError:
            address = settings.hr_strap
        value = self.ceiling.value()
        return dataclasses.replace(
            settings,
            hr_strap=address if isinstance(address, str) else None,
            hr_ceiling=None if value == self.ceiling.minimum() else value,
        )
