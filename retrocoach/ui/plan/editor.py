"""The plan editor: pick a preset or saved plan, edit its lengths, save, rename, delete."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from retrocoach.core.errors import StorageError
from retrocoach.core.plan.checks import whole_plan_problem
from retrocoach.core.plan.model import Plan, PlanError
from retrocoach.core.plan.names import find_source, name_problem, same_lengths
from retrocoach.core.plan.presets import PRESETS
from retrocoach.core.plan.store import PlanNameTakenError, PlanStore, UnknownPlanError
from retrocoach.core.speeds import Units
from retrocoach.ui.buttons import mnemonic_button
from retrocoach.ui.dialogs.prompts import DialogPrompts, Prompts
from retrocoach.ui.keyboard import wheel_scrolls_page
from retrocoach.ui.plan.choice import PlanChoice, preset_key, saved_key
from retrocoach.ui.plan.fields import PlanFields, describe_totals

__all__ = ["CUSTOM_NAME", "PlanEditor"]

CUSTOM_NAME: Final = "custom"
"""The name of a plan whose lengths match no preset or saved plan."""
_STORE_ERRORS: Final = (StorageError, PlanError)


class PlanEditor(QWidget):
    """Choose and edit the plan to walk; emits plan_changed with a valid Plan, or None."""

    plan_changed = Signal(object)
    """The plan in the editor changed: a valid Plan, or None while a field is invalid."""
    problem_changed = Signal(str)
    """What is wrong with the plan changed (a new mistake, or '' once it is mended)."""

    def __init__(
        self,
        plan_store: PlanStore,
        initial: Plan,
        parent: QWidget | None = None,
        *,
        prompts: Prompts | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = plan_store
        self._prompts: Prompts = prompts or DialogPrompts()
        self._plan: Plan | None = initial
        self._problem = ""
        self._shown_problem = ""
        self._source: tuple[str, Plan] | None = None
        """The list entry (its data) and plan picked last; the fields are compared with it."""
        self._build()
        self._connect_signals()
        self._reload_choices()
        self.set_plan(initial)

    # -- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        self._choice = PlanChoice(self)
        choice_label = QLabel("&Plan:", self)
        choice_label.setBuddy(self._choice)
        self._description = self._label("plan_description", "Plan description")
        self._fields = PlanFields(self)
        self._totals = self._label("plan_totals", "Session total")
        self._save = self._button("save", "Sa&ve...", "Save these lengths as a plan of yours")
        self._rename = self._button("rename", "Re&name...", "Rename the selected saved plan")
        self._delete = self._button("delete", "&Delete", "Delete the selected saved plan")
        self._message = self._label("plan_message", "Plan editor message")
        self._message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        top = QHBoxLayout()
        top.addWidget(choice_label)
        top.addWidget(self._choice, 1)
        buttons = QHBoxLayout()
        for button in (self._save, self._rename, self._delete):
            buttons.addWidget(button)
        buttons.addStretch(1)
        # The form scrolls in a window too short for it (a 1024x600 screen at scale 2 left its
        # fields no room at all); Tab brings each field into view as it reaches it.
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.addLayout(top)
        layout.addWidget(self._description)
        layout.addWidget(self._fields)
        layout.addWidget(self._totals)
        layout.addLayout(buttons)
        layout.addWidget(self._message)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab brings each field into view
        scroll.setWidget(body)
        wheel_scrolls_page(scroll, body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        # Tab runs top to bottom in reading order, as the walker sees the form.
        chain = [self._choice, *self._fields.in_order, self._save, self._rename, self._delete]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _label(self, name: str, accessible: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setAccessibleName(accessible)
        return label

    def _button(self, name: str, text: str, tip: str) -> QPushButton:
        return mnemonic_button(self, f"plan_{name}_button", text, tip)

    def _connect_signals(self) -> None:
        # The plan list
        self._choice.activated.connect(self._on_choice_activated)
        # The lengths
        self._fields.edited.connect(self._on_fields_edited)
        # Saved plans
        self._save.clicked.connect(self._on_save_clicked)
        self._rename.clicked.connect(self._on_rename_clicked)
        self._delete.clicked.connect(self._on_delete_clicked)

    # -- public --------------------------------------------------------------------------------

    @property
    def plan(self) -> Plan | None:
        """The plan to walk, or None while a field is invalid."""
        return self._plan

    def set_units(self, units: Units) -> None:
        """Show belt speeds in *units* (the unit setting), as the coach does."""
        self._fields.set_units(units)

    def set_plan(self, plan: Plan) -> None:
        """Show *plan*: its preset or saved plan if the name and lengths match one."""
        self._source = self._find_source(plan)
        self._fields.set_plan(plan)
        self._update(name_if_custom=plan.name)

    @property
    def problem(self) -> str:
        """The first mistake in the plan in plain words ('' when it can be walked)."""
        return self._problem

    def message(self) -> str:
        """The last message shown under the buttons (a save, a clash, a storage problem)."""
        return self._message.text()

    # -- slots ---------------------------------------------------------------------------------

    def _on_choice_activated(self, index: int) -> None:
        data = self._choice.key_at(index)
        picked = self._choice_plan(data)
        # Picking "Custom" keeps the lengths but lets go of the plan they came from.
        self._source = None if picked is None else (data, picked)
        if picked is not None:
            self._fields.set_plan(picked)
        self._message.clear()
        self._update()

    def _on_fields_edited(self) -> None:
        self._message.clear()
        self._update()

    def _on_save_clicked(self) -> None:
        plan = self._plan
        if plan is None:
            return
        origin = self._origin_saved_name()
        name = self._prompts.ask_text(self, "Save plan", "Name for this plan:", origin or "")
        if name is None:
            return
        name = name.strip()
        clash = name_problem(name, self._store.get, allowed=origin)
        if clash:
            self._say(clash)
            return
        if not self._store_call(lambda: self._store.save(plan.renamed(name).validate())):
            return
        self._reload_choices()
        self.set_plan(plan.renamed(name))
        self._say(f"Saved as '{name}'.")

    def _on_rename_clicked(self) -> None:
        old = self._choice.saved_name()
        if old is None:
            return
        new = self._prompts.ask_text(self, "Rename plan", f"New name for '{old}':", old)
        if new is None or new.strip() == old:
            return
        new = new.strip()
        clash = name_problem(new, self._store.get, allowed=old)
        if clash:
            self._say(clash)
            return
        if not self._store_call(lambda: self._store.rename(old, new)):
            return
        self._reload_choices()
        self.set_plan(self._source[1].renamed(new) if self._source else Plan().renamed(new))
        self._say(f"Renamed '{old}' to '{new}'.")

    def _on_delete_clicked(self) -> None:
        name = self._choice.saved_name()
        if name is None:
            return
        question = f"Delete the saved plan '{name}'? Sessions walked with it stay in the history."
        if not self._prompts.confirm(self, "Delete plan", question):
            return
        if not self._store_call(lambda: self._store.delete(name)):
            return
        self._source = None
        self._reload_choices()
        self._update()
        self._say(f"Deleted '{name}'; its lengths stay here as a custom plan.")

    # -- helpers -------------------------------------------------------------------------------

    def _update(self, name_if_custom: str = CUSTOM_NAME) -> None:
        """Read the fields, match them to the source, refresh labels and buttons, emit."""
        read = self._fields.read(CUSTOM_NAME)
        matched = self._source if read is not None else None
        if matched is not None and read is not None and not same_lengths(read, matched[1]):
            matched = None
        plan: Plan | None = None
        if read is None:
            self._problem = next(iter(self._fields.problems().values()), "")
            self._totals.setText("Correct the lengths marked above to see the session's total.")
        else:
            plan = matched[1] if matched is not None else read.renamed(name_if_custom)
            self._problem = whole_plan_problem(plan)
            if self._problem:
                plan = None
                self._totals.setText(f"This plan cannot be walked. {self._problem}.")
            else:
                self._totals.setText(describe_totals(plan))
        if read is not None:  # while a field is being retyped the list keeps its choice
            self._select_choice(matched)
        self._save.setEnabled(plan is not None)
        saved = self._choice.saved_name() is not None
        self._rename.setEnabled(saved)
        self._delete.setEnabled(saved)
        if plan != self._plan:
            self._plan = plan
            self.plan_changed.emit(plan)
        if self._problem != self._shown_problem:
            self._shown_problem = self._problem
            self.problem_changed.emit(self._problem)

    def _reload_choices(self) -> None:
        self._choice.fill(self._saved_plans())

    def _saved_plans(self) -> tuple[Plan, ...]:
        try:
            return self._store.plans()
        except StorageError as error:
            self._say(f"Your saved plans could not be read: {error}")
            return ()

    def _choice_plan(self, key: str) -> Plan | None:
        preset, saved = self._choice.preset_name(key), self._choice.saved_name(key)
        if preset is not None:
            return PRESETS[preset].plan
        return None if saved is None else self._store.get(saved)

    def _find_source(self, plan: Plan) -> tuple[str, Plan] | None:
        found = find_source(plan, self._saved_plans())
        if found is None:
            return None
        key = preset_key(found.name) if found.preset else saved_key(found.plan.name)
        return key, found.plan

    def _select_choice(self, matched: tuple[str, Plan] | None) -> None:
        self._choice.select(matched[0] if matched is not None else None)
        preset = self._choice.preset_name(matched[0]) if matched is not None else None
        self._description.setText(PRESETS[preset].description if preset else "")

    def _origin_saved_name(self) -> str | None:
        # After an edit the list shows "Custom", but the saved plan the lengths came from is
        # still the natural name to save them under: saving there updates it.
        return self._choice.saved_name(self._source[0]) if self._source is not None else None

    def _store_call(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except PlanNameTakenError as error:
            self._say(f"{str(error)[0].upper()}{str(error)[1:]}: choose another name.")
            return False
        except UnknownPlanError as error:
            self._say(f"No saved plan is called {error} any more; the list is read again.")
            self._reload_choices()
            self._update()
            return False
        except _STORE_ERRORS as error:
            self._say(f"Nothing was saved: {error}")
            return False
        return True

    def _say(self, text: str) -> None:
        self._message.setText(text)
