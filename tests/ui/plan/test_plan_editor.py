"""The plan editor: every duration form, inline errors, live totals, saved plans on disk."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from prompt_doubles import ScriptedPrompts
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from retrocoach.core.plan.model import Plan, PlanError
from retrocoach.core.plan.presets import PRESETS
from retrocoach.core.plan.store import PlanStore
from retrocoach.ui.plan.editor import PlanEditor
from retrocoach.ui.plan.fields import MAX_ROUNDS

FIRST_STEPS = PRESETS["first-steps"].plan


@pytest.fixture
def store(tmp_path: Path) -> PlanStore:
    """Saved plans in a fresh config folder; a warning would fail the test."""
    return PlanStore(tmp_path / "config", warn=pytest.fail)


@pytest.fixture
def prompts() -> ScriptedPrompts:
    """The walker's answers to the editor's questions."""
    return ScriptedPrompts()


@pytest.fixture
def emitted() -> list[Plan | None]:
    """Every plan_changed emission."""
    return []


@pytest.fixture
def editor(
    qtbot: QtBot, store: PlanStore, prompts: ScriptedPrompts, emitted: list[Plan | None]
) -> PlanEditor:
    """An editor opened on the first-steps preset."""
    widget = PlanEditor(store, FIRST_STEPS, prompts=prompts)
    qtbot.addWidget(widget)
    widget.plan_changed.connect(emitted.append)
    return widget


def child(editor: QWidget, kind: type, name: str) -> QWidget:
    found = editor.findChild(kind, name)
    assert found is not None, name
    return found


def edit(editor: PlanEditor, key: str) -> QLineEdit:
    return child(editor, QLineEdit, f"{key}_edit")  # type: ignore[return-value]


def error_text(editor: PlanEditor, key: str) -> str:
    return child(editor, QLabel, f"{key}_error").text()  # type: ignore[attr-defined, no-any-return]


def label(editor: PlanEditor, name: str) -> str:
    return child(editor, QLabel, name).text()  # type: ignore[attr-defined, no-any-return]


def button(editor: PlanEditor, name: str) -> QPushButton:
    return child(editor, QPushButton, f"plan_{name}_button")  # type: ignore[return-value]


def combo(editor: PlanEditor) -> QComboBox:
    return child(editor, QComboBox, "plan_choice")  # type: ignore[return-value]


def type_into(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """Replace the field's text as a walker would: select all, then type (or erase)."""
    field.setFocus()
    field.selectAll()
    if text:
        qtbot.keyClicks(field, text)
    else:
        qtbot.keyClick(field, Qt.Key.Key_Backspace)


def paste(field: QLineEdit, text: str) -> None:
    """Replace the field's text in one edit, as pasting does."""
    field.selectAll()
    field.insert(text)


def saved_names(store: PlanStore) -> list[str]:
    return [plan["name"] for plan in json.loads(store.path.read_text())["plans"]]


def test_the_editor_opens_on_the_preset_it_was_given(editor: PlanEditor) -> None:
    assert editor.plan == FIRST_STEPS
    assert combo(editor).currentText() == "first-steps (built in)"
    assert edit(editor, "forward").text() == "5m"
    assert edit(editor, "warmup").text() == "0s"
    assert not button(editor, "rename").isEnabled()
    assert not button(editor, "delete").isEnabled()


@pytest.mark.parametrize(
    ("typed", "seconds"),
    [
        ("90s", 90),
        ("5m", 300),
        ("1m30s", 90),
        ("1h", 3600),
        ("1:30", 90),
        (" 2M ", 120),
        ("5min", 300),
        ("5 min", 300),
        ("1.5m", 90),
        ("90 sec", 90),
    ],
)
def test_every_duration_form_of_the_contract_is_accepted(
    qtbot: QtBot, editor: PlanEditor, emitted: list[Plan | None], typed: str, seconds: int
) -> None:
    type_into(qtbot, edit(editor, "forward"), typed)
    assert editor.plan is not None
    assert editor.plan.forward_s == seconds
    assert error_text(editor, "forward") == ""
    assert emitted[-1] == editor.plan


