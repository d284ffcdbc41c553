"""The History tab, built when first shown, its distances in the unit the settings choose."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from retrocoach.core.history.store import HistoryStore
from retrocoach.core.settings.store import Settings
from retrocoach.core.speeds import Units
from retrocoach.ui.window.lazy_page import LazyPage

if TYPE_CHECKING:
    # Loaded only when first shown: the history view pulls in QtCharts.
    from retrocoach.ui.dialogs.settings import SettingsDialog
    from retrocoach.ui.history.view import HistoryView

__all__ = ["history_page", "show_units", "units_followed"]

DialogFactory = Callable[[Settings, QWidget], "SettingsDialog"]


def history_page(history: HistoryStore, units: Callable[[], Units]) -> LazyPage[HistoryView]:
    """The History tab; *units* gives the unit in use when the tab is first shown."""

    def build(parent: QWidget) -> HistoryView:
        from retrocoach.ui.history.view import HistoryView  # noqa: PLC0415  (see TYPE_CHECKING)

        view = HistoryView(history, parent)
        view.model.set_units(units())  # before it reads the history, when it is first shown
        view.chart.units = units()
        return view

    return LazyPage(build, lambda view: view.refresh())


def show_units(view: HistoryView, units: Units) -> None:
    """Give *view*'s distances in *units*' length from now on: table, totals and chart."""
    view.model.set_units(units)
    view.chart.units = units
    view.refresh()  # the totals line


def units_followed(make: DialogFactory, page: LazyPage[HistoryView]) -> DialogFactory:
    """*make*, with the History tab (if built) following the unit each accepted dialog sets."""

    def make_followed(settings: Settings, parent: QWidget) -> SettingsDialog:
        dialog = make(settings, parent)

        def follow() -> None:
            chosen = Units(dialog.result_settings().units)
            if page.is_built and chosen is not page.page.model.units:
                show_units(page.page, chosen)

        dialog.accepted.connect(follow)
        return dialog

    return make_followed
