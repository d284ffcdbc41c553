"""The words the window uses for problems and states: plain, saying what was kept and where."""

from __future__ import annotations

import logging
from pathlib import Path

from retrocoach.core.durations import format_spent
from retrocoach.core.history.records import SessionRecord
from retrocoach.core.history.store import describe_recovered
from retrocoach.core.storage.document import FileState, Loaded

log = logging.getLogger(__name__)

__all__ = [
    "busy_text",
    "gap_text",
    "history_notice",
    "recording_allowed",
    "recovered_text",
    "save_problem_text",
    "settings_problem_text",
    "sound_fault_text",
    "sound_problem_text",
]


def recording_allowed(state: FileState) -> bool:
    """Whether sessions may be written to a history file found in *state*."""
    return state not in (FileState.NEWER, FileState.PROTECTED)


def history_notice(loaded: Loaded[SessionRecord], path: Path) -> str | None:
    """The banner for a history file that is not clean, or None when all is well."""
    count = len(loaded.items)
    if loaded.state is FileState.DAMAGED:
        sessions = "session" if count == 1 else "sessions"
        kept = (
            f"the {count} {sessions} that could be read are shown"
            if count
            else "no session in it could be read, so none is shown"
        )
        return (
            f"Part of your history file could not be read. The file as it was is kept, "
            f"unchanged, at {loaded.corrupt_copy}; {kept}. New sessions are saved as usual "
            f"in {path}."
        )
    if loaded.state is FileState.PROTECTED:
        return (
            f"Your history file {path} cannot be read, and no copy of it could be made. "
            "It is left exactly as it is, so nothing in it is lost; sessions you walk now will "
            "not be saved until it can be read or is moved away."
        )
    if loaded.state is FileState.NEWER:
        return (
            f"Your history file {path} was written by a newer RetroCoach. It is left exactly "
            "as it is, and sessions you walk now will not be saved. Update RetroCoach to "
            "record them."
        )
    return None


def save_problem_text(message: str, journal: Path) -> str:
    """The banner for a session that could not be written: the recorder's words, then ours."""
    if str(journal) in message:
        # The recorder has said where the walk is kept (its save at the end failed).
        return f"{message.rstrip('.')}."
    # The recorder may have said already that the walk goes on: it is said once.
    goes_on = "" if "session goes on" in message.lower() else " The session goes on."
    return (
        f"{message.rstrip('.')}.{goes_on} Whatever could be written is kept in "
        f"{journal}, and RetroCoach adds it to your history the next time it starts with room "
        "to save it."
    )


def settings_problem_text(error: Exception) -> str:
    """The banner for settings that could not be saved."""
    return f"Your settings could not be saved ({error}). They apply until RetroCoach closes."


def gap_text(gap_s: float) -> str:
    """The status line after the clock jumped: a suspended laptop or a stalled computer."""
    return (
        f"Paused: the computer was asleep or busy for {format_spent(gap_s)}. "
        "The session waits where you were: press Space to go on."
    )


def busy_text(folder: Path) -> str:
    """The banner when another RetroCoach is walking a session with the same data folder."""
    return (
        f"Another RetroCoach window or terminal is walking a session with your data in {folder}. "
        "One session at a time keeps each one safe from a crash: finish or stop that one, "
        "then press Space here."
    )


def recovered_text(record: SessionRecord) -> str:
    """The banner when a session another RetroCoach left unfinished was put in the history."""
    return f"Another RetroCoach ended without saving its session: {describe_recovered(record)}."


def sound_problem_text(detail: str) -> str:
    """The banner when the cues cannot be played as chosen, in a walker's words.

    *detail* is the engine's own account (device names, library errors): it goes to the log,
    where a helper looking into it finds it, not into the window.
    """
    log.warning("sound: %s", detail)
    if "using " in detail and "instead" in detail:
        return (
            "The sound chosen in Settings does not work on this computer, so another way of "
            "playing the cues is used. You should hear them as usual."
        )
    return (
        "No sound: RetroCoach found nothing on this computer that can play its cues, so the "
        "direction band flashes at every switch instead. Check that speakers or headphones "
        "are connected and not muted, then start RetroCoach again."
    )


def sound_fault_text(detail: str) -> str:
    """The banner when the sound stopped during a session, in a walker's words."""
    log.warning("sound: %s", detail)
    return (
        "The sound stopped working. The session goes on, and the direction band flashes at "
        "every switch instead."
    )
