"""The settings dialog's treadmill part: the speed unit, the body mass and the backward factor."""

from __future__ import annotations

import dataclasses
from typing import Final, cast

from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QFormLayout, QLabel, QLineEdit, QWidget

from retrocoach.core.settings.kinds import Choice, Number
from retrocoach.core.settings.store import Settings, SettingsError
from retrocoach.core.settings.table import SETTINGS, Declared
from retrocoach.ui.colours import error_style

__all__ = ["BeltSettings", "label_of", "tip_of"]

_UNITS: Final = SETTINGS["units"]
_MASS: Final = SETTINGS["body_mass_kg"]
_FACTOR: Final = SETTINGS["backward_factor"]


def label_of(setting: Declared) -> str:
    """The setting's label as a screen reader says it: no access-key ampersand."""
    return setting.label.replace("&", "")


def tip_of(setting: Declared) -> str:
    """The setting's help as a tooltip: a capital first."""
    return setting.help[:1].upper() + setting.help[1:]


def _read_mass(text: str) -> object:
    # Named as the form names it: 'body-mass' is the command line's word, not the window's.
    return _MASS.kind.read(label_of(_MASS), text)


FACTOR_HELP: Final = (
    "Backward walking takes more energy than forward walking at the same belt speed: 1.3 "
    "means 1.3 times as much. Used only for the energy estimate."
)
"""The backward effort setting in plain words, shown under its field."""


class BeltSettings(QWidget):
    """Three fields; a body mass that cannot be read is said beside it (see problem())."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.units = QComboBox(self)
        self.units.setObjectName("units_combo")
        self.units.setAccessibleName(label_of(_UNITS))
        self.units.setToolTip(tip_of(_UNITS))
        for unit, text in cast(Choice, _UNITS.kind).labels.items():
            self.units.addItem(text, unit)
        self.mass = QLineEdit(self)
        self.mass.setObjectName("body_mass_edit")
        self.mass.setAccessibleName(label_of(_MASS))
        self.mass.setToolTip(
            tip_of(_MASS) + ". Type it with its unit, e.g. 70 kg or 154 lb; empty: no estimate."
        )
        self.mass_error = QLabel(self)
        self.mass_error.setObjectName("body_mass_error")
        self.mass_error.setWordWrap(True)
        self.mass_error.hide()  # until there is something to say
        # Once said, the error follows the typing and goes as soon as the mass reads.
        self.mass.textEdited.connect(self._on_mass_text_edited)
        self.factor = QDoubleSpinBox(self)
        self.factor.setObjectName("backward_factor_spin")
        self.factor.setAccessibleName(label_of(_FACTOR))
        factor = cast(Number, _FACTOR.kind)
        self.factor.setRange(factor.low, factor.high)
        self.factor.setSingleStep(0.05)
        self.factor.setDecimals(factor.decimals)
        self.factor.setToolTip(
            tip_of(_FACTOR) + "; two studies of young adults at 4-5.6 km/h suggest 1.17 to 1.48; "
            "we found no study at 1-2 km/h"
        )
        # Said in words under the field, not only in a tooltip a walker may never hover over.
        self.factor_help = QLabel(FACTOR_HELP, self)
        self.factor_help.setObjectName("backward_factor_help")
        self.factor_help.setWordWrap(True)
        self.factor.setAccessibleDescription(FACTOR_HELP)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        for text, field in (
            (_UNITS.label + ":", self.units),
            (_MASS.label + ":", self.mass),
            ("", self.mass_error),
            (_FACTOR.label + ":", self.factor),
            ("", self.factor_help),
        ):
            label = QLabel(text, self)
            label.setBuddy(field)
            form.addRow(label, field)

    def controls(self) -> dict[str, QWidget]:
        """The control of each setting shown here, by its key in the settings table."""
        return {"units": self.units, "body_mass_kg": self.mass, "backward_factor": self.factor}

    def show_settings(self, settings: Settings) -> None:
        """Fill the fields from *settings*."""
        self.units.setCurrentIndex(self.units.findData(settings.units))
        self.mass.setText(_MASS.kind.show(settings.body_mass_kg))
        self.factor.setValue(settings.backward_factor)

    def problem(self) -> str:
        """What is wrong with the body mass typed, said beside it ('' when it reads)."""
        try:
            _read_mass(self.mass.text())
        except SettingsError as error:
            message = str(error)
        else:
            message = ""
        self.mass_error.setText(message)
        self.mass_error.setStyleSheet(error_style(self.mass_error))  # red in either theme
        self.mass_error.setVisible(bool(message))
        self.mass.setAccessibleDescription(message)
        if message:
            # No adjustSize: the settings scroll, and the reason wraps in its own room (sizing
            # the dialog to its hint shrank it, on a small screen or at scale 2, and hid it).
            self.mass_error.setMinimumHeight(self.mass_error.heightForWidth(self.mass.width()))
        return message

    def _on_mass_text_edited(self, _text: str) -> None:
        if self.mass_error.isVisible():
            self.problem()

    def applied_to(self, settings: Settings) -> Settings:
        """*settings* with these fields; an unreadable body mass keeps the one *settings* has."""
        try:
            mass = _read_mass(self.mass.text())
        except SettingsError:
            mass = settings.body_mass_kg
        return dataclasses.replace(
            settings,
            units=str(self.units.currentData()),
            body_mass_kg=mass if isinstance(mass, float) else None,
            backward_factor=round(self.factor.value(), 2),
        )
