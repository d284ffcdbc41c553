"""Each walk the window starts: a fresh session with its cue listener and its recorder."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from retrocoach.core.clock import Clock
from retrocoach.core.history.recorder import SessionRecorder
from retrocoach.core.history.records import SessionRecord
from retrocoach.core.history.store import HistoryStore
from retrocoach.core.plan.model import Plan
from retrocoach.core.programme.model import ProgrammeMark
from retrocoach.core.session.cues import countdown_for
from retrocoach.core.session.machine import Session
from retrocoach.core.settings.store import Settings
from retrocoach.ui.coach.session_driver import SessionListener
from retrocoach.ui.window.main_window import MainWindow
from retrocoach.ui.window.parts import Sound, Walk

if TYPE_CHECKING:
    from retrocoach.app.treadmill import WalkTreadmill
    from retrocoach.devices.belt_hookup import WalkSide

__all__ = ["WalkDevice", "WalkMaker", "both", "show_straps", "straps"]


class WalkDevice(Protocol):
    """A device a walk uses: it hears the session, and adds what it measured to the record."""

    @property
    def hookup(self) -> SessionListener: ...

    def enrich(self, record: SessionRecord) -> SessionRecord: ...


class WalkMaker:
    """Builds each session with its recorder and the cue listener (the window's WalkFactory)."""

    def __init__(
        self,
        history: HistoryStore,
        cues: SessionListener,
        mark_for: Callable[[Plan], ProgrammeMark | None] = lambda _plan: None,
        devices: Sequence[WalkDevice] = (),
    ) -> None:
        """*devices*: the heart-rate strap, say; a list the window may add to once it is built."""
        self.devices = devices
        self._history = history
        self._cues = cues
        self._mark_for = mark_for

    def __call__(
        self, plan: Plan, settings: Settings, report: Callable[[str], None], *, record: bool
    ) -> Walk:
        """A fresh session of *plan*; *record* False leaves the history alone."""
        session = Session(plan, countdown_s=countdown_for(settings.pips))
        recorder = (
            SessionRecorder(
                self._history,
                report=report,
                programme=self._mark_for(plan),
                basis=settings.estimate_basis,
                enrich=tuple(device.enrich for device in self.devices),
            )
            if record
            else None
        )
        # Cues first: writing a cue never blocks, but the journal's fsync can take tens of ms
        # (the first one also creates its lock file), which would make every switch late.
        listeners: list[SessionListener] = [self._cues]
        listeners += [device.hookup for device in self.devices]  # before the recorder
        if recorder is not None:
            listeners.append(recorder)
        return Walk(session, recorder, tuple(listeners))


def both(first: Callable[[], None], second: Callable[[], None]) -> Callable[[], None]:
    """A call of *first*, then *second*."""

    def call() -> None:
        first()
        second()

    return call


def straps(
    hr: str | None,
    settings: Settings,
    clock: Clock,
    warn: Callable[[str], None],
    *,
    belt: WalkTreadmill | None = None,
    side: WalkSide | None = None,
) -> list[WalkDevice]:
    """The window's strap (--hr, else the hr-strap setting), connecting; [] with none.

    With the window's treadmill (*belt*, its *side*), an ease-off slows the belt one step.
    Bluetooth is imported only when a strap is wanted: the window opens as fast without.
    """
    if (hr or settings.hr_strap or "none") == "none":
        return []
    from retrocoach.app.window_strap import window_strap  # noqa: PLC0415

    coach = None if belt is None else belt.hookup.coach
    strap = window_strap(
        hr,
        settings,
        clock=clock,
        tell=warn,
        act=None if side is None else side.act,
        belt_kmh=None if coach is None else lambda: coach.target_kmh if coach.connected else None,
    )
    return [] if strap is None else [strap]


def show_straps(window: MainWindow, walks: object, sound: Sound) -> None:
    """The lines of the strap that *walks* (the window's WalkMaker) listens to, on its coach."""
    devices = walks.devices if isinstance(walks, WalkMaker) else ()
    if devices:
        from retrocoach.app.heart import WalkStrap  # noqa: PLC0415
        from retrocoach.app.window_strap import show_strap  # noqa: PLC0415

        for device in devices:
            if isinstance(device, WalkStrap):  # the treadmill shows itself (window_treadmill)
                show_strap(window, device, sound)
