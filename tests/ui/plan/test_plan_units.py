"""The plan editor where features meet: speeds in the unit set, and turn-arounds in its totals."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from retrocoach.core.plan.model import Plan, parse_spec
from retrocoach.core.plan.presets import PRESETS
from retrocoach.core.plan.store import PlanStore
from retrocoach.core.speeds import Units
from retrocoach.ui.plan.editor import PlanEditor
from retrocoach.ui.plan.fields import describe_totals


def _editor(qtbot: QtBot, tmp_path: Path, plan: Plan) -> tuple[PlanEditor, list[Plan | None]]:
    editor = PlanEditor(PlanStore(tmp_path, warn=lambda _text: None), plan)
    qtbot.addWidget(editor)
    emitted: list[Plan | None] = []
    editor.plan_changed.connect(emitted.append)
    return editor, emitted


def _field(editor: PlanEditor, key: str) -> QLineEdit:
    found = editor.findChild(QLineEdit, f"{key}_edit")
    assert isinstance(found, QLineEdit)
    return found


def test_speeds_show_in_mph_when_that_is_the_unit_set(qtbot: QtBot, tmp_path: Path) -> None:
    plan = parse_spec("forward-speed=2mph backward-speed=1mph", name="belt")
    editor, _ = _editor(qtbot, tmp_path, plan)
    assert _field(editor, "forward-speed").text() == "3.2 km/h"
    editor.set_units(Units.MPH)
    assert _field(editor, "forward-speed").text() == "2.0 mph"
    assert _field(editor, "backward-speed").text() == "1.0 mph"
    editor.set_units(Units.KMH)
    assert _field(editor, "backward-speed").text() == "1.6 km/h"


def test_a_speed_shown_rounded_is_kept_exactly_when_another_field_changes(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """first-steps walks backward at 1.0 km/h, shown as 0.6 mph: that is not 0.97 km/h."""
    editor, emitted = _editor(qtbot, tmp_path, PRESETS["first-steps"].plan)
    editor.set_units(Units.MPH)
    assert _field(editor, "backward-speed").text() == "0.6 mph"
    spin = editor.findChild(QSpinBox, "rounds_spin")
    assert isinstance(spin, QSpinBox)
    spin.setValue(4)
    changed = emitted[-1]
    assert changed is not None
    assert changed.rounds == 4
    assert changed.backward_speed_kmh == 1.0


def test_a_speed_typed_in_mph_is_read_in_mph(qtbot: QtBot, tmp_path: Path) -> None:
    editor, emitted = _editor(qtbot, tmp_path, PRESETS["first-steps"].plan)
    editor.set_units(Units.MPH)
    field = _field(editor, "backward-speed")
    field.selectAll()
    qtbot.keyClicks(field, "1.2 mph")
    changed = emitted[-1]
    assert changed is not None
    assert changed.backward_speed_kmh is not None
    assert round(changed.backward_speed_kmh, 2) == 1.93


def test_the_totals_name_the_turn_arounds_not_a_countdown_the_plan_has_not() -> None:
    plan = parse_spec("getready=0s warmup=0s cooldown=0s forward=3s backward=3s rounds=2 turn=2s")
    text = describe_totals(plan)
    assert text == "Walking 0:12 in all, 0:06 of it backward; 0:18 with the turn-arounds"
    both = parse_spec("getready=10s warmup=0s cooldown=0s forward=1m backward=1m turn=5s")
    assert describe_totals(both).endswith(
        f"{both.total_s // 60}:{both.total_s % 60:02d} with the get-ready countdown and the "
        "turn-arounds"
    )
    plain = parse_spec("getready=0s warmup=0s cooldown=0s forward=1m backward=1m rounds=1")
    assert describe_totals(plain) == "Walking 2:00 in all, 1:00 of it backward"


@pytest.mark.parametrize(
    ("spec", "said"),
    [
        ("forward=10s backward=10s rounds=1", "Walking 0:20 in all, 0:10 of it backward"),
        ("forward=1m backward=12s rounds=1", "Walking 1:12 in all, 0:12 of it backward"),
        ("forward=59m backward=30m rounds=2", "Walking 2:58:00 in all, 1:00:00 of it backward"),
    ],
)
def test_the_totals_give_every_time_as_m_ss_never_decimal_minutes(spec: str, said: str) -> None:
    """'0.2 min of it backward' stood beside '0:20 in all': two forms of one quantity."""
    plan = parse_spec(f"getready=0s warmup=0s cooldown=0s turn=0s {spec}")
    assert describe_totals(plan) == said


def test_the_totals_label_under_the_form_says_the_same(qtbot: QtBot, tmp_path: Path) -> None:
    plan = parse_spec("getready=0s forward=1m backward=1m rounds=1 turn=10s", name="t")
    editor, _ = _editor(qtbot, tmp_path, plan)
    totals = editor.findChild(QLabel, "plan_totals")
    assert isinstance(totals, QLabel)
    assert "with the turn-arounds" in totals.text()
    assert "get-ready" not in totals.text()
