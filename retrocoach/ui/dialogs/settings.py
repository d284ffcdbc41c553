"""The settings dialog: sound, cues, reminders and the safety checklist, OK or Cancel."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable
from typing import Final, cast

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from retrocoach.core.settings.kinds import Choice
from retrocoach.core.settings.measures import Pips, Seconds
from retrocoach.core.settings.store import Settings
from retrocoach.core.settings.table import SETTINGS, Declared
from retrocoach.ui.buttons import big_tick
from retrocoach.ui.dialogs import fit_to_screen
from retrocoach.ui.dialogs.belt_settings import BeltSettings, label_of, tip_of
from retrocoach.ui.dialogs.heart_settings import HeartSettings
from retrocoach.ui.dialogs.treadmill_settings import TreadmillFinder, TreadmillSettings
from retrocoach.ui.keyboard import wheel_scrolls_page

__all__ = ["SettingsDialog"]


_ENGINE: Final = SETTINGS["audio_engine"]
_PIPS: Final = SETTINGS["pips"]
_ROTATION: Final = SETTINGS["reminder_rotation_s"]


def _rotation_text(seconds: int) -> str:
    return "Off: one reminder per segment" if seconds == 0 else f"Every {seconds} seconds"


class SettingsDialog(QDialog):
    """Edit a copy of the settings; result_settings() is the walker's choice after OK."""

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        engine_problem: Callable[[str], str | None] | None = None,
        test_sound: Callable[[Settings], str] | None = None,
        treadmill_finder: TreadmillFinder | None = None,
    ) -> None:
        super().__init__(parent)
        self.treadmill = TreadmillSettings(treadmill_finder, self)
        self.setWindowTitle("RetroCoach settings")
        self.setObjectName("settings_dialog")
        self._initial = settings
        self._engine_problem = engine_problem
        self._test_sound = test_sound
        self._engine = self._choice("engine_combo", _ENGINE)
        self._tones = QRadioButton("&Tones", self)
        self._voice = QRadioButton("Spoken &words", self)
        self._cue_kind = QButtonGroup(self)
        for number, (button, tip) in enumerate(
            (
                (self._tones, "A distinct tone for each direction"),
                (self._voice, tip_of(SETTINGS["voice"]) + ": a voice says forward or backward"),
            )
        ):
            button.setObjectName(("tones", "voice")[number] + "_radio")
            button.setToolTip(tip)
            self._cue_kind.addButton(button, number)
        self._volume = QSlider(Qt.Orientation.Horizontal, self)
        self._volume.setObjectName("volume_slider")
        self._volume.setRange(0, 100)
        self._volume.setPageStep(10)
        self._volume.setAccessibleName(label_of(SETTINGS["volume"]))
        self._volume.setToolTip(
            tip_of(SETTINGS["volume"]) + "; arrow keys move it by 1, Page keys by 10"
        )
        self._volume_value = QLabel(self)
        self._volume_value.setMinimumWidth(
            self._volume_value.fontMetrics().horizontalAdvance("100 %")
        )
        self._muted = self._check("mute_check", SETTINGS["muted"], " (M in the window)")
        self._pips = self._combo("pips_combo", _PIPS)
        for seconds, text in cast(Pips, _PIPS.kind).labels.items():
            self._pips.addItem(text, seconds)
        self._rotation = self._combo("rotation_combo", _ROTATION)
        offered = cast(Seconds, _ROTATION.kind).offered
        for seconds in sorted({*offered, settings.reminder_rotation_s}):
            self._rotation.addItem(_rotation_text(seconds), seconds)
        self._checklist = self._check("checklist_check", SETTINGS["checklist_every_start"])
        self._theme = self._choice("theme_combo", SETTINGS["theme"])
        self._when = QLabel(
            "The sound engine and spoken words take effect at the next start of RetroCoach; "
            "everything else applies as soon as you press OK.",
            self,
        )
        self._when.setObjectName("when_label")
        self._when.setWordWrap(True)
        self._engine_note = QLabel(self)
        self._engine_note.setObjectName("engine_note")
        self._engine_note.setWordWrap(True)
        self._engine_note.setAccessibleName("About the sound engine")
        self.test_button = QPushButton("&Test sound", self)
        self.test_button.setObjectName("test_sound_button")
        self.test_button.setAccessibleName("Test sound")
        self.test_button.setAccessibleDescription("Play the forward cue with these settings")
        self.test_button.setToolTip("Play the forward cue with these settings")
        self.test_button.setVisible(test_sound is not None)
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        for which, tip in (
            (QDialogButtonBox.StandardButton.Ok, "Keep these settings"),
            (QDialogButtonBox.StandardButton.Cancel, "Leave the settings as they were (Esc)"),
        ):
            standard = self._buttons.button(which)
            standard.setToolTip(tip)
            standard.setAccessibleDescription(tip)
        self._layout()
        self._connect_signals()
        self._show(settings)

    def _combo(self, name: str, setting: Declared) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(label_of(setting))
        combo.setToolTip(tip_of(setting))
        return combo

    def _choice(self, name: str, setting: Declared) -> QComboBox:
        combo = self._combo(name, setting)
        for value, text in cast(Choice, setting.kind).labels.items():
            combo.addItem(text, value)
        return combo

    def _check(self, name: str, setting: Declared, more: str = "") -> QCheckBox:
        check = big_tick(QCheckBox(setting.label, self))
        check.setObjectName(name)
        check.setToolTip(tip_of(setting) + more)
        # As wide as its box and words: a click in the empty row beside them changes nothing.
        check.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        return check

    def controls(self) -> dict[str, QWidget]:
        """The control of each setting the dialog shows, by its key in the settings table."""
        return {
            "audio_engine": self._engine,
            "voice": self._voice,
            "volume": self._volume,
            "muted": self._muted,
            "pips": self._pips,
            "reminder_rotation_s": self._rotation,
            "checklist_every_start": self._checklist,
            "one_leg_stand": self._one_leg,
            "theme": self._theme,
            **self.belt.controls(),
            **self.treadmill.controls(),
            **self.heart.controls(),
        }

    def _layout(self) -> None:
        self._one_leg = self._check("one_leg_check", SETTINGS["one_leg_stand"])
        self.belt = BeltSettings(self)  # the speed unit, the body mass, the backward factor
        self.heart = HeartSettings(self)  # the strap and the ceiling
        form = QFormLayout()
        cues = QHBoxLayout()
        cues.addWidget(self._tones)
        cues.addWidget(self._voice)
        cues.addStretch(1)
        volume = QHBoxLayout()
        volume.addWidget(self._volume, 1)
        volume.addWidget(self._volume_value)
        rows: tuple[tuple[str, QWidget | QHBoxLayout, QWidget], ...] = (
            (_ENGINE.label + ":", self._engine, self._engine),
            ("", self._engine_note, self._engine_note),
            (SETTINGS["voice"].label + ":", cues, self._tones),
            (SETTINGS["volume"].label + ":", volume, self._volume),
            ("", self._muted, self._muted),
            ("", self.test_button, self.test_button),
            (_PIPS.label + ":", self._pips, self._pips),
            (_ROTATION.label + ":", self._rotation, self._rotation),
            ("", self._checklist, self._checklist),
            ("", self._one_leg, self._one_leg),
            (SETTINGS["theme"].label + ":", self._theme, self._theme),
            ("Treadmill:", self.belt, self.belt.units),
            ("Bluetooth:", self.treadmill, self.treadmill.address),
            ("Heart rate:", self.heart, self.heart.address),
        )
        for text, field, buddy in rows:
            label = QLabel(text, self)
            label.setBuddy(buddy)
            form.addRow(label, field)
        # The settings scroll above OK and Cancel: the whole form is about 560x680, more than
        # a 1024x600 screen has (or 1920x1080 at scale 2), and the buttons must stay in reach.
        body = QWidget(self)
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(form)
        inner.addWidget(self._when)
        inner.addStretch(1)
        self.page = QScrollArea(self)
        self.page.setObjectName("settings_scroll")
        self.page.setWidgetResizable(True)
        self.page.setFrameShape(QScrollArea.Shape.NoFrame)
        self.page.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab brings each setting into view
        self.page.setWidget(body)
        wheel_scrolls_page(self.page, body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page, 1)
        layout.addWidget(self._buttons)
        whole = body.sizeHint() + QSize(self.page.verticalScrollBar().sizeHint().width(), 0)
        body.resize(body.sizeHint())  # laid out now: each field has its place before the show
        margins = layout.contentsMargins()
        extra = QSize(
            margins.left() + margins.right(),
            margins.top() + margins.bottom() + layout.spacing() + self._buttons.sizeHint().height(),
        )
        fit_to_screen(self, whole + extra, self.parentWidget())
        self._tab_in_reading_order([field for _text, field, _buddy in rows])

    def _tab_in_reading_order(self, fields: list[QWidget | QHBoxLayout]) -> None:
        """Tab from the first setting to the last as they read, then OK and Cancel.

        Tab went in the order the parts were made: the Bluetooth address first (and the dialog
        opened on it), the test button after the theme, the balance check after OK.
        """
        chain: list[QWidget] = []
        for field in fields:
            if isinstance(field, QHBoxLayout):
                items = (field.itemAt(i) for i in range(field.count()))
                parts = [item.widget() for item in items if item is not None]
            else:
                parts = [field, *field.findChildren(QWidget)]
            chain += [
                part
                for part in parts
                if part is not None
                and part.window() is self  # not a list's pop-up, a window of its own
                and part.focusPolicy() & Qt.FocusPolicy.TabFocus
            ]
        chain += [self._buttons.button(QDialogButtonBox.StandardButton.Ok)]
        chain += [self._buttons.button(QDialogButtonBox.StandardButton.Cancel)]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        chain[0].setFocus()

    def _connect_signals(self) -> None:
        # Volume readout
        self._volume.valueChanged.connect(self._on_volume_value_changed)
        # The engine, checked as soon as it is chosen, and tried on demand
        self._engine.activated.connect(self._on_engine_activated)
        self.test_button.clicked.connect(self._on_test_button_clicked)
        # OK and Cancel
        self._buttons.accepted.connect(self._on_buttons_accepted)
        self._buttons.rejected.connect(self.reject)

    def _on_buttons_accepted(self) -> None:
        # A body mass that cannot be read keeps the dialog open, the reason beside it.
        for problem, field, reason in (
            (self.belt.problem, self.belt.mass, self.belt.mass_error),
            (self.treadmill.problem, self.treadmill.address, self.treadmill.note),
            (self.heart.problem, self.heart.address, self.heart.note),
        ):
            if problem():
                field.setFocus()
                # Scrolled to once the reason has its room: the field, and the reason beside it.
                QTimer.singleShot(0, lambda f=field, r=reason: self._bring_into_view(f, r))
                return
        self.accept()

    def _bring_into_view(self, field: QWidget, reason: QWidget) -> None:
        self.page.ensureWidgetVisible(reason)
        self.page.ensureWidgetVisible(field)

    def _on_volume_value_changed(self, value: int) -> None:
        self._volume_value.setText(f"{value} %")
        self._volume.setAccessibleDescription(f"{value} percent")

    def _on_engine_activated(self, _index: int) -> None:
        problem = (
            self._engine_problem(str(self._engine.currentData())) if self._engine_problem else None
        )
        self._engine_note.setText(problem or "")
        self._engine.setAccessibleDescription(problem or tip_of(_ENGINE))

    def _on_test_button_clicked(self) -> None:
        if self._test_sound is not None:
            self._engine_note.setText(self._test_sound(self.result_settings()))

    def engine_note(self) -> str:
        """What the dialog says about the chosen engine ('' when nothing needs saying)."""
        return self._engine_note.text()

    def _show(self, settings: Settings) -> None:
        self._engine.setCurrentIndex(self._engine.findData(settings.audio_engine))
        (self._voice if settings.voice else self._tones).setChecked(True)
        self._volume.setValue(round(settings.volume * 100))
        self._on_volume_value_changed(self._volume.value())
        self._muted.setChecked(settings.muted)
        self._pips.setCurrentIndex(self._pips.findData(settings.pips))
        self._rotation.setCurrentIndex(self._rotation.findData(settings.reminder_rotation_s))
        self._checklist.setChecked(settings.checklist_every_start)
        self._one_leg.setChecked(settings.one_leg_stand)
        self._theme.setCurrentIndex(self._theme.findData(settings.theme))
        self.belt.show_settings(settings)
        self.treadmill.show_settings(settings)
        self.heart.show_settings(settings)

    def result_settings(self) -> Settings:
        """The settings as the dialog shows them (the ones given, if nothing was changed)."""
        volume = self._volume.value() / 100
        if round(self._initial.volume * 100) == self._volume.value():
            volume = self._initial.volume  # keep 0.333 from a hand edit if the slider was left
        return dataclasses.replace(
            self.heart.applied_to(self.treadmill.applied_to(self.belt.applied_to(self._initial))),
            audio_engine=str(self._engine.currentData()),
            voice=self._voice.isChecked(),
            volume=volume,
            muted=self._muted.isChecked(),
            pips=int(self._pips.currentData()),
            reminder_rotation_s=int(self._rotation.currentData()),
            checklist_every_start=self._checklist.isChecked(),
            one_leg_stand=self._one_leg.isChecked(),
            theme=str(self._theme.currentData()),
        )
