"""The settings dialog's treadmill part: the speed unit, the body mass and the backward factor."""

from __future__ import annotations

import dataclasses
from typing import Final

from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QFormLayout, QLabel, QLineEdit, QWidget

from retrocoach.core.session.estimates import BACKWARD_FACTOR_RANGE
from retrocoach.core.settings.store import UNITS_CHOICES, Settings, SettingsError
from retrocoach.core.settings.words import SETTING_WORDS

__all__ = ["BeltSettings"]

_MASS: Final = SETTING_WORDS["body-mass"]


class BeltSettings(QWidget):
    """Three fields; a body mass that cannot be read is said beside it (see problem())."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.units = QComboBox(self)
        self.units.setObjectName("units_combo")
        self.units.setAccessibleName("Speed unit")
        self.units.setToolTip("How belt speeds and distances are shown; plans accept both")
        for unit in UNITS_CHOICES:
            self.units.addItem(unit, unit)
        self.mass = QLineEdit(self)
        self.mass.setObjectName("body_mass_edit")
        self.mass.setAccessibleName("Body mass")
        self.mass.setToolTip(
            "For the energy estimate only, e.g. 70 kg or 154 lb; empty: no energy estimate. "
            "Kept only in this computer's private settings file."
        )
        self.mass_error = QLabel(self)
        self.mass_error.setObjectName("body_mass_error")
        self.mass_error.setWordWrap(True)
        self.mass_error.hide()  # until there is something to say
        self.factor = QDoubleSpinBox(self)
        self.factor.setObjectName("backward_factor_spin")
        self.factor.setAccessibleName("Backward factor")
        self.factor.setRange(*BACKWARD_FACTOR_RANGE)
        self.factor.setSingleStep(0.05)
        self.factor.setDecimals(2)
        self.factor.setToolTip(
            "Backward walking's energy cost as a multiple of forward walking's at one speed, "
            "for the estimate; studies at 4-5.6 km/h found 1.17 to 1.48, none at 1-2 km/h"
        )
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        for text, field in (
            ("Speed &unit:", self.units),
            ("Body m&ass:", self.mass),
            ("", self.mass_error),
            ("Backward &factor:", self.factor),
        ):
            label = QLabel(text, self)
            label.setBuddy(field)
            form.addRow(label, field)

    def show_settings(self, settings: Settings) -> None:
        """Fill the fields from *settings*."""
        self.units.setCurrentIndex(self.units.findData(settings.units))
        self.mass.setText(_MASS.show(settings.body_mass_kg))
        self.factor.setValue(settings.backward_factor)

    def problem(self) -> str:
        """What is wrong with the body mass typed, said beside it ('' when it reads)."""
        try:
            _MASS.read(self.mass.text())
        except SettingsError as error:
            message = str(error)
        else:
            message = ""
        self.mass_error.setText(message)
        self.mass_error.setVisible(bool(message))
        self.mass.setAccessibleDescription(message)
        return message

    def applied_to(self, settings: Settings) -> Settings:
        """*settings* with these fields; an unreadable body mass keeps the one *settings* has."""
        try:
            mass = _MASS.read(self.mass.text())
        except SettingsError:
            mass = settings.body_mass_kg
        return dataclasses.replace(
            settings,
            units=str(self.units.currentData()),
            body_mass_kg=mass if isinstance(mass, float) else None,
            backward_factor=round(self.factor.value(), 2),
        )
