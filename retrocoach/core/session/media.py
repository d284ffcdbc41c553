"""The session as a media player sees it (status, track, position) and what its buttons may do.

Shared by every remote (MPRIS on Linux: a keyboard's play key, headphone buttons, desktop media
widgets, KDE Connect). Stop asks for a second Stop within a few seconds, the same rule as the
window's Esc: one stray press of a headset button must never end a walk.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from retrocoach.core.session.confirm import CONFIRM_WINDOW_S, SecondPress
from retrocoach.core.session.machine import Command, Session, State
from retrocoach.core.session.words import round_text, segment_word

__all__ = ["RemoteAction", "RemoteRule", "Track", "playback_status", "position_us", "track"]

_US: Final = 1_000_000


class RemoteAction(StrEnum):
    """A media button."""

    PLAY = "play"
    PAUSE = "pause"
    PLAY_PAUSE = "play-pause"
    NEXT = "next"
    STOP = "stop"
    QUIT = "quit"
    """The player's Quit: stop at once, as the app's own quit does."""


@dataclass(frozen=True)
class Track:
    """The segment as a track: its id (a D-Bus object path), title, album and length."""

    trackid: str
    title: str
    album: str
    length_us: int


def playback_status(session: Session | None) -> str:
    """MPRIS's PlaybackStatus: Playing while walking (get-ready too), Paused, else Stopped."""
    if session is None:
        return "Stopped"
    if session.state in (State.RUNNING, State.GET_READY):
        return "Playing"
    if session.state in (State.PAUSED, State.WAITING):  # a player's Play button goes on
        return "Paused"
    return "Stopped"


def track(session: Session | None) -> Track | None:
    """The current segment as a track ("Backward, round 2 of 3"), or None before or after."""
    if session is None or session.state in (State.IDLE, State.FINISHED, State.STOPPED):
        return None
    segment = session.segment
    word = segment_word(segment).capitalize()
    where = round_text(segment, session.plan.rounds) if segment.round else ""
    return Track(
        trackid=f"/org/retrocoach/segment/{session.index}",
        title=f"{word}, {where}" if where else word,
        album=session.plan.name,
        length_us=segment.seconds * _US,
    )


def position_us(session: Session | None, now: float) -> int:
    """Time into the current segment, in microseconds (0 before the start and after the end)."""
    if session is None or session.state in (State.IDLE, State.FINISHED, State.STOPPED):
        return 0
    elapsed = session.segment.seconds - session.remaining(now)
    return max(0, round(elapsed * _US))


class RemoteRule:
    """Turns a media button into the session command it means now, or None."""

    def __init__(self, clock: Callable[[], float], window_s: float = CONFIRM_WINDOW_S) -> None:
        self._stop = SecondPress(clock, window_s)

    @property
    def stop_waiting(self) -> bool:
        """Whether a first Stop waits for its second one."""
        return self._stop.waiting()

    def command_for(self, action: RemoteAction, session: Session) -> Command | None:
        """The command for *action* on *session*; None when it does nothing now.

        Play starts or resumes, Pause pauses, PlayPause toggles, Next skips; Stop stops only
        when it is the second Stop within the confirmation window. At a waiting turn-around
        Play and PlayPause (a headset's one button) say go.
        """
        if session.is_over:
            self._stop.cancel()
            return None
        if action is RemoteAction.QUIT:
            return Command.STOP if session.can(Command.STOP) else None
        if action is RemoteAction.STOP:
            if not session.can(Command.STOP):
                return None
            return Command.STOP if self._stop.press() else None
        self._stop.cancel()  # any other button means the walker went on
        state = session.state
        wanted = {
            RemoteAction.PLAY: {
                State.IDLE: Command.START,
                State.PAUSED: Command.RESUME,
                State.WAITING: Command.GO,
            },
            RemoteAction.PAUSE: {State.RUNNING: Command.PAUSE, State.GET_READY: Command.PAUSE},
            RemoteAction.PLAY_PAUSE: {
                State.IDLE: Command.START,
                State.PAUSED: Command.RESUME,
                State.RUNNING: Command.PAUSE,
                State.GET_READY: Command.PAUSE,
                State.WAITING: Command.GO,
            },
            RemoteAction.NEXT: {
                State.RUNNING: Command.SKIP,
                State.GET_READY: Command.SKIP,
                State.PAUSED: Command.SKIP,
                State.WAITING: Command.SKIP,
            },
        }[action]
        command = wanted.get(state)
        return command if command is not None and session.can(command) else None