@pytest.mark.parametrize(
    "case",
    [
        ("forward", "5", "Forward: '5' has no unit: write 5m for minutes or 5s for seconds"),
        ("backward", "abc", "is not a duration"),
        ("warmup", "", "Warm-up is empty"),
        ("forward", "0s", "Forward must be at least 1 second"),
        ("forward", "3h", "Forward must be at most 2 hours"),
        ("getready", "2m", "Get ready must be at most 1 minute"),
        ("cooldown", "1:75", "the seconds after ':' run 00-59"),
    ],
)
def test_a_bad_length_shows_its_message_beside_the_field_and_emits_none(
    qtbot: QtBot, editor: PlanEditor, emitted: list[Plan | None], case: tuple[str, str, str]
) -> None:
    key, typed, words = case
    type_into(qtbot, edit(editor, key), typed)
    assert words in error_text(editor, key)
    assert edit(editor, key).accessibleDescription() == error_text(editor, key)
    assert editor.plan is None
    assert emitted[-1] is None
    assert not button(editor, "save").isEnabled()
    assert "Correct the lengths" in label(editor, "plan_totals")
    other = next(k for k in ("forward", "backward", "warmup") if k != key)
    assert error_text(editor, other) == ""


def test_mending_a_bad_field_clears_its_message_and_emits_the_plan_again(
    qtbot: QtBot, editor: PlanEditor, emitted: list[Plan | None]
) -> None:
    type_into(qtbot, edit(editor, "backward"), "2")
    type_into(qtbot, edit(editor, "backward"), "2m")
    assert error_text(editor, "backward") == ""
    assert emitted == [None, editor.plan]
    assert editor.plan is not None
    assert editor.plan.backward_s == 120


def test_plan_changed_is_emitted_only_on_a_real_change(
    qtbot: QtBot, editor: PlanEditor, emitted: list[Plan | None]
) -> None:
    field = edit(editor, "forward")
    paste(field, "5:00")  # the same five minutes, written another way
    assert emitted == []
    paste(field, "x")
    paste(field, "y")
    assert emitted == [None]


def test_a_whole_session_over_eight_hours_is_refused_below_the_fields(
    qtbot: QtBot, editor: PlanEditor, emitted: list[Plan | None]
) -> None:
    type_into(qtbot, edit(editor, "forward"), "2h")
    child(editor, QSpinBox, "rounds_spin").setValue(5)  # type: ignore[attr-defined]
    assert editor.plan is None
    assert emitted[-1] is None
    assert error_text(editor, "forward") == ""
    assert "a session is at most 8 hours" in label(editor, "plan_totals")
    assert editor.problem.startswith("The whole session would last 10 hours")


def test_the_totals_follow_every_edit_live(qtbot: QtBot, editor: PlanEditor) -> None:
    # first-steps: 3 x (5:00 + 1:00) and a 2:00 cool-down is 20:00 of walking, 3:00 backward.
    assert "Walking 20:00 in all, 3:00 of it backward" in label(editor, "plan_totals")
    # The get-ready's 10 s and three 30 s turn-arounds each way (six): 23:10 in all.
    assert "23:10 with the get-ready countdown and the turn-arounds" in label(editor, "plan_totals")
    type_into(qtbot, edit(editor, "backward"), "1m30s")
    assert "Walking 21:30 in all, 4:30 of it backward" in label(editor, "plan_totals")
    qtbot.keyClick(child(editor, QSpinBox, "rounds_spin"), Qt.Key.Key_Up)
    assert "Walking 28:00 in all, 6:00 of it backward" in label(editor, "plan_totals")


