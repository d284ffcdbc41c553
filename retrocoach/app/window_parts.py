"""The window's parts made late or chosen at start: settings dialog, screen saver, theme, plan."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QWidget

from retrocoach.core.errors import StorageError
from retrocoach.core.plan.lookup import resolve_plan
from retrocoach.core.plan.model import Plan, PlanError
from retrocoach.core.plan.presets import PRESETS
from retrocoach.core.plan.store import PlanStore
from retrocoach.core.settings.store import Settings

if TYPE_CHECKING:
    # Loaded only when first used, never to show the window.
    from retrocoach.ui.dialogs.settings import SettingsDialog
    from retrocoach.ui.window.screensaver import ScreenSaverInhibitor
    from retrocoach.ui.window.theme import ThemeSwitcher

__all__ = ["ScreenSaverLater", "first_plan", "remembered_plan", "settings_dialog", "theme_switcher"]


def settings_dialog(
    settings: Settings, parent: QWidget, *, demo_treadmill: bool = False
) -> SettingsDialog:
    """The settings dialog, with its sound trial and treadmill search (loaded when it opens)."""
    from retrocoach.app.window_treadmill import TreadmillScanner  # noqa: PLC0415  (see TYPE_CHECKING)
    from retrocoach.audio.trial import SoundTrial  # noqa: PLC0415  (see TYPE_CHECKING)
    from retrocoach.ui.dialogs.settings import SettingsDialog  # noqa: PLC0415  (see TYPE_CHECKING)

    trial = SoundTrial()
    scanner = TreadmillScanner(demo_treadmill)
    dialog = SettingsDialog(
        settings,
        parent,
        engine_problem=trial.engine_problem,
        test_sound=trial.play,
        treadmill_finder=scanner,
    )
    dialog.finished.connect(lambda _result: trial.close())
    dialog.finished.connect(lambda _result: scanner.close())
    return dialog


class ScreenSaverLater:
    """The screen saver inhibitor, made at the first session: QtDBus is not needed to show the
    window. (It does nothing where Qt offers no inhibition.)"""

    def __init__(self) -> None:
        self._inhibitor: ScreenSaverInhibitor | None = None

    def inhibit(self) -> None:
        """Hold the screen saver off (see ScreenSaverInhibitor)."""
        if self._inhibitor is None:
            from retrocoach.ui.window.screensaver import ScreenSaverInhibitor  # noqa: PLC0415

            self._inhibitor = ScreenSaverInhibitor()
        self._inhibitor.inhibit()

    def release(self) -> None:
        """Let the screen saver work again; nothing to do if it was never held off."""
        if self._inhibitor is not None:
            self._inhibitor.release()


def first_plan() -> Plan:
    """The plan shown when none is named: the first preset, meant for beginners."""
    return next(iter(PRESETS.values())).plan


def theme_switcher(theme: str) -> Callable[[str], None] | None:
    """Apply *theme* now; the function that switches it later (None without a QApplication).

    The theme module loads only when a theme other than the desktop's is wanted.
    """
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return None
    switcher: list[ThemeSwitcher] = []

    def apply(chosen: str) -> None:
        if not switcher:
            if chosen == "system":
                return  # nothing was changed yet: the desktop's look is already there
            from retrocoach.ui.window.theme import ThemeSwitcher  # noqa: PLC0415

            switcher.append(ThemeSwitcher(app))
        switcher[0].apply(chosen)

    apply(theme)
    return apply


def remembered_plan(
    settings: Settings,
    plans: PlanStore,
    warn: Callable[[str], None],
    programme_plans: Callable[[], Sequence[Plan]] = tuple,
) -> Plan | None:
    """The plan the window used last (a programme session's too), if it can still be read."""
    if settings.last_plan is None:
        return None
    try:
        saved = plans.plans()
        try:
            return resolve_plan(settings.last_plan, saved)
        except PlanError:
            # Saved plans come first either way: the programmes' sessions are listed only
            # when none of them is the one, to spare the first frame that work.
            return resolve_plan(settings.last_plan, [*saved, *programme_plans()])
    except (PlanError, StorageError) as error:
        warn(f"the plan used last cannot be opened again ({error}); the first preset is shown")
        return None
