"""Builds the cue listener a coach uses from the --audio choice and the saved settings."""

from __future__ import annotations

from collections.abc import Callable

from retrocoach.audio.listener import CueListener
from retrocoach.audio.selection import SILENT_NOTE, select_engine
from retrocoach.core.session.cues import Cue, CuePlanner
from retrocoach.core.settings.store import Settings
from retrocoach.core.storage.shipped import asset_path

__all__ = ["build_cue_listener"]


def build_cue_listener(
    audio: str,
    settings: Settings,
    *,
    pips: int | None = None,
    on_fault: Callable[[str], None] | None = None,
    on_silent_cue: Callable[[Cue], None] | None = None,
    silent_note: str = SILENT_NOTE,
) -> tuple[CueListener, str | None]:
    """The cue listener, with the settings' volume and mute, and why its engine fell back.

    *audio* is the command line's choice; ``auto`` defers to the engine saved in the settings
    (itself ``auto`` unless the walker chose one). *pips* overrides the settings' pips lead.
    The qt engine needs a QCoreApplication (or QApplication) to exist already. *on_fault*
    hears each audio fault once; *on_silent_cue* each cue that nobody will hear. *silent_note*
    says what the coach does when no engine works.
    """
    engine = audio if audio != "auto" else settings.audio_engine
    player, problem = select_engine(
        engine, asset_path("sounds"), settings.voice, on_fault=on_fault, silent_note=silent_note
    )
    planner = CuePlanner(settings.pips if pips is None else pips)
    listener = CueListener(player, planner, on_silent_cue=on_silent_cue)
    listener.set_volume(settings.volume)
    listener.set_muted(settings.muted)
    # Read the cues now, well before a walk: the pulse engine then scales them to the volume
    # in its idle time, not on a cue's way out (the window builds this after its first frame).
    player.prepare()
    return listener, problem
