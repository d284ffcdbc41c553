"""Walks to export as FIT, built as history.json holds them, and Garmin's SDK to read them back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from garmin_fit_sdk import Decoder, Stream

from retrocoach.core.history.records import SessionRecord

__all__ = ["Decoded", "decode", "decode_file", "session_json", "walk_record"]

PLAN: dict[str, Any] = {
    "name": "Steady steps",
    "getready_s": 5,
    "warmup_s": 60,
    "forward_s": 120,
    "backward_s": 60,
    "cooldown_s": 60,
    "rounds": 2,
    "turn_s": 0,
    "forward_speed_kmh": None,
    "backward_speed_kmh": None,
}


def session_json(
    segments: list[dict[str, Any]],
    *,
    started_at: str = "2026-12-05T09:30:00+01:00",
    pauses_s: float = 0.0,
    getready_s: int = 5,
    plan: dict[str, Any] | None = None,
    outcome: str = "completed",
    record_id: str = "walk-1",
    **extra: Any,
) -> dict[str, Any]:
    """A session as history.json keeps it; segments need kind, actual_s (and what else they set).

    ``ended_at`` is the start plus the get-ready, the segments and *pauses_s*.
    """
    filled = []
    for segment in segments:
        entry = {"round": 0, "planned_s": round(segment["actual_s"]), "speed_kmh": None}
        entry.update(segment)
        filled.append(entry)
    start = datetime.fromisoformat(started_at)
    walked = sum(entry["actual_s"] for entry in filled)
    end = start + timedelta(seconds=getready_s + walked + pauses_s)
    kinds = {"forward": 0.0, "backward": 0.0}
    for entry in filled:
        direction = "backward" if entry["kind"] == "backward" else "forward"
        if entry["kind"] != "turn":
            kinds[direction] += entry["actual_s"]
    data: dict[str, Any] = {
        "id": record_id,
        "started_at": start.isoformat(),
        "ended_at": end.isoformat(),
        "outcome": outcome,
        "plan": {**PLAN, "getready_s": getready_s, **(plan or {})},
        "segments": filled,
        "forward_s": round(kinds["forward"], 3),
        "backward_s": round(kinds["backward"], 3),
        "forward_m": None,
        "backward_m": None,
        "energy_kcal_est": None,
    }
    data.update(extra)
    return data


def walk_record(segments: list[dict[str, Any]], **options: Any) -> SessionRecord:
    """session_json() read back as the history reads it."""
    return SessionRecord.from_json(session_json(segments, **options))


@dataclass(frozen=True)
class Decoded:
    """What Garmin's SDK read from a file: messages by name, and its errors."""

    messages: dict[str, list[dict[Any, Any]]]
    errors: list[Exception]
    integrity: bool
    is_fit: bool

    def one(self, name: str) -> dict[Any, Any]:
        """The only message called *name*."""
        found = self.messages[f"{name}_mesgs"]
        assert len(found) == 1, f"{len(found)} {name} messages"
        return found[0]

    def all(self, name: str) -> list[dict[Any, Any]]:
        """Every message called *name*."""
        return self.messages.get(f"{name}_mesgs", [])


def decode(data: bytes) -> Decoded:
    """*data* read by Garmin's FIT SDK, with its header and CRC checks."""
    is_fit = Decoder(Stream.from_byte_array(bytearray(data))).is_fit()
    integrity = Decoder(Stream.from_byte_array(bytearray(data))).check_integrity()
    decoder = Decoder(Stream.from_byte_array(bytearray(data)))
    messages, errors = decoder.read(
        convert_datetimes_to_dates=False,
        expand_components=False,
        merge_heart_rates=False,
    )
    # FitMessages is a TypedDict of every message kind; the tests look them up by name.
    by_name: dict[str, list[dict[Any, Any]]] = dict(messages)  # type: ignore[arg-type]
    return Decoded(by_name, errors, integrity, is_fit)


def decode_file(path: Path) -> Decoded:
    """decode() of the file at *path*."""
    return decode(path.read_bytes())


FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)


def fit_seconds(moment: datetime) -> int:
    """*moment* as FIT's date_time (whole seconds since 1989-12-31 UTC)."""
    return int((moment - FIT_EPOCH).total_seconds() // 1)
