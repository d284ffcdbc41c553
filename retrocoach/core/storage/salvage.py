"""Reading what can be read of a damaged data file, as SQLite's recover does for a database.

A file cut short (a sync tool, a full disk elsewhere), a key written twice, or one record with
a value another tool wrote (``1e400``, which JSON can read but never write) should cost the
walker only what is really lost: every whole record is kept, and one line says what was set
aside and why. The damaged bytes themselves are copied aside whole (kept_aside).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Final, TypeVar

from retrocoach.core.errors import StorageError
from retrocoach.core.storage.document_reading import RECORD_ERRORS, FileState, Loaded
from retrocoach.core.storage.files import copy_aside

__all__ = ["Salvaged", "kept_aside", "salvage_document", "salvage_items"]

T = TypeVar("T")
_VERSION: Final = re.compile(rb'"schema_version"\s*:\s*(\d{1,9})\b')
_SPACE: Final = re.compile(r"\s*")


@dataclass
class Salvaged:
    """What could be read of a damaged document, and what was set aside (one phrase each)."""

    document: dict[str, Any]
    set_aside: list[str] = field(default_factory=list)


class _Twice:
    """An object_pairs_hook that keeps what a key written twice holds, and notes the key."""

    def __init__(self, list_key: str) -> None:
        self.list_key = list_key
        self.keys: list[str] = []

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            kept = value
            if key in result:
                self.keys.append(key)
                earlier = result[key]
                if key == self.list_key and isinstance(earlier, list) and isinstance(value, list):
                    kept = earlier + value  # both lists' records, none hidden
            result[key] = kept
        return result


def salvage_document(raw: bytes, list_key: str, noun: str) -> Salvaged | None:
    """The readable part of *raw*, a ``{"schema_version": N, list_key: [...]}`` document.

    None if nothing of the kind can be found (no schema version, no list).
    """
    text = raw.decode("utf-8", errors="replace").lstrip("\ufeff")
    set_aside: list[str] = []
    if "\x00" in text:  # what a power cut leaves at the end of a file being written
        text = text[: text.index("\x00")]
        set_aside.append("zero bytes at its end")
    twice = _Twice(list_key)
    try:
        document = json.loads(text, object_pairs_hook=twice)
    except (ValueError, RecursionError):
        document = None
    if isinstance(document, dict) and isinstance(document.get(list_key), list):
        if twice.keys:
            keys = ", ".join(sorted({f"'{key}'" for key in twice.keys}))
            set_aside.append(
                f"the earlier value of {keys}, written twice (the {noun} under both are kept)"
            )
        return Salvaged(document, set_aside)
    return _cut_short(raw, text, list_key, noun, set_aside)


def _cut_short(
    raw: bytes, text: str, list_key: str, noun: str, set_aside: list[str]
) -> Salvaged | None:
    """The whole records before the point where *text* stops being JSON."""
    version = _VERSION.search(raw)
    start = re.search(rf'"{re.escape(list_key)}"\s*:\s*\[', text)
    if version is None or start is None:
        return None
    decoder = json.JSONDecoder()
    entries: list[Any] = []
    at = start.end()
    while True:
        at = _SPACE.match(text, at).end()  # type: ignore[union-attr]  # \s* always matches
        if text.startswith("]", at):
            break
        try:
            entry, at = decoder.raw_decode(text, at)
        except (ValueError, RecursionError):
            set_aside.append(f"everything after its {len(entries)} whole {noun} (it is cut short)")
            break
        entries.append(entry)
        at = _SPACE.match(text, at).end()  # type: ignore[union-attr]
        if text.startswith(",", at):
            at += 1
        elif not text.startswith("]", at):
            set_aside.append(f"everything after its {len(entries)} whole {noun} (it is cut short)")
            break
    return Salvaged({"schema_version": int(version.group(1)), list_key: entries}, set_aside)


def _finite(value: object, where: str, dropped: list[str]) -> object:
    """*value* without the numbers JSON cannot write (inf from 1e400), each noted in *dropped*."""
    if isinstance(value, float) and not math.isfinite(value):
        dropped.append(where)
        return None
    if isinstance(value, dict):
        kept: dict[str, object] = {}
        for key, item in value.items():
            clean = _finite(item, f"{where}.{key}" if where else key, dropped)
            if clean is not None or item is None:
                kept[key] = clean
        return kept
    if isinstance(value, list):
        return [_finite(item, f"{where}[{index}]", dropped) for index, item in enumerate(value)]
    return value


def salvage_items(
    parse_item: Callable[[Any], T], item_key: Callable[[T], str], entries: list[Any]
) -> tuple[list[T], int, list[str]]:
    """The entries that parse, each key once; how many could not; and what was set aside.

    An entry that does not parse is tried again without its values JSON cannot write: a
    record whose only fault is such a value (in a key this version does not know) is kept.
    """
    items: list[T] = []
    seen: set[str] = set()
    bad = 0
    set_aside: list[str] = []
    for entry in entries:
        try:
            item = parse_item(entry)
        except RECORD_ERRORS:
            dropped: list[str] = []
            try:
                item = parse_item(_finite(entry, "", dropped))
            except RECORD_ERRORS:
                bad += 1
                continue
            if not dropped:
                bad += 1
                continue
            key = item_key(item)
            set_aside.append(
                f"{', '.join(dropped)} of {key} (a number JSON cannot write, from another program)"
            )
        key = item_key(item)
        if key in seen:  # a second record under one key would make edits ambiguous
            bad += 1
            continue
        seen.add(key)
        items.append(item)
    return items, bad, set_aside


def salvage(
    raw: bytes,
    *,
    list_key: str,
    noun: str,
    version: int,
    entries_of: Callable[[dict[str, Any]], tuple[list[Any], dict[str, Any]]],
    parse_item: Callable[[Any], T],
    item_key: Callable[[T], str],
    reason: str | None,
) -> tuple[tuple[T, ...], dict[str, Any], str] | None:
    """The records that can be read from the damaged *raw*, its other top-level keys, and the
    reason to tell, naming what was set aside; None if nothing can be salvaged.

    *reason* is why the whole file could not be read, or None when it was read but some of its
    records were not. *entries_of* migrates a document and splits off its list of records.
    """
    found = salvage_document(raw, list_key, noun)
    if found is None:
        return None
    found_version = found.document.get("schema_version")
    if not isinstance(found_version, int) or found_version > version:
        return None  # a newer version's file is not this version's to piece together
    try:
        entries, header = entries_of(found.document)
    except ValueError:  # CorruptFileError, MigrationError
        return None
    items, bad, aside = salvage_items(parse_item, item_key, entries)
    set_aside = found.set_aside + aside
    unreadable = f"{bad} of its {len(entries)} {noun} are unreadable"
    if reason is None:
        reason = unreadable if bad else "a value in it came from another program"
    elif bad:
        set_aside.append(unreadable)
    told = reason
    if set_aside:
        told = f"{told}; set aside: {'; '.join(set_aside)}"
    return tuple(items), header, told


def kept_aside(
    path: Path, raw: bytes, reason: str, items: tuple[T, ...], *, noun: str, now: datetime
) -> Loaded[T]:
    """*path*'s damaged *raw* copied aside, going on with the readable *items*.

    With no copy kept, the file is PROTECTED: left untouched and never saved over.
    """
    going_on = f"the {len(items)} readable ones are kept" if items else f"going on with no {noun}"
    try:
        copy = copy_aside(path, raw, now)
    except StorageError as error:
        message = (
            f"{path} cannot be read ({reason}) and no copy could be kept ({error}); "
            f"it is left untouched and nothing will be saved over it"
        )
        return Loaded(items, FileState.PROTECTED, (message,))
    message = f"{path} could not be read ({reason}); a copy is kept as {copy}; {going_on}"
    return Loaded(items, FileState.DAMAGED, (message,), copy)
