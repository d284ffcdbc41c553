"""The plan editor's form: a field per length, each with its error in words beside it."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QWidget

from retrocoach.core.durations import format_duration
from retrocoach.core.plan.checks import check_field, check_speed, is_turn_wait
from retrocoach.core.plan.limits import human_seconds
from retrocoach.core.plan.model import LIMITS, SPEC_KEYS, SPEED_KEYS, Plan
from retrocoach.core.speeds import Units, format_speed, speeds_in
from retrocoach.ui.colours import error_colour, error_style

__all__ = ["DURATION_KEYS", "PlanFields"]

DURATION_KEYS: Final = ("getready", "warmup", "forward", "backward", "cooldown")
# Plan.validate() is the rule. The spin box goes further on purpose: a count typed above the
# limit is marked as a mistake beside the field, never quietly cut to the limit.
MAX_ROUNDS: Final = LIMITS["rounds"].high
_SPIN_TOP: Final = 9999
_FORMS: Final = "90s, 5m, 5 min, 1.5m, 1m30s, 1h or 1:30"
# (label with mnemonic, tooltip) per key. Alt+F, Alt+E and Alt+H are left to a menu bar.
_LABELS: Final = {
    "getready": ("&Get ready:", "Countdown before the warm-up, to step on and start the belt"),
    "warmup": ("&Warm-up:", "Forward walking before the first round; 0s leaves it out"),
    "forward": ("F&orward:", "Forward walking in each round"),
    "backward": ("&Backward:", "Backward walking in each round"),
    "rounds": ("&Rounds:", "How many times forward then backward"),
    "cooldown": ("&Cool-down:", "Forward walking after the last round; 0s leaves it out"),
    "turn": (
        "&Turn-around:",
        "Before each change of direction: time to turn round standing on the side rails "
        "(slow the belt first when turning to face backward); 0s leaves it out, and wait "
        "waits until you press Space (or your headset button)",
    ),
    "forward-speed": ("Forward belt &speed:", "The belt speed for forward walking"),
    "backward-speed": (
        "Backward be&lt speed:",
        "The belt speed for backward walking; beginners start at 1.0-2.0 km/h",
    ),
}
_SPEED_FORMS: Final = "Write 3.5 km/h or 2.2 mph; leave it empty when you do not know"


def unit_words(plan: Plan, units: Units = Units.KMH) -> dict[str, str]:
    """Each length in the unit form people type (5m, 1m30s, 0s), by spec key; speeds in *units*."""
    words = {key: human_seconds(getattr(plan, field)) for key, field in SPEC_KEYS.items()}
    words["rounds"] = str(plan.rounds)
    if plan.turn_wait:
        words["turn"] = "wait"
    for key, (field, _) in SPEED_KEYS.items():
        speed = getattr(plan, field)
        words[key] = "" if speed is None else format_speed(speed, units)
    return words


class PlanFields(QWidget):
    """Line edits for the lengths and a spin box for rounds; reads them into a Plan."""

    edited = Signal()
    """The walker changed a field (not emitted by set_plan)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self.in_order: list[QWidget] = []
        """Every field, top to bottom, as Tab should reach them."""
        self.units = Units.KMH
        # Each speed as shown and as the plan holds it: a speed shown rounded (1.0 km/h is
        # "0.6 mph") is read back exactly while its text is left as it was shown.
        self._shown_speeds: dict[str, tuple[str, float | None]] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.rounds = QSpinBox(self)
        self.rounds.setRange(0, _SPIN_TOP)
        self.rounds.setObjectName("rounds_spin")
        self.rounds.setMaximumWidth(self.rounds.fontMetrics().horizontalAdvance("0" * 12))
        for key, (text, tip) in _LABELS.items():  # the keys this form has fields for
            label = QLabel(text, self)
            if key == "rounds":
                field: QWidget = self.rounds
                self.rounds.setToolTip(f"{tip} (1 to {MAX_ROUNDS})")
                self.rounds.setAccessibleName("Rounds")
                self._add_error(form, label, key, "Rounds", self.rounds)
            else:
                forms = _SPEED_FORMS if key in SPEED_KEYS else f"Write {_FORMS}"
                field = self._duration_row(form, label, key, f"{tip}. {forms}.")
            label.setBuddy(field)
            self.in_order.append(field)
        self._connect_signals()

    def _duration_row(self, form: QFormLayout, label: QLabel, key: str, tip: str) -> QLineEdit:
        name = label.text().replace("&", "").rstrip(":")
        edit = QLineEdit(self)
        edit.setToolTip(tip)
        edit.setAccessibleName(name)
        edit.setObjectName(f"{key}_edit")
        edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("0" * 12))
        self.edits[key] = edit
        self._add_error(form, label, key, name, edit)
        return edit

    def _add_error(
        self, form: QFormLayout, label: QLabel, key: str, name: str, field: QWidget
    ) -> None:
        error = QLabel(self)
        error.setWordWrap(True)
        error.setAccessibleName(f"{name} error")
        error.setObjectName(f"{key}_error")
        # Red on the form's own background, bold: a second sign besides the colour.
        error.setStyleSheet(error_style(error))
        row = QHBoxLayout()
        row.addWidget(field)
        row.addWidget(error, 1)
        form.addRow(label, row)
        self.errors[key] = error

    def _connect_signals(self) -> None:
        # The walker's typing and spinning are the only edits; set_plan blocks these.
        for edit in self.edits.values():
            edit.textEdited.connect(self._on_edit_text_edited)
        self.rounds.valueChanged.connect(self._on_rounds_value_changed)

    def _on_edit_text_edited(self, _text: str) -> None:
        self.edited.emit()

    def _on_rounds_value_changed(self, _value: int) -> None:
        if not self.rounds.signalsBlocked():
            self.edited.emit()

    def set_plan(self, plan: Plan) -> None:
        """Show *plan*'s lengths; no error remains and nothing is emitted."""
        words = unit_words(plan, self.units)
        for key, edit in self.edits.items():
            edit.setText(words[key])
        self._shown_speeds = {
            key: (words[key], getattr(plan, field)) for key, (field, _) in SPEED_KEYS.items()
        }
        for key in self.errors:
            self._show_error(key, "")
        self.rounds.blockSignals(True)
        self.rounds.setValue(plan.rounds)
        self.rounds.blockSignals(False)

    def read(self, name: str) -> Plan | None:
        """The plan in the fields under *name*, or None after showing each bad field's error.

        Only each field's own range is checked here; the whole plan's rules are the caller's.
        """
        texts = {key: edit.text() for key, edit in self.edits.items()}
        texts["rounds"] = self.rounds.cleanText()
        values: dict[str, int | float | None] = {}
        for key, text in texts.items():
            if is_turn_wait(key, text):
                values.update(turn_s=0, turn_wait=True)
                self._show_error(key, "")
                continue
            speed = key in SPEED_KEYS
            shown, kmh = self._shown_speeds.get(key, (None, None))
            if speed and text == shown:
                checked: int | float | str | None = kmh
            else:
                checked = check_speed(key, text) if speed else check_field(key, text)
            if isinstance(checked, str):
                self._show_error(key, checked)
            else:
                self._show_error(key, "")
                values[SPEED_KEYS[key][0] if speed else SPEC_KEYS[key]] = checked
        if len(values) < len(texts) + ("turn_wait" in values):
            return None
        return Plan(name=name, **values)  # type: ignore[arg-type]  # each value checked above

    def set_units(self, units: Units) -> None:
        """Show the speeds in *units* from now on; a speed being typed is left as it is."""
        self.units = units
        for key in SPEED_KEYS:  # the advice in the tooltip follows the unit too
            if key in self.edits:
                tip = speeds_in(_LABELS[key][1], units)
                self.edits[key].setToolTip(f"{tip}. {_SPEED_FORMS}.")
        for key, (shown, kmh) in self._shown_speeds.items():
            edit = self.edits[key]
            if edit.text() == shown and kmh is not None:
                text = format_speed(kmh, units)
                edit.setText(text)
                self._shown_speeds[key] = (text, kmh)

    def problems(self) -> dict[str, str]:
        """The problem shown beside each field at fault, by key, in the form's order."""
        return {key: label.text() for key, label in self.errors.items() if label.text()}

    def error_text(self, key: str) -> str:
        """The error shown beside a duration field ('' when it is fine)."""
        return self.errors[key].text()

    def _show_error(self, key: str, message: str) -> None:
        self.errors[key].setText(message)
        self.errors[key].setStyleSheet(error_style(self.errors[key]))  # the theme of now
        field = self.rounds if key == "rounds" else self.edits[key]
        # Screen readers read the description with the field, so the error is heard there too.
        field.setAccessibleDescription(message)
        # A flag on the field itself, not only the words beside it (and not colour alone).
        field.setProperty("mistake", bool(message))
        field.setStyleSheet(f"border: 2px solid {error_colour(field)};" if message else "")


def describe_totals(plan: Plan) -> str:
    """The live total under the form: walking time, backward time, the whole session.

    The whole session names what it adds to the walking: the get-ready countdown, the
    turn-arounds, or both (a plan with turn-arounds only was said to have a countdown).
    """
    # Every time in one form, m:ss: '0.2 min of it backward' beside '0:20' read as two units.
    walking, backward = format_duration(plan.walking_s), format_duration(plan.backward_total_s)
    text = f"Walking {walking} in all, {backward} of it backward"
    added = [
        what
        for what, seconds in (
            ("the get-ready countdown", plan.getready_s),
            ("the turn-arounds", plan.turns * plan.turn_s),
        )
        if seconds
    ]
    if plan.turn_wait:
        added.append("turn-arounds at your own pace")
    if added:
        text += f"; {format_duration(plan.total_s)} with {' and '.join(added)}"
    return text
