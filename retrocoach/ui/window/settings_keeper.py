"""The window's settings in force: what the walker changes is applied at once and saved."""

from __future__ import annotations

import dataclasses

from retrocoach.core.history.store import StorageError
from retrocoach.core.plan.lookup import remembered_word
from retrocoach.core.plan.model import Plan
from retrocoach.core.settings.store import Settings
from retrocoach.core.speeds import Units
from retrocoach.ui.window.frame import WindowFrame
from retrocoach.ui.window.messages import settings_problem_text
from retrocoach.ui.window.parts import WindowServices

__all__ = ["SettingsKeeper"]


class SettingsKeeper:
    """Holds the settings in force; applies a change to the sound and the window, then saves."""

    def __init__(self, settings: Settings, services: WindowServices, frame: WindowFrame) -> None:
        self.current = settings
        self._services = services
        self._frame = frame

    def save(self, settings: Settings) -> None:
        """Keep *settings* in force and write them; a failure is a notice, never a crash."""
        self.current = settings
        try:
            self._services.settings_store.save(settings)
        except StorageError as error:
            self._frame.notices.show_notice("settings", settings_problem_text(error))

    def apply(self, settings: Settings) -> None:
        """Apply what the settings dialog chose, then save it."""
        # The engine and voice are chosen at start-up; the rest applies at once.
        if self._services.apply_theme is not None:
            self._services.apply_theme(settings.theme)
        sound = self._services.sound
        sound.set_muted(settings.muted)
        sound.set_volume(settings.volume)
        sound.set_pips(settings.pips)
        self._frame.controls.show_muted(settings.muted)
        self._frame.coach.belt.units = Units(settings.units)
        self.save(settings)

    def toggle_mute(self) -> None:
        """Silence the cues, or bring them back, and remember it for the next start."""
        muted = not self.current.muted
        self._services.sound.set_muted(muted)
        self._frame.controls.show_muted(muted)
        self.save(dataclasses.replace(self.current, muted=muted))

    def remember_plan(self, plan: Plan | None) -> None:
        """Note *plan* as the one to open with next time (only when it changed)."""
        if plan is not None:
            word = remembered_word(plan)
            if word != self.current.last_plan:
                self.save(dataclasses.replace(self.current, last_plan=word))
