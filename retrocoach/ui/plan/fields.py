"""The plan editor's form: a field per length, each with its error in words beside it."""

from __future__ import annotations

import dataclasses
from typing import Final

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QWidget

from retrocoach.core.durations import DurationError, format_duration, parse_duration
from retrocoach.core.plan import LIMITS, SPEC_KEYS, Plan, PlanError

__all__ = ["DURATION_KEYS", "PlanFields"]

DURATION_KEYS: Final = ("getready", "warmup", "forward", "backward", "cooldown")
# Plan.validate() is the rule; the spin box's range matches it so it never offers a bad count,
# and a test keeps the two in step.
MAX_ROUNDS: Final = LIMITS["rounds"].high
_FORMS: Final = "90s, 5m, 1m30s, 1h or 1:30"
# (label with mnemonic, tooltip) per key. Alt+F, Alt+E and Alt+H are left to a menu bar.
_LABELS: Final = {
    "getready": ("&Get ready:", "Countdown before the warm-up, to step on and start the belt"),
    "warmup": ("&Warm-up:", "Forward walking before the first round; 0s leaves it out"),
    "forward": ("F&orward:", "Forward walking in each round"),
    "backward": ("&Backward:", "Backward walking in each round"),
    "rounds": ("&Rounds:", "How many times forward then backward"),
    "cooldown": ("&Cool-down:", "Forward walking after the last round; 0s leaves it out"),
}
# Every length at its smallest: setting one field on it tests that field's range alone, so a
# total that is too long is never blamed on the field just typed.
_SMALLEST: Final = Plan(forward_s=1, backward_s=1, rounds=1, warmup_s=0, cooldown_s=0, getready_s=0)


def _alone(key: str, seconds: int) -> Plan:
    """The smallest plan with one length set: validating it checks that length's range only."""
    return dataclasses.replace(_SMALLEST, **{SPEC_KEYS[key]: seconds})  # type: ignore[arg-type]


def unit_words(plan: Plan) -> dict[str, str]:
    """Each length in the unit form people type (5m, 1m30s, 0s), by spec key."""
    return dict(word.split("=", 1) for word in plan.spec().split())


class PlanFields(QWidget):
    """Line edits for the lengths and a spin box for rounds; reads them into a Plan."""

    edited = Signal()
    """The walker changed a field (not emitted by set_plan)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.rounds = QSpinBox(self)
        self.rounds.setRange(1, MAX_ROUNDS)
        self.rounds.setObjectName("rounds_spin")
        self.rounds.setMaximumWidth(self.rounds.fontMetrics().horizontalAdvance("0" * 12))
        for key in SPEC_KEYS:
            text, tip = _LABELS[key]
            label = QLabel(text, self)
            if key == "rounds":
                field: QWidget = self.rounds
                self.rounds.setToolTip(f"{tip} (1 to {MAX_ROUNDS})")
                self.rounds.setAccessibleName("Rounds")
                form.addRow(label, self.rounds)
            else:
                field = self._duration_row(form, label, key, tip)
            label.setBuddy(field)
        self._connect_signals()

    def _duration_row(self, form: QFormLayout, label: QLabel, key: str, tip: str) -> QLineEdit:
        name = label.text().replace("&", "").rstrip(":")
        edit = QLineEdit(self)
        edit.setToolTip(f"{tip}. Write {_FORMS}.")
        edit.setAccessibleName(name)
        edit.setObjectName(f"{key}_edit")
        edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("0" * 12))
        error = QLabel(self)
        error.setWordWrap(True)
        error.setAccessibleName(f"{name} error")
        error.setObjectName(f"{key}_error")
        row = QHBoxLayout()
        row.addWidget(edit)
        row.addWidget(error, 1)
        form.addRow(label, row)
        self.edits[key] = edit
        self.errors[key] = error
        return edit

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
        words = unit_words(plan)
        for key, edit in self.edits.items():
            edit.setText(words[key])
            self._show_error(key, "")
        self.rounds.blockSignals(True)
        self.rounds.setValue(plan.rounds)
        self.rounds.blockSignals(False)

    def read(self, name: str) -> Plan | None:
        """The plan in the fields under *name*, or None after showing each bad field's error.

        Only each field's own range is checked here; the whole plan's rules are the caller's.
        """
        values: dict[str, int] = {"rounds": self.rounds.value()}
        for key, edit in self.edits.items():
            try:
                seconds = parse_duration(edit.text())
                _alone(key, seconds).validate()
            except (DurationError, PlanError) as error:
                self._show_error(key, str(error))
            else:
                self._show_error(key, "")
                values[SPEC_KEYS[key]] = seconds
        if len(values) <= len(self.edits):
            return None
        return Plan(name=name, **values)

    def error_text(self, key: str) -> str:
        """The error shown beside a duration field ('' when it is fine)."""
        return self.errors[key].text()

    def _show_error(self, key: str, message: str) -> None:
        self.errors[key].setText(message)
        # Screen readers read the description with the field, so the error is heard there too.
        self.edits[key].setAccessibleDescription(message)


def describe_totals(plan: Plan) -> str:
    """The live total under the form: walking time, backward minutes, the whole session."""
    backward_min = plan.backward_total_s / 60
    shown = f"{backward_min:.1f}".rstrip("0").rstrip(".")
    return (
        f"Walking {format_duration(plan.walking_s)} in all, {shown} min of it backward; "
        f"{format_duration(plan.total_s)} with the get-ready countdown"
    )
