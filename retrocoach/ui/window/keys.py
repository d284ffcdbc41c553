"""The window's keys, kept as data: the contract in docs/design.md section 4, plus helpers."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Final

__all__ = ["BINDINGS", "Action", "Binding", "key_hint"]


class Action(StrEnum):
    """What a key or button asks of the window."""

    TOGGLE = "toggle"
    SKIP = "skip"
    STOP = "stop"
    MUTE = "mute"
    HISTORY = "history"
    QUIT = "quit"
    FULL_SCREEN = "full-screen"
    SAFETY = "safety"
    COACH = "coach"
    PLAN = "plan"
    SETTINGS = "settings"
    PROGRAMME = "programme"
    NEXT_PAGE = "next-page"
    PREVIOUS_PAGE = "previous-page"
    FASTER = "faster"
    SLOWER = "slower"


@dataclass(frozen=True, slots=True)
class Binding:
    """The keys of one action, as QKeySequence text, and the words a tooltip names them by."""

    keys: tuple[str, ...]
    shown: str


BINDINGS: Final = MappingProxyType(
    {
        # A presentation remote's "next" button sends PageDown: it does what Space does.
        Action.TOGGLE: Binding(("Space", "PgDown"), "Space"),
        Action.SKIP: Binding(("N",), "N"),
        Action.STOP: Binding(("Esc",), "Esc"),
        Action.MUTE: Binding(("M",), "M"),
        Action.HISTORY: Binding(("Ctrl+H",), "Ctrl+H"),
        Action.QUIT: Binding(("Ctrl+Q",), "Ctrl+Q"),
        Action.FULL_SCREEN: Binding(("F11",), "F11"),
        Action.SAFETY: Binding(("F1",), "F1"),
        Action.COACH: Binding(("Ctrl+1",), "Ctrl+1"),
        Action.PLAN: Binding(("Ctrl+P",), "Ctrl+P"),
        Action.SETTINGS: Binding(("Ctrl+,",), "Ctrl+,"),
        Action.PROGRAMME: Binding(("Ctrl+G",), "Ctrl+G"),
        # Qt's own convention for tabbed windows; Shift+Tab arrives as Backtab.
        Action.NEXT_PAGE: Binding(("Ctrl+Tab", "Ctrl+PgDown"), "Ctrl+Tab"),
        Action.PREVIOUS_PAGE: Binding(
            ("Ctrl+Shift+Tab", "Ctrl+Shift+Backtab", "Ctrl+Backtab", "Ctrl+PgUp"), "Ctrl+Shift+Tab"
        ),
        # The belt speed of the segment under way, 0.1 km/h or mph a press; coach page only.
        Action.FASTER: Binding(("Up",), "Up"),
        Action.SLOWER: Binding(("Down",), "Down"),
    }
)


def key_hint(action: Action) -> str:
    """' (Space)': the key named the way a tooltip ends."""
    return f" ({BINDINGS[action].shown})"
