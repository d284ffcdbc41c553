"""What both coaches ask and say before a programme's walking starts: the clinician's agreement
for a programme with a caution, and the note that its build-up is RetroCoach's own choice."""

from __future__ import annotations

from typing import Final

from retrocoach.core.programme.model import Programme
from retrocoach.core.programme.progression import Today
from retrocoach.core.safety.checklist import CONFIRM_WORD

__all__ = [
    "AGREED_FLAG",
    "AGREED_TEXT",
    "AGREE_PROMPT",
    "CONFIRM_WORD",
    "build_up_note",
    "needs_agreement",
    "not_agreed_text",
]

AGREED_TEXT: Final = "I have agreed this programme with my clinician or physiotherapist"
AGREED_FLAG: Final = "--clinician-agreed"
AGREE_PROMPT: Final = f"{AGREED_TEXT}? Type yes to start it (anything else does not): "


def needs_agreement(programme: Programme) -> bool:
    """A programme with a caution (a trial's dose for a condition) starts only once agreed."""
    return programme.caution is not None


def not_agreed_text(programme: Programme) -> str:
    """The one line said when the agreement cannot be asked (no terminal) or was not given."""
    return (
        f"'{programme.name}' starts only once agreed with your clinician or physiotherapist: "
        f"answer the question on a terminal, or add {AGREED_FLAG} when you have agreed it"
    )


def build_up_note(today: Today | None) -> str | None:
    """Before a programme's first session: how its sessions grow, and whose choice that is."""
    if today is None or today.position is None or today.done:
        return None
    if (today.position.week, today.position.session) != (1, 1):
        return None
    return f"Before your first session: {today.programme.build_up}"