def test_editing_a_preset_makes_it_custom(
    qtbot: QtBot, editor: PlanEditor, emitted: list[Plan | None]
) -> None:
    type_into(qtbot, edit(editor, "forward"), "4m")
    assert combo(editor).currentText().startswith("Custom")
    assert emitted[-1] == dataclasses.replace(FIRST_STEPS, forward_s=240, name="custom")
    type_into(qtbot, edit(editor, "forward"), "5m")
    assert editor.plan == FIRST_STEPS, "the preset's own lengths are the preset again"


def test_the_list_keeps_its_choice_while_a_field_is_being_retyped(
    qtbot: QtBot, editor: PlanEditor
) -> None:
    type_into(qtbot, edit(editor, "forward"), "5")  # on its way to 5m
    assert combo(editor).currentText() == "first-steps (built in)"
    qtbot.keyClicks(edit(editor, "forward"), "m")
    assert editor.plan == FIRST_STEPS


def test_choosing_a_preset_fills_in_its_lengths(qtbot: QtBot, editor: PlanEditor) -> None:
    box = combo(editor)
    index = box.findText("daily-ten (built in)")
    box.setCurrentIndex(index)
    box.activated.emit(index)
    assert editor.plan == PRESETS["daily-ten"].plan
    assert edit(editor, "backward").text() == "2m"
    assert edit(editor, "turn").text() == "30s"
    assert PRESETS["daily-ten"].description in label(editor, "plan_description")


def test_save_writes_the_plan_to_plans_json_under_the_given_name(
    qtbot: QtBot, editor: PlanEditor, store: PlanStore, prompts: ScriptedPrompts
) -> None:
    type_into(qtbot, edit(editor, "backward"), "2m")
    prompts.texts.append("  Tuesday  ")
    qtbot.mouseClick(button(editor, "save"), Qt.MouseButton.LeftButton)
    assert saved_names(store) == ["Tuesday"]
    assert store.get("Tuesday") == dataclasses.replace(FIRST_STEPS, backward_s=120, name="Tuesday")
    assert editor.plan is not None
    assert editor.plan.name == "Tuesday"
    assert combo(editor).currentText() == "Tuesday"
    assert button(editor, "rename").isEnabled()
    assert "Saved as 'Tuesday'" in editor.message()


def test_a_name_taken_by_a_preset_or_a_saved_plan_is_refused_in_plain_words(
    qtbot: QtBot, editor: PlanEditor, store: PlanStore, prompts: ScriptedPrompts
) -> None:
    store.save(FIRST_STEPS.renamed("Long"))
    prompts.texts += ["Daily-Ten", "long"]
    qtbot.mouseClick(button(editor, "save"), Qt.MouseButton.LeftButton)
    assert "'Daily-Ten' is the name of a built-in plan" in editor.message()
    qtbot.mouseClick(button(editor, "save"), Qt.MouseButton.LeftButton)
    assert "A saved plan is already called 'long'" in editor.message()
    assert saved_names(store) == ["Long"]


def test_a_pasted_name_with_a_line_break_tab_or_nul_is_refused_and_nothing_is_saved(
    qtbot: QtBot, editor: PlanEditor, store: PlanStore, prompts: ScriptedPrompts
) -> None:
    # What a paste from another program can hold: a field keeps every character of it.
    prompts.texts += ["morning\nwalk", "tab\there", "nul\x00here"]
    for _ in range(3):
        qtbot.mouseClick(button(editor, "save"), Qt.MouseButton.LeftButton)
        assert "one line of text" in editor.message()
    assert store.plans() == ()


def test_an_over_long_name_is_refused_with_its_length(
    qtbot: QtBot, editor: PlanEditor, store: PlanStore, prompts: ScriptedPrompts
) -> None:
    prompts.texts += ["x" * 10_000]
    qtbot.mouseClick(button(editor, "save"), Qt.MouseButton.LeftButton)
    assert "10,000 characters" in editor.message()
    assert "at most 60" in editor.message()
    assert store.plans() == ()


