"""A walk's heart rate as the history keeps it: the strap watch's figures in schema version 3."""

from __future__ import annotations

import dataclasses

from retrocoach.core.devices.hr_watch import HeartRateWatch, Tally
from retrocoach.core.durations import format_spent, whole_seconds
from retrocoach.core.history.measured import BpmFigures, DeviceRef, Devices, HeartRate
from retrocoach.core.history.records import SessionRecord
from retrocoach.core.segments import Direction
from retrocoach.core.session.events import SegmentMeasure

__all__ = ["heart_rate_of", "heart_words", "with_heart_rate"]


def _bpm(value: int | None) -> float | None:
    """A strap's whole beats as the history reads them back: 89 is kept as 89.0.

    Kept as the integer, a record would be written "89" and read "89.0", so the store that
    saved it would hold and export other bytes than any later read of the file.
    """
    return None if value is None else float(value)


def _figures(tally: Tally) -> BpmFigures | None:
    if not tally.count:
        return None
    return BpmFigures(avg_bpm=_bpm(tally.average), max_bpm=_bpm(tally.highest))


def heart_rate_of(watch: HeartRateWatch) -> HeartRate | None:
    """The session's ``heart_rate``; None when the strap gave no usable value at all."""
    whole = watch.whole
    if not whole.count:
        return None
    return HeartRate(
        ceiling_bpm=_bpm(watch.ceiling),
        avg_bpm=_bpm(whole.average),
        max_bpm=_bpm(whole.highest),
        # Without a ceiling there is nothing to be above: unknown, not zero.
        above_ceiling_s=None if watch.ceiling is None else round(whole.above_s, 1),
        forward=_figures(watch.by_direction[Direction.FORWARD]),
        backward=_figures(watch.by_direction[Direction.BACKWARD]),
        trace=tuple((t, float(bpm)) for t, bpm in watch.trace),
    )


def _segment_measure(
    old: SegmentMeasure | None, tally: Tally, ceiling: int | None
) -> SegmentMeasure:
    """*old* (the treadmill's figures, perhaps) with the heart rate's added."""
    return dataclasses.replace(
        old or SegmentMeasure(),
        avg_bpm=_bpm(tally.average),
        max_bpm=_bpm(tally.highest),
        above_ceiling_s=None if ceiling is None else round(tally.above_s, 1),
    )


def with_heart_rate(
    record: SessionRecord, watch: HeartRateWatch, strap: DeviceRef | None
) -> SessionRecord:
    """*record* with what the strap measured and the strap among its devices.

    The watch must have followed the session's events (``HeartRateWatch.on_events``), so its
    segments are the record's, one for one. A segment with no usable value keeps no heart
    figures; the treadmill's figures of a segment, when already there, are kept beside them.
    """
    segments = list(record.segments)
    for index, followed in enumerate(watch.segments[: len(segments)]):
        if followed.tally.count:
            segment = segments[index]
            measure = _segment_measure(segment.measured, followed.tally, watch.ceiling)
            segments[index] = dataclasses.replace(segment, measured=measure)
    devices = record.devices
    if strap is not None:
        devices = dataclasses.replace(devices or Devices(), hr_strap=strap)
    return dataclasses.replace(
        record, segments=tuple(segments), heart_rate=heart_rate_of(watch), devices=devices
    )


def heart_words(heart: HeartRate | None) -> str | None:
    """The walk's heart rate in a line, for the check-in; None when no strap was worn."""
    if heart is None or heart.avg_bpm is None or heart.max_bpm is None:
        return None
    line = f"Heart rate: average {heart.avg_bpm:g}, highest {heart.max_bpm:g}"
    if heart.backward is not None and heart.backward.avg_bpm is not None:
        line += f" (backward: average {heart.backward.avg_bpm:g})"
    if heart.ceiling_bpm is not None and heart.above_ceiling_s is not None:
        above = heart.above_ceiling_s
        # A time spent, so to the nearest second as every walked time (never a countdown's up).
        line += (
            f"; {format_spent(above)} above your ceiling of {heart.ceiling_bpm:g}"
            if whole_seconds(above) >= 1
            else f"; never above your ceiling of {heart.ceiling_bpm:g}"
        )
    return line + "."
