"""What a finished or stopped walk amounted to, and how it compares with the last few."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from retrocoach.core.durations import format_duration, format_spent, format_walked, whole_seconds
from retrocoach.core.figures.estimate_words import HOW_ESTIMATED, record_estimate_line
from retrocoach.core.history.outcome import segment_done
from retrocoach.core.history.records import MAX_EFFORT, Outcome, SessionRecord
from retrocoach.core.plan.model import Kind
from retrocoach.core.segments import trivial_walk
from retrocoach.core.speeds import Units

__all__ = ["COMPARED_WALKS", "Summary", "summarise"]

COMPARED_WALKS: Final = 5
_OUTCOME_TITLES: Final = {
    Outcome.COMPLETED: "Session completed",
    Outcome.STOPPED: "Session stopped early",
    Outcome.INTERRUPTED: "Session interrupted",
}


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}{'' if number == 1 else 's'}"


@dataclass(frozen=True, slots=True)
class Summary:
    """The figures of one walk, and the average walking time of the walks before it."""

    outcome: Outcome
    forward_s: float
    backward_s: float
    planned_s: int
    """The plan's walking time (get-ready countdown left out)."""
    done: int
    skipped: int
    not_reached: int
    effort: int | None
    earlier: int
    """How many earlier walks the comparison is over (false starts left out; 0: none)."""
    earlier_average_s: float
    false_starts: bool = False
    """Walks before this one were all false starts (trivial_walk), left out of the comparison."""
    estimate: str = ""
    """The estimated belt distance and energy in words ('' when nothing can be estimated)."""

    @property
    def walked_s(self) -> float:
        return self.forward_s + self.backward_s

    @property
    def not_walked_s(self) -> float:
        """The plan's walking time that was not walked: turn-arounds are not walking.

        Taken from the walked time as shown (each part to the nearest second), so that the
        plan's length less what the summary says was walked is what it says was not.
        """
        shown = whole_seconds(self.forward_s) + whole_seconds(self.backward_s)
        return float(max(0, self.planned_s - shown))

    @property
    def fraction_walked(self) -> float:
        """How much of the plan's walking was walked (skipped time is not walked), from the
        walked time as shown: the bar's empty part is the 'not walked' beside it."""
        if self.planned_s <= 0:
            return 1.0
        shown = whole_seconds(self.forward_s) + whole_seconds(self.backward_s)
        return min(1.0, shown / self.planned_s)

    @property
    def left_text(self) -> str:
        """What the plan had left, beside the summary: '0:08 not walked', or '0:00 left in all'."""
        if self.outcome is Outcome.COMPLETED:
            return "0:00 left in all"
        return f"{format_duration(self.not_walked_s)} not walked"

    @property
    def title(self) -> str:
        return _OUTCOME_TITLES[self.outcome]

    def lines(self, *, with_effort: bool = True) -> list[str]:
        """The summary as the window and the terminal show it, one fact a line.

        The terminal coach asks for no effort: it has no check-in to rate the walk.
        """
        walked, forward, backward = format_walked(self.forward_s, self.backward_s)
        lines = [
            f"Walked {walked} of {format_duration(self.planned_s)}: "
            f"{forward} forward, {backward} backward",
            self._segments_line(),
        ]
        if with_effort:
            lines.append(
                "Effort: not rated"
                if self.effort is None
                else f"Effort: {self.effort} of {MAX_EFFORT}"
            )
        lines.append(self._comparison_line())
        if self.estimate:
            lines.append(self.estimate)
        return lines

    def shorter(self) -> list[list[str]]:
        """The lines for less and less room, the whole of :meth:`lines` first.

        Then the estimate without how it is made, then without the effort, the comparison and
        the estimate, in that order: what was walked and the segments are always there.
        """
        full = self.lines()
        versions = [full]
        lines = list(full)
        if self.estimate:
            short = self.estimate.removesuffix(f" ({HOW_ESTIMATED})")
            if short != self.estimate:
                lines[-1] = short
                versions.append(list(lines))
        # After what was walked and the segments: the effort first, then as they come.
        for line in sorted(lines[2:], key=lambda line: not line.startswith("Effort: ")):
            lines.remove(line)
            versions.append(list(lines))
        return versions

    def _segments_line(self) -> str:
        parts = [f"{self.done} done"]
        if self.skipped:
            parts.append(f"{self.skipped} skipped or cut short")
        if self.not_reached:
            parts.append(f"{self.not_reached} not reached")
        return "Segments: " + ", ".join(parts)

    def _comparison_line(self) -> str:
        if not self.earlier and self.false_starts:
            return "No earlier walk of a minute or more to compare with"
        if not self.earlier:
            return "Your first walk in the history"
        # One walk before is "your last walk (0:21)"; several are their average, said so.
        if self.earlier == 1:
            walks = "your last walk"
        else:
            walks = f"the average of your last {self.earlier} walks"
        walked = whole_seconds(self.forward_s) + whole_seconds(self.backward_s)
        difference = walked - whole_seconds(self.earlier_average_s)
        before = format_spent(self.earlier_average_s)
        if difference == 0:
            return f"As long as {walks} ({before})"
        how = "longer" if difference > 0 else "shorter"
        return f"{format_duration(abs(difference))} {how} than {walks} ({before})"


def summarise(
    record: SessionRecord,
    history: Sequence[SessionRecord],
    compared: int = COMPARED_WALKS,
    units: Units = Units.KMH,
) -> Summary:
    """The summary of *record*, compared with up to *compared* walks started before it.

    *history* may hold *record* itself and walks after it; they are left out of the comparison,
    and so are false starts (trivial_walk): 'longer than your last walk (0:14)' said nothing.
    """
    before = sorted(
        (
            other
            for other in history
            if other.id != record.id and other.started_at < record.started_at
        ),
        key=lambda other: other.started_at,
    )
    counted = [other for other in before if not trivial_walk(other.outcome, other.walking_s)]
    earlier = counted[-compared:] if compared > 0 else []
    planned = [s for s in record.plan.segments() if s.kind is not Kind.GETREADY]
    done = sum(1 for walked in record.segments if segment_done(walked))
    return Summary(
        outcome=record.outcome,
        forward_s=record.forward_s,
        backward_s=record.backward_s,
        planned_s=record.plan.walking_s,
        done=done,
        skipped=len(record.segments) - done,
        not_reached=max(0, len(planned) - len(record.segments)),
        effort=record.effort,
        earlier=len(earlier),
        false_starts=len(before) > len(counted) and not counted,
        estimate=record_estimate_line(record, units),
        earlier_average_s=(
            sum(other.walking_s for other in earlier) / len(earlier) if earlier else 0.0
        ),
    )
