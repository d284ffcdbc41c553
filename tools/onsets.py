"""Finding cues in a recording: where each starts and ends, and whether its pitch rises or falls."""

from __future__ import annotations

import array
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

RATE = 48_000
ONSET_LEVEL = 0.003  # the null sink's silence is digital zero; any cue passes this at once
MIN_GAP_S = 0.12  # a quiet stretch longer than the longest gap inside one cue separates cues


class Recorded(Protocol):
    """A recording: its samples, rate, and the clock reading of each sample."""

    samples: array.array[int]
    rate: int

    def time_of(self, index: int) -> float:
        """The clock reading at which sample *index* was rendered."""
        ...


@dataclass(frozen=True)
class Onset:
    """One cue found in a recording: where it starts and ends, and its pitch contour."""

    start: int
    end: int
    first_hz: float
    last_hz: float

    @property
    def rising(self) -> bool:
        """Whether the cue ends higher than it starts."""
        return self.last_hz > self.first_hz


def find_onsets(
    recording: Recorded,
    level: float = ONSET_LEVEL,
    min_gap_s: float = MIN_GAP_S,
    *,
    pitch: bool = True,
) -> list[Onset]:
    """Every stretch of sound preceded by at least *min_gap_s* of quiet, with its pitches
    (0.0 without *pitch*: the pitch scan is most of the time a timing benchmark would spend)."""
    threshold = level * 32768
    gap = round(min_gap_s * recording.rate)
    samples = recording.samples
    found: list[tuple[int, int]] = []
    last_loud = -gap - 1
    for index, value in enumerate(samples):
        if abs(value) >= threshold:
            if index - last_loud > gap:
                found.append((index, index))
            found[-1] = (found[-1][0], index)
            last_loud = index
    rate = recording.rate
    if not pitch:
        return [Onset(start, end, 0.0, 0.0) for start, end in found]
    return [
        Onset(
            start,
            end,
            dominant_hz(samples[start + rate // 100 : start + rate * 8 // 100], rate),
            dominant_hz(samples[max(start, end - rate * 12 // 100) : end - rate // 25], rate),
        )
        for start, end in found
    ]


def dominant_hz(samples: Sequence[int], rate: int, low: int = 150, high: int = 1500) -> float:
    """The strongest frequency between *low* and *high* Hz (Goertzel scan in 10 Hz steps)."""
    if len(samples) < rate // 100:
        return 0.0
    best, best_power = 0.0, -1.0
    for hz in range(low, high + 1, 10):
        coeff = 2 * math.cos(2 * math.pi * hz / rate)
        s1 = s2 = 0.0
        for value in samples:
            s1, s2 = value + coeff * s1 - s2, s1
        power = s1 * s1 + s2 * s2 - coeff * s1 * s2
        if power > best_power:
            best, best_power = float(hz), power
    return best


def delays_ms(onsets: Sequence[Onset], recording: Recorded, due: Sequence[float]) -> list[float]:
    """Each onset's clock time minus the time it was due, in milliseconds."""
    return [
        (recording.time_of(onset.start) - when) * 1000
        for onset, when in zip(onsets, due, strict=True)
    ]
