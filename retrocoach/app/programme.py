"""Wires the programmes into the window: today's line on the Coach page, the Programme page,
and the mark each programme session's recorder writes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from retrocoach.core.history.store import HistoryStore
from retrocoach.core.plan.model import Plan
from retrocoach.core.programme.guide import ProgrammeGuide
from retrocoach.core.programme.model import ProgrammeBook, ProgrammeDataError, ProgrammeMark
from retrocoach.core.programme.progression import Today
from retrocoach.core.programme.state import ProgrammeStateStore
from retrocoach.core.settings.store import Settings
from retrocoach.core.speeds import Units
from retrocoach.core.storage.paths import DataPaths
from retrocoach.ui.programme.today_strip import TodayStrip
from retrocoach.ui.window.lazy_page import LazyPage

if TYPE_CHECKING:
    from retrocoach.ui.dialogs.settings import SettingsDialog
    from retrocoach.ui.plan.editor import PlanEditor
    from retrocoach.ui.programme.page import ProgrammePage
    from retrocoach.ui.window.main_window import MainWindow

__all__ = ["ProgrammeLink", "open_programmes"]

DialogFactory = Callable[[Settings, QWidget], "SettingsDialog"]


def open_programmes(
    paths: DataPaths, history: HistoryStore, warn: Callable[[str], None]
) -> ProgrammeGuide | None:
    """The programmes and the walker's place in them; None (told once) if none can be read."""
    try:
        book = ProgrammeBook.default()
    except ProgrammeDataError as error:
        warn(f"programmes are unavailable: {error}")
        return None
    return ProgrammeGuide(book, ProgrammeStateStore(paths, warn=warn), history)


def _programme_page(guide: ProgrammeGuide, parent: QWidget, units: Units) -> ProgrammePage:
    from retrocoach.ui.programme.page import ProgrammePage  # noqa: PLC0415  (built when shown)

    page = ProgrammePage(guide, parent)
    page.units = units
    return page


class ProgrammeLink:
    """Keeps the Coach page's line, the Programme page and the window's plan in step."""

    def __init__(
        self,
        guide: ProgrammeGuide | None,
        units: Units = Units.KMH,
        balance: Callable[[], str | None] = lambda: None,
    ) -> None:
        self._guide = guide
        self._units = units
        self._balance = balance
        """The balance check's note for programme sessions, None when it was met."""
        self._window: MainWindow | None = None
        self.strip = TodayStrip()
        self.page: LazyPage[ProgrammePage] | None = None
        if guide is not None:
            self.page = LazyPage(
                lambda parent: _programme_page(guide, parent, self._units), _refresh_page
            )
            self.page.built.connect(self._on_page_built)
        self.strip.today_chosen.connect(self._on_strip_today_chosen)

    def today(self) -> Today | None:
        """Where the walker stands in the active programme (None: no programme)."""
        return None if self._guide is None else self._guide.today()

    def session_plans(self) -> tuple[Plan, ...]:
        """Every session of every programme (the window may have one of them remembered)."""
        if self._guide is None:
            return ()
        return tuple(
            plan
            for programme in self._guide.book.all()
            for week in programme.weeks
            for plan in week
        )

    def mark_for(self, plan: Plan) -> ProgrammeMark | None:
        """The history's mark for a walk of *plan*: set only when it is today's session."""
        today = self.today()
        if today is None or today.plan is None or today.plan != plan or today.paused:
            return None  # a paused programme counts no walk until the walker resumes it
        return today.mark

    def followed(self, make: DialogFactory) -> DialogFactory:
        """*make*, with the Programme page's speeds following the unit each accepted dialog
        sets, and the Coach page's line the balance check, as settings may change either."""

        def make_followed(settings: Settings, parent: QWidget) -> SettingsDialog:
            dialog = make(settings, parent)

            def follow() -> None:
                chosen = Units(dialog.result_settings().units)
                self._units = chosen
                if self.page is not None and self.page.is_built:
                    self.page.page.set_units(chosen)
                self._show()

            dialog.accepted.connect(follow)
            return dialog

        return make_followed

    def attach(self, window: MainWindow) -> None:
        """Put today's line on *window*'s Coach page (filled in by :meth:`start_up`)."""
        self._window = window
        window.coach.add_banner(self.strip)

    def start_up(self, *, today_first: bool) -> None:
        """Fill in today's line and, with *today_first*, load today's session in place of the
        plan the window opened with (no plan was asked for on the command line).

        Run by the window once the history is read, just after its first frame and in any
        case before a walk starts: today's session is worked out from the history, and a
        long history must not keep the coach off the screen.
        """
        window = self._window
        today = self.today()
        if today_first and window is not None and today is not None and today.plan is not None:
            window.use_plan(today.plan)
        self._show(today)

    def watch_plans(self, plan_page: LazyPage[PlanEditor]) -> None:
        """Say again whether today's session is loaded whenever the plan editor changes it."""
        plan_page.built.connect(self._on_plan_page_built)

    def _on_plan_page_built(self, editor: QWidget) -> None:
        from retrocoach.ui.plan.editor import PlanEditor  # noqa: PLC0415

        if isinstance(editor, PlanEditor):
            editor.plan_changed.connect(self._on_editor_plan_changed)

    def _on_editor_plan_changed(self, _plan: object) -> None:
        self._show()

    def refresh(self, *, follow: bool = True) -> None:
        """Read the history again (a session was saved or rated); with *follow*, a window
        walking the programme moves on to the new today's session."""
        if self.page is not None:
            self.page.refresh()
        window = self._window
        today = self.today()
        if follow and window is not None and today is not None and today.plan is not None:
            current = window.plan
            ours = {plan for week in today.programme.weeks for plan in week}
            if current in ours and current != today.plan:
                window.use_plan(today.plan)
        self._show(today)

    def _show(self, today: Today | None = None) -> None:
        window = self._window
        if window is None:
            return
        if today is None:
            today = self.today()
        loaded = today is not None and today.plan is not None and window.plan == today.plan
        self.strip.show_today(today, loaded=loaded, balance=self._balance())

    def _use_today(self) -> None:
        today = self.today()
        if today is not None and today.plan is not None and self._window is not None:
            self._window.use_plan(today.plan, fresh=True)  # asked for now: no old summary
        self._show(today)

    def _on_strip_today_chosen(self) -> None:
        self._use_today()

    def _on_page_built(self, page: QWidget) -> None:
        from retrocoach.ui.programme.page import ProgrammePage  # noqa: PLC0415

        if isinstance(page, ProgrammePage):
            page.programme_started.connect(self._on_page_programme_started)
            page.programme_stopped.connect(self._on_page_programme_stopped)
            page.programme_resumed.connect(self._on_page_programme_resumed)

    def _on_page_programme_started(self, _name: str) -> None:
        self._use_today()

    def _on_page_programme_resumed(self) -> None:
        self._use_today()

    def _on_page_programme_stopped(self) -> None:
        self._show()


def _refresh_page(page: ProgrammePage) -> None:
    page.refresh()
