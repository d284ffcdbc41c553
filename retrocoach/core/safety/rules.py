"""When a reminder may be shown: the facts of a moment of the session, and conditions on them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from retrocoach.core.plan.model import Kind
from retrocoach.core.session.machine import Progress, State

__all__ = [
    "NEAR_END_S",
    "SWITCH_LEAD_S",
    "Condition",
    "ConditionError",
    "Facts",
    "Moment",
    "Phase",
    "facts_for",
    "moments_for",
]

NEAR_END_S: Final = 60.0
"""In the session's last minute the walker needs the ways to stop the belt safely."""
SWITCH_LEAD_S: Final = 10.0
"""The lead before a change of direction: enough to read a line and slow the belt."""


class ConditionError(ValueError):
    """A reminder's 'when' is not understood; the message names the key and what is allowed."""


class Moment(StrEnum):
    """Which group of reminders a moment draws on; the checklist groups are never in a session."""

    CHECKLIST_FIRST = "checklist-first"
    CHECKLIST_SETUP = "checklist-setup"
    CHECKLIST_STOP = "checklist-stop"
    BEFORE_FIRST_BACKWARD = "before-first-backward"
    BACKWARD = "backward"
    FORWARD = "forward"
    SWITCH = "switch"
    NEAR_END = "near-end"
    OUTDOORS = "outdoors"
    GENERAL = "general"


class Phase(StrEnum):
    """A segment's kind as a condition names it, with END for 'nothing more' and 'over'."""

    GETREADY = "getready"
    WARMUP = "warmup"
    FORWARD = "forward"
    BACKWARD = "backward"
    COOLDOWN = "cooldown"
    TURN = "turn"
    END = "end"


@dataclass(frozen=True, slots=True)
class Facts:
    """What the coach view shows at one moment, as the conditions can test it."""

    now: Phase | None
    next: Phase | None
    switch_soon: bool
    backward_started: bool
    backward_ahead: bool
    last_minute: bool
    belt_up: bool = False
    """The plan's belt is faster for the next walking segment than for this one."""
    belt_down: bool = False
    """The plan's belt is slower for the next walking segment than for this one."""
    fast_backward_next: bool = False
    """The next walking segment is backward, with the belt above the beginners' 2 km/h."""


_FLAGS: Final = (
    "switch_soon",
    "backward_started",
    "backward_ahead",
    "last_minute",
    "belt_up",
    "belt_down",
    "fast_backward_next",
)
BEGINNER_BACKWARD_KMH: Final = 2.0
"""The top of the belt speed a popular treadmill article gives for first backward walks."""
_KEYS: Final = frozenset({"now", "next", *_FLAGS})


@dataclass(frozen=True, slots=True)
class Condition:
    """Every constraint given must hold; a reminder with no constraint fits any moment."""

    now: frozenset[Phase] | None = None
    next: frozenset[Phase] | None = None
    switch_soon: bool | None = None
    backward_started: bool | None = None
    backward_ahead: bool | None = None
    last_minute: bool | None = None
    belt_up: bool | None = None
    belt_down: bool | None = None
    fast_backward_next: bool | None = None

    @classmethod
    def from_data(cls, data: object, where: str) -> Condition:
        """Read a 'when' object of the reminders file; raise ConditionError when it is wrong."""
        if not isinstance(data, dict) or not data:
            raise ConditionError(f"{where} must be a JSON object with at least one key")
        unknown = set(data) - _KEYS
        if unknown:
            allowed = ", ".join(sorted(_KEYS))
            raise ConditionError(f"{where} has unknown key(s) {sorted(unknown)}; use {allowed}")
        phases = {
            key: _phases(data[key], f"{where}.{key}") for key in ("now", "next") if key in data
        }
        flags: dict[str, bool] = {}
        for key in _FLAGS:
            if key in data:
                if not isinstance(data[key], bool):
                    raise ConditionError(f"{where}.{key} must be true or false")
                flags[key] = data[key]
        return cls(now=phases.get("now"), next=phases.get("next"), **flags)

    def holds(self, facts: Facts) -> bool:
        """Whether *facts* meet every constraint."""
        if self.now is not None and facts.now not in self.now:
            return False
        if self.next is not None and facts.next not in self.next:
            return False
        return all(
            getattr(self, flag) is None or getattr(self, flag) == getattr(facts, flag)
            for flag in _FLAGS
        )


