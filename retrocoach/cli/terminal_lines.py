"""The terminal coach's lines: a segment's start, the live line, and what other events say."""

from __future__ import annotations

from retrocoach.core.durations import format_duration, format_spent
from retrocoach.core.plan.model import Kind, Segment
from retrocoach.core.session.events import (
    Event,
    Paused,
    PauseReason,
    Progress,
    Resumed,
    SegmentStarted,
    SessionFinished,
    SessionStopped,
    SlowDownDue,
    SpeedChanged,
)
from retrocoach.core.session.machine import Session
from retrocoach.core.session.transitions import State
from retrocoach.core.session.words import (
    GO_WORDS,
    next_text,
    round_text,
    segment_word,
    turn_line,
)
from retrocoach.core.speeds import Units, format_speed

__all__ = ["event_line", "fitted", "live_line", "segment_line"]


def event_line(event: Event, *, keys: bool, units: Units) -> str:
    """The line an event other than a segment's start prints ('' for none); *keys*: keys work."""
    text = ""
    if isinstance(event, Paused):
        if event.reason is PauseReason.GAP:
            text = (
                f"Paused: the clock jumped {format_spent(event.gap_s)} (suspend or a stalled "
                "process); the session waits where you were."
                + (" Press Space to go on." if keys else "")
            )
        else:
            text = "Paused." + (" Press Space to resume." if keys else "")
    elif isinstance(event, Resumed):
        text = f"Resumed after {format_spent(event.paused_s)}."  # time spent: the nearest second
    elif isinstance(event, SessionFinished | SessionStopped):
        # Said once, by the summary line after it: the outcome as the history keeps it (a
        # walk with a skipped segment ends its plan yet is kept as stopped, not "well done").
        text = ""
    elif isinstance(event, SpeedChanged):
        text = f"Belt speed now {format_speed(event.speed_kmh, units)}."
    elif isinstance(event, SlowDownDue) and not event.seconds_left:
        text = f"Slow the belt to {format_speed(event.speed_kmh, units)} now."
    return text


def segment_line(session: Session, event: SegmentStarted, units: Units) -> str:
    """The line a segment's start prints: when, what, for how long, what next, the belt."""
    segment = event.segment
    elapsed = format_duration(event.at - (session.started_at or event.at))
    length = "" if segment.waits else f" {format_duration(segment.seconds)}"
    parts = [
        f"[{elapsed}] {segment_word(segment)}{length}",
        round_text(segment, session.plan.rounds),
        next_text(event.next_segment, session.state),
        _belt_text(session, segment, event.next_segment, units),
    ]
    return " - ".join(part for part in parts if part)


def _belt_text(session: Session, segment: Segment, following: Segment | None, units: Units) -> str:
    belt = session.belt
    if segment.kind is Kind.TURN:
        target = None if following is None else belt.speed(following.kind)
        return turn_line(following, target, units, waits=segment.waits)
    speed = belt.speed(segment.kind)
    return "" if speed is None else f"belt {format_speed(speed, units)} (+/- corrects)"


def live_line(progress: Progress, units: Units) -> str:
    """The line redrawn in place on a terminal: the segment, the time left, the belt."""
    assert progress.segment is not None  # only drawn during a segment
    if progress.state is State.WAITING:
        return (
            f"{segment_word(progress.segment):<9}  {GO_WORDS}"
            f"   {format_duration(progress.total_remaining_s)} left"
        )
    paused = "  [PAUSED]" if progress.state is State.PAUSED else ""
    speed = format_speed(progress.speed_kmh, units)
    return (
        f"{segment_word(progress.segment):<9}  {format_duration(progress.remaining_s)}"
        f"   {format_duration(progress.total_remaining_s)} left"
        f"{'   belt ' + speed if speed else ''}{paused}"
    )


def fitted(line: str, columns: int) -> str:
    """*line* cut to fit a terminal *columns* wide (0: width unknown, left whole).

    A live line is redrawn in place from the start of its row: one that wraps leaves a row
    behind at every redraw, and a narrow terminal fills with copies. The last column stays
    free, as a line that fills it leaves some terminals waiting to wrap.
    """
    if columns <= 1 or len(line) < columns:
        return line
    return line[: columns - 1]