def test_saving_an_edited_saved_plan_under_its_own_name_updates_it(
    qtbot: QtBot, store: PlanStore, prompts: ScriptedPrompts
) -> None:
    store.save(FIRST_STEPS.renamed("Mine"))
    editor = PlanEditor(store, store.get("Mine") or Plan(), prompts=prompts)
    qtbot.addWidget(editor)
    assert combo(editor).currentText() == "Mine"
    type_into(qtbot, edit(editor, "cooldown"), "3m")
    prompts.texts.append("Mine")
    qtbot.mouseClick(button(editor, "save"), Qt.MouseButton.LeftButton)
    assert prompts.asked[-1] == ("Save plan", "Mine"), "the name it came from is offered"
    assert saved_names(store) == ["Mine"]
    saved = store.get("Mine")
    assert saved is not None
    assert saved.cooldown_s == 180


def test_rename_and_delete_change_plans_json(
    qtbot: QtBot, store: PlanStore, prompts: ScriptedPrompts
) -> None:
    store.save(FIRST_STEPS.renamed("Old"))
    store.save(FIRST_STEPS.renamed("Other"))
    editor = PlanEditor(store, store.get("Old") or Plan(), prompts=prompts)
    qtbot.addWidget(editor)
    prompts.texts += ["other", "New"]
    qtbot.mouseClick(button(editor, "rename"), Qt.MouseButton.LeftButton)
    assert "A saved plan is already called 'other'" in editor.message()
    qtbot.mouseClick(button(editor, "rename"), Qt.MouseButton.LeftButton)
    assert saved_names(store) == ["New", "Other"]
    assert combo(editor).currentText() == "New"
    assert editor.plan is not None
    assert editor.plan.name == "New"

    prompts.confirms += [False, True]
    qtbot.mouseClick(button(editor, "delete"), Qt.MouseButton.LeftButton)
    assert saved_names(store) == ["New", "Other"], "answering no deletes nothing"
    qtbot.mouseClick(button(editor, "delete"), Qt.MouseButton.LeftButton)
    assert saved_names(store) == ["Other"]
    assert combo(editor).findText("New") == -1
    assert combo(editor).currentText().startswith("Custom")
    assert editor.plan is not None
    assert editor.plan.forward_s == FIRST_STEPS.forward_s, "the lengths stay to work on"


def test_a_newer_plans_file_is_never_written_and_the_editor_says_so(
    qtbot: QtBot, tmp_path: Path, prompts: ScriptedPrompts
) -> None:
    told: list[str] = []
    store = PlanStore(tmp_path / "config", warn=told.append)
    store.path.parent.mkdir(parents=True)
    store.path.write_text('{"schema_version": 99, "plans": []}')
    editor = PlanEditor(store, FIRST_STEPS, prompts=prompts)
    qtbot.addWidget(editor)
    prompts.texts.append("Mine")
    qtbot.mouseClick(button(editor, "save"), Qt.MouseButton.LeftButton)
    assert editor.message().startswith("Nothing was saved: plans.json was written by a newer")
    assert json.loads(store.path.read_text())["schema_version"] == 99


def test_a_cancelled_prompt_changes_nothing(
    qtbot: QtBot, editor: PlanEditor, store: PlanStore, prompts: ScriptedPrompts
) -> None:
    prompts.texts.append(None)
    qtbot.mouseClick(button(editor, "save"), Qt.MouseButton.LeftButton)
    assert not store.path.exists()
    assert editor.message() == ""


def test_an_inline_spec_plan_opens_as_custom(qtbot: QtBot, store: PlanStore) -> None:
    plan = Plan(forward_s=200, backward_s=45, rounds=2)
    editor = PlanEditor(store, plan)
    qtbot.addWidget(editor)
    assert editor.plan == plan
    assert combo(editor).currentText().startswith("Custom")
    assert edit(editor, "forward").text() == "3m20s"


