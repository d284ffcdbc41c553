"""The session's states, the walker's commands, and the table of which command leads where."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Final

__all__ = ["TRANSITIONS", "Command", "InvalidTransition", "State"]


class State(StrEnum):
    """Where the session is."""

    IDLE = "idle"
    GET_READY = "get-ready"
    RUNNING = "running"
    PAUSED = "paused"
    WAITING = "waiting"
    """At a ``turn=wait`` turn-around: the clock is off until the walker says go."""
    FINISHED = "finished"
    STOPPED = "stopped"


class Command(StrEnum):
    """What the walker can ask of the session."""

    START = "start"
    PAUSE = "pause"
    RESUME = "resume"
    SKIP = "skip"
    STOP = "stop"
    GO = "go"
    """The walker has turned round: end a waiting turn-around and walk on."""


# (state, command) -> state. RUNNING here means "the clock is running"; the public state reads
# GET_READY while the running segment is the get-ready countdown.
TRANSITIONS: Final[Mapping[tuple[State, Command], State]] = {
    (State.IDLE, Command.START): State.RUNNING,
    (State.RUNNING, Command.PAUSE): State.PAUSED,
    (State.RUNNING, Command.SKIP): State.RUNNING,
    (State.RUNNING, Command.STOP): State.STOPPED,
    (State.PAUSED, Command.RESUME): State.RUNNING,
    (State.PAUSED, Command.SKIP): State.PAUSED,
    (State.PAUSED, Command.STOP): State.STOPPED,
    (State.WAITING, Command.GO): State.RUNNING,
    (State.WAITING, Command.SKIP): State.RUNNING,
    (State.WAITING, Command.STOP): State.STOPPED,
}


class InvalidTransition(Exception):
    """A command that the session's current state does not allow."""

    def __init__(self, state: State, command: Command) -> None:
        super().__init__(f"cannot {command} a session that is {state}")
        self.state = state
        self.command = command