def _phases(raw: object, where: str) -> frozenset[Phase]:
    allowed = ", ".join(Phase)
    if not isinstance(raw, list) or not raw:
        raise ConditionError(f"{where} must be a non-empty list of {allowed}")
    for value in raw:
        if not isinstance(value, str) or value not in set(Phase):
            raise ConditionError(f"{where}: {value!r} is not one of {allowed}")
    return frozenset(Phase(value) for value in raw)


_PHASES: Final[Mapping[Kind, Phase]] = {kind: Phase(kind.value) for kind in Kind}


def facts_for(progress: Progress) -> Facts:
    """The facts of the moment *progress* shows, worked out from its segment and the next."""
    segment = progress.segment
    over = progress.state in (State.FINISHED, State.STOPPED)
    if over or segment is None:
        return Facts(
            now=Phase.END if over else None,
            next=Phase.END if over else None,
            switch_soon=False,
            backward_started=over,
            backward_ahead=False,
            last_minute=True,
        )
    following = progress.next_segment
    kind = segment.kind
    # Every round walks forward then backward, so rounds tell where the backward parts are.
    # A turn-around carries the round that follows it, and round 0 before the cool-down.
    number = segment.round
    after_last_backward = kind is Kind.COOLDOWN or (kind is Kind.TURN and number == 0)
    backward_started = kind is Kind.BACKWARD or number > 1 or after_last_backward
    backward_ahead = number < progress.rounds if kind is Kind.BACKWARD else not after_last_backward
    switch_soon = (
        following is not None
        and kind.direction is not None
        and following.kind.direction is not None
        and following.kind.direction is not kind.direction
        and progress.remaining_s <= SWITCH_LEAD_S
    )
    speed, after = progress.speed_kmh, progress.next_speed_kmh
    return Facts(
        now=_PHASES.get(kind),
        next=Phase.END if following is None else _PHASES.get(following.kind),
        switch_soon=switch_soon,
        backward_started=backward_started,
        backward_ahead=backward_ahead,
        last_minute=progress.total_remaining_s <= NEAR_END_S,
        belt_up=speed is not None and after is not None and after > speed,
        belt_down=speed is not None and after is not None and after < speed,
        fast_backward_next=_next_walking_is(progress, Kind.BACKWARD)
        and after is not None
        and after > BEGINNER_BACKWARD_KMH,
    )


def _next_walking_is(progress: Progress, kind: Kind) -> bool:
    """Whether the next segment that walks, past any turn-around, is of *kind*."""
    following = progress.next_segment
    if following is not None and following.kind is Kind.TURN:
        # A turn-around leads into the other direction from the one walked before it.
        segment = progress.segment
        walked = segment.kind.direction if segment is not None else None
        return walked is not None and walked is not kind.direction
    return following is not None and following.kind is kind


def moments_for(progress: Progress) -> tuple[Moment, ...]:
    """The groups of reminders that suit *progress*, the most urgent first.

    The coach shows the first group that holds a reminder whose condition the moment meets;
    the forward and general advice close the list, so a calm moment always has something.
    """
    if progress.state in (State.FINISHED, State.STOPPED):
        # Getting off the machine safely and pulling the key still matter after the end.
        return (Moment.NEAR_END, Moment.GENERAL)
    segment = progress.segment
    if segment is None:
        return ()
    facts = facts_for(progress)
    not_walking_yet = progress.state is State.IDLE or segment.kind is Kind.GETREADY
    rules = (
        # A plan shorter than the near-end window still starts with getting on the belt.
        (not_walking_yet, Moment.BEFORE_FIRST_BACKWARD),
        # Turning round is the least steady moment, the first time most of all: say how.
        (segment.kind is Kind.TURN, Moment.SWITCH),
        (facts.last_minute, Moment.NEAR_END),
        (not facts.backward_started, Moment.BEFORE_FIRST_BACKWARD),
        (facts.switch_soon or segment.kind is Kind.TURN, Moment.SWITCH),
        (segment.kind is Kind.BACKWARD, Moment.BACKWARD),
        (True, Moment.FORWARD),
        (True, Moment.GENERAL),
    )
    ordered: list[Moment] = []
    for applies, moment in rules:
        if applies and moment not in ordered:
            ordered.append(moment)
    return tuple(ordered)