def test_every_control_has_a_mnemonic_label_an_accessible_name_and_a_tooltip(
    editor: PlanEditor,
) -> None:
    fields = [*editor.findChildren(QLineEdit), *editor.findChildren(QSpinBox), combo(editor)]
    buddies = {lab.buddy() for lab in editor.findChildren(QLabel) if "&" in lab.text()}
    for field in fields:
        if field.objectName() == "qt_spinbox_lineedit":
            continue  # the spin box's own inner line edit
        assert field in buddies, field.objectName()
        assert field.accessibleName(), field.objectName()
        assert field.toolTip(), field.objectName()
    for push in editor.findChildren(QPushButton):
        assert "&" in push.text()
        assert push.accessibleName()
        assert "Alt+" in push.toolTip()


# The offscreen platform says it cannot pass size hints on; nothing here depends on them.
@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_tab_reaches_every_field_and_button_in_reading_order(
    qtbot: QtBot, store: PlanStore
) -> None:
    store.save(FIRST_STEPS.renamed("Mine"))  # a saved plan: rename and delete are enabled
    editor = PlanEditor(store, FIRST_STEPS.renamed("Mine"))
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    combo(editor).setFocus()
    order = [combo(editor).objectName()]
    for _ in range(12):
        editor.focusNextChild()
        focused = editor.focusWidget()
        assert focused is not None
        # The spin box's inner line edit takes the focus for it.
        owner = focused.parentWidget() if isinstance(focused.parentWidget(), QSpinBox) else focused
        assert owner is not None
        order.append(owner.objectName())
    assert order == [
        "plan_choice",
        "getready_edit",
        "warmup_edit",
        "forward_edit",
        "backward_edit",
        "rounds_spin",
        "cooldown_edit",
        "turn_edit",
        "forward-speed_edit",
        "backward-speed_edit",
        "plan_save_button",
        "plan_rename_button",
        "plan_delete_button",
    ]


def test_the_rounds_range_is_the_plan_rule() -> None:
    Plan(rounds=MAX_ROUNDS, forward_s=1, backward_s=1).validate()
    with pytest.raises(PlanError):
        Plan(rounds=MAX_ROUNDS + 1, forward_s=1, backward_s=1).validate()


def test_rounds_above_the_limit_are_marked_not_cut_to_the_limit(
    qtbot: QtBot, editor: PlanEditor, emitted: list[Plan | None]
) -> None:
    spin = child(editor, QSpinBox, "rounds_spin")
    spin.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(spin, "1000")
    assert spin.value() == 1000  # type: ignore[attr-defined]
    assert error_text(editor, "rounds") == f"Rounds must be at most {MAX_ROUNDS}"
    assert spin.accessibleDescription() == error_text(editor, "rounds")
    assert editor.plan is None
    assert emitted[-1] is None
    assert editor.problem == f"Rounds must be at most {MAX_ROUNDS}"


def test_the_turn_field_takes_wait_and_shows_it_back(
    qtbot: QtBot, editor: PlanEditor, emitted: list[Plan | None]
) -> None:
    type_into(qtbot, edit(editor, "turn"), "wait")
    assert error_text(editor, "turn") == ""
    plan = editor.plan
    assert plan is not None
    assert plan.turn_wait
    assert plan.turn_s == 0
    assert emitted[-1] == plan
    assert "turn-arounds at your own pace" in label(editor, "plan_totals")
    type_into(qtbot, edit(editor, "turn"), "soon")
    assert "or write wait" in error_text(editor, "turn")
    type_into(qtbot, edit(editor, "turn"), "40s")
    assert editor.plan is not None
    assert (editor.plan.turn_s, editor.plan.turn_wait) == (40, False)
    editor.set_plan(plan)
    assert edit(editor, "turn").text() == "wait"
