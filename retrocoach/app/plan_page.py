"""The Plan tab, built when first shown, its belt speeds in the unit the settings choose."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from retrocoach.app.history_page import DialogFactory
from retrocoach.core.plan.model import Plan
from retrocoach.core.plan.store import PlanStore
from retrocoach.core.settings.store import Settings
from retrocoach.core.speeds import Units
from retrocoach.ui.window.lazy_page import LazyPage

if TYPE_CHECKING:
    # Loaded only when first shown: the plan editor is the costliest page to build.
    from retrocoach.ui.dialogs.settings import SettingsDialog
    from retrocoach.ui.plan.editor import PlanEditor

__all__ = ["plan_page", "speeds_followed"]


def plan_page(
    plans: PlanStore, initial: Plan | Callable[[], Plan], units: Callable[[], Units]
) -> LazyPage[PlanEditor]:
    """The Plan tab on *initial* (or the plan it gives when the tab is first shown: the window's
    plan may have changed by then); *units* gives the unit in use then."""

    def build(parent: QWidget) -> PlanEditor:
        from retrocoach.ui.plan.editor import PlanEditor  # noqa: PLC0415  (see TYPE_CHECKING)

        plan = initial if isinstance(initial, Plan) else initial()
        editor = PlanEditor(plans, plan, parent)
        editor.set_units(units())
        return editor

    return LazyPage(build, lambda _editor: None)


def speeds_followed(make: DialogFactory, page: LazyPage[PlanEditor]) -> DialogFactory:
    """*make*, with the Plan tab (if built) showing speeds in the unit each accepted dialog sets."""

    def make_followed(settings: Settings, parent: QWidget) -> SettingsDialog:
        dialog = make(settings, parent)

        def follow() -> None:
            if page.is_built:
                page.page.set_units(Units(dialog.result_settings().units))

        dialog.accepted.connect(follow)
        return dialog

    return make_followed
