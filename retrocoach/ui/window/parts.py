"""What the main window is built from: its collaborators and pages, handed in by app.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QWidget

from retrocoach.core.history.store import HistoryStore
from retrocoach.core.plan.model import Plan
from retrocoach.core.safety.reminders import ReminderBook
from retrocoach.core.session.cues import Cue
from retrocoach.core.session.listener import SessionListener
from retrocoach.core.session.machine import Session
from retrocoach.core.settings.store import Settings, SettingsStore
from retrocoach.ui.coach.session_driver import SessionDriver
from retrocoach.ui.window.lazy_page import LazyPage

if TYPE_CHECKING:
    # Types only: these modules load when their objects are first needed, after the window
    # is on screen (each page costs start-up time and memory: see benchmarks/README.md).
    from retrocoach.core.history.recorder import SessionRecorder
    from retrocoach.ui.coach.cue_alerts import CueAlerts
    from retrocoach.ui.dialogs.settings import SettingsDialog
    from retrocoach.ui.plan.editor import PlanEditor
    from retrocoach.ui.window.screensaver import ScreenInhibitor

__all__ = [
    "Sound",
    "Walk",
    "WalkFactory",
    "WindowPages",
    "WindowServices",
]


@dataclass(frozen=True, slots=True)
class Walk:
    """One session and the listeners that go with it (its recorder writes its history)."""

    session: Session
    recorder: SessionRecorder | None
    listeners: tuple[SessionListener, ...]


class WalkFactory(Protocol):
    """Builds a fresh, not yet started session of *plan* with its recorder and cue listener."""

    def __call__(
        self, plan: Plan, settings: Settings, report: Callable[[str], None], *, record: bool
    ) -> Walk:
        """*record* is False when the history must not be written (a newer or locked file)."""
        ...


class Sound(Protocol):
    """The part of the cue player the window drives directly."""

    def warm_up(self) -> None:
        """Open the output before the first cue is due."""

    def set_muted(self, muted: bool) -> None:
        """Silence or restore the cues."""

    def set_volume(self, volume: float) -> None:
        """Loudness from 0.0 to 1.0."""

    def set_pips(self, pips: int) -> None:
        """Seconds of pips before a switch: 0, 3 or 5."""

    def prompt(self, cue: Cue) -> bool:
        """Play *cue* at once (a question to the walker); False when it will not be heard."""


SettingsDialogFactory = Callable[[Settings, QWidget], "SettingsDialog"]


@dataclass(frozen=True, slots=True)
class WindowServices:
    """The window's collaborators, each built once by the composition root."""

    driver: SessionDriver
    history: HistoryStore
    settings_store: SettingsStore
    reminders: ReminderBook
    new_walk: WalkFactory
    sound: Sound
    inhibitor: ScreenInhibitor
    sound_problem: str | None = None
    """Why there is no sound (no audio device...), to be told once in a banner."""
    prepare_sound: Callable[[], str | None] | None = None
    """Builds the cue player (run once the window is on screen, and before any session starts);
    returns why there is no sound, to be told in a banner, or None."""
    alerts: CueAlerts | None = None
    """Audio faults (a banner) and cues nobody will hear (the window flashes)."""
    apply_theme: Callable[[str], None] | None = None
    """Switches the application to a theme ('system', 'light', 'dark') at once."""
    after_start_up: Callable[[], None] | None = None
    """Run once the history is read (just after the first frame, or before a first walk):
    what needs the history to be shown, such as today's programme session."""


@dataclass(frozen=True, slots=True)
class WindowPages:
    """The pages the window shows in its tabs besides the coach view."""

    plan: LazyPage[PlanEditor]
    """The plan editor's tab, built when first shown or asked for."""
    history: QWidget
    refresh_history: Callable[[], None]
    """Reloads the history view after a session is saved or checked in."""
    safety: QWidget
    settings_dialog: SettingsDialogFactory | None = None
    programme: QWidget | None = None
    """The Programme page's tab (None: no programmes could be read)."""
    """Builds the settings dialog for the current settings; accepted means save them."""

    @property
    def plan_editor(self) -> PlanEditor:
        """The plan editor, built now if it was not yet."""
        return self.plan.page
