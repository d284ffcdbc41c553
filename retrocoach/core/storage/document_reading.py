"""What reading a versioned document finds: its state, its migrations, and whether it is ours."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import chain, compress
from pathlib import Path
from typing import Any, Final, Generic, TypeVar

from retrocoach.core.errors import CorruptFileError
from retrocoach.core.storage.files import decode_text, parse_json_text

__all__ = [
    "RECORD_ERRORS",
    "FileState",
    "Loaded",
    "MigrationError",
    "MigrationStep",
    "count_strings",
    "has_duplicate_keys",
    "head_text",
    "migrate",
    "parse_by_lines",
    "parse_items",
    "writable",
    "written_as_dumped",
]

T = TypeVar("T")
MigrationStep = Callable[[dict[str, Any]], dict[str, Any]]
"""Turns a document of schema version N into one of version N + 1."""

# A record that does not fit its type raises one of these while it is being read.
RECORD_ERRORS = (ValueError, TypeError, KeyError, AttributeError)


class MigrationError(ValueError):
    """A document whose schema version has no way forward to the current one."""


def migrate(
    document: dict[str, Any], *, current: int, steps: Mapping[int, MigrationStep]
) -> dict[str, Any]:
    """Bring *document* up to schema version *current*, one registered step at a time."""
    version = document.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise MigrationError("it has no schema_version number")
    while version < current:
        step = steps.get(version)
        if step is None:
            raise MigrationError(f"its schema version {version} is not one RetroCoach knows")
        document = step(document)
        if document.get("schema_version") != version + 1:
            raise MigrationError(
                f"the step from schema version {version} did not reach {version + 1}"
            )
        version += 1
    return document


class FileState(StrEnum):
    """What loading found."""

    MISSING = "missing"
    CLEAN = "clean"
    DAMAGED = "damaged"
    """Wholly or partly unreadable; the original bytes were copied aside."""
    NEWER = "newer"
    PROTECTED = "protected"
    """Unreadable and no copy could be made: it must not be written over."""


@dataclass(frozen=True, slots=True)
class Loaded(Generic[T]):
    """The records that could be read, and what the user was told about the file."""

    items: Sequence[T]
    """The records; for a file checked before (storage.checked), read only as they are used."""
    state: FileState
    warnings: tuple[str, ...] = ()
    corrupt_copy: Path | None = None
    found_version: int = 0
    """The schema version in the file, for a newer file."""


def head_text(header: Mapping[str, object], list_key: str) -> str:
    """The start of a document, up to its list, as document_bytes.dump_document writes it."""
    pairs = (f"{json.dumps(key)}: {json.dumps(value)}" for key, value in header.items())
    return f"{{{', '.join(pairs)}, {json.dumps(list_key)}: "


def written_as_dumped(  # noqa: PLR0911  (one return per way the bytes can differ)
    raw: bytes,
    document: Mapping[str, Any],
    list_key: str,
    items: Sequence[T] = (),
    item_strings: Callable[[Any, T], int] | None = None,
) -> bool:
    """Whether *raw* has the layout atomic.dump_document writes and hides nothing from the parser.

    Only such a file may have items spliced onto its end: then the list the parser sees is
    the one the bytes end with, and no object at any depth holds a key twice (Python keeps the
    last of two, so the first would be hidden, and "saved" would not be what a reader sees).
    The frame is compared byte for byte. Keys written twice are found by counting: every
    string in the bytes, keys included, is one in the parsed document unless its key was
    dropped. The count is exact whatever the spacing or escapes; a file holding an escaped
    backslash, where a quote's role cannot be told by counting, is compared whole instead.
    *item_strings*, given an entry of the list and the item it read as (*items*, one per
    entry), counts the entry's strings faster than count_strings can, knowing what it is.
    """
    keys = list(document)
    if not keys or keys[-1] != list_key:
        return False
    entries = document[list_key]
    if not isinstance(entries, list):
        return False
    header = {key: document[key] for key in keys[:-1]}
    try:
        head = head_text(header, list_key).encode("ascii")
    except (TypeError, ValueError):
        return False
    if not entries:
        return raw == head + b"[]}\n"
    if not raw.startswith(head + b"[\n") or not raw.endswith(b"\n]}\n"):
        return False
    if raw.count(b"\n") != len(entries) + 2:
        return False
    # Without an escaped backslash every quote but an escaped one opens or closes a string.
    escapes = b"\\" in raw  # the usual file has none: quick to rule out
    if not escapes or b"\\\\" not in raw:
        quotes = raw.count(b'"') - (raw.count(b'\\"') if escapes else 0)
        strings, odd = divmod(quotes, 2)
        if odd:
            return False
        if item_strings is None:
            return strings == count_strings(document)
        header_strings = len(keys) + count_strings(list(header.values()))
        return strings == header_strings + sum(map(item_strings, entries, items))
    try:
        lines = ",\n".join(json.dumps(entry, allow_nan=False) for entry in entries)
    except ValueError:
        return False
    return raw == head + b"[\n" + lines.encode("ascii") + b"\n]}\n"


_IS_DICT: Final = frozenset((dict,)).__contains__
_IS_LIST: Final = frozenset((list,)).__contains__


def count_strings(value: object) -> int:
    """How many strings a parsed JSON *value* holds at every depth, each object's keys included.

    One level at a time, with the loops in C (map, compress, count): it runs over every value
    of a 10,000-session history at each load, so a Python step per value would cost too much.
    """
    total = 0
    level: list[Any] = [value]
    while level:
        types = list(map(type, level))
        total += types.count(str)
        dicts: Iterable[dict[str, Any]] = ()
        lists: Iterable[list[Any]] = ()
        if types.count(dict) == len(level):
            dicts = level
        elif types.count(list) == len(level):
            lists = level
        else:
            dicts = list(compress(level, map(_IS_DICT, types)))
            lists = list(compress(level, map(_IS_LIST, types)))
        total += sum(map(len, dicts))
        level = list(chain(chain.from_iterable(map(dict.values, dicts)), *lists))
    return total


def parse_by_lines(raw: bytes, list_key: str) -> dict[str, Any] | None:
    """The document in *raw*, parsed a line at a time, if it has the writer's layout; else None.

    Whenever it returns a document, it is the one parsing *raw* whole gives: the first line
    ends by opening the list under *list_key* (the object's last member), each line after it
    holds one JSON value and a comma (the last one, none), and "]}" closes the file. Each line
    parsed alone proves it holds one whole record, which a certificate (storage.checked)
    needs. Any other layout, or a line that does not parse alone, gives None: parse it whole.
    """
    if not raw.endswith(b"\n]}\n"):
        return None
    try:
        lines = decode_text(raw).split("\n")
        if not lines[0].endswith(f"{json.dumps(list_key)}: ["):
            return None
        document = parse_json_text(lines[0] + "]}")
        entries = []
        if body := lines[1:-2]:
            *middle, last = body
            if any(not line.endswith(",") for line in middle):
                return None
            entries = [parse_json_text(line[:-1]) for line in middle]
            entries.append(parse_json_text(last))
    except CorruptFileError:
        return None
    if not isinstance(document, dict) or document.get(list_key) != []:
        return None
    document[list_key] = entries
    return document


class _DuplicateKeyError(Exception):
    """Raised from inside json.loads at the first object with a key twice."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document = dict(pairs)
    if len(document) != len(pairs):
        raise _DuplicateKeyError
    return document


def has_duplicate_keys(raw: bytes) -> bool:
    """Whether any object in the (already parsed, valid) JSON *raw* has a key twice.

    Python keeps the last of two equal keys, so such bytes hold more than the parser shows.
    Slow (a Python call per object): only for files not in the writer's own form.
    """
    try:
        json.loads(decode_text(raw), object_pairs_hook=_no_duplicates)
    except _DuplicateKeyError:
        return True
    except ValueError:
        return False
    return False


def parse_items(
    parse_item: Callable[[Any], T], item_key: Callable[[T], str], entries: Iterable[Any]
) -> tuple[tuple[T, ...], int]:
    """The entries that parse, each key once, and how many did not (bad or a repeated key)."""
    items: list[T] = []
    seen: set[str] = set()
    bad = 0
    for entry in entries:
        try:
            item = parse_item(entry)
        except RECORD_ERRORS:
            bad += 1
            continue
        key = item_key(item)
        if key in seen:  # a second record under one key would make edits ambiguous
            bad += 1
            continue
        seen.add(key)
        items.append(item)
    return tuple(items), bad


def writable(value: object) -> bool:
    """Whether *value* can be written back as strict JSON (1e400 reads as infinity, say).

    A key that cannot is left out when the file is written whole; the .bak copy keeps it.
    """
    try:
        json.dumps(value, allow_nan=False)
    except ValueError:
        return False
    return True
