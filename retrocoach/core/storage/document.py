"""A versioned JSON file holding a list of records: strict loading, migrations, locked saving."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from retrocoach.core.errors import (
    CorruptFileError,
    NewerSchemaError,
    StorageError,
    StoreBusyError,
)
from retrocoach.core.storage.checked import CheckedReading
from retrocoach.core.storage.document_reading import (
    RECORD_ERRORS,
    FileState,
    Loaded,
    MigrationError,
    MigrationStep,
    has_duplicate_keys,
    migrate,
    parse_by_lines,
    parse_items,
    writable,
    written_as_dumped,
)
from retrocoach.core.storage.document_saving import SavingFile, Snapshot
from retrocoach.core.storage.files import (
    Signature,
    file_signature,
    parse_json_bytes,
    read_bytes,
)
from retrocoach.core.storage.lazy import LazyRecords
from retrocoach.core.storage.salvage import kept_aside, salvage

__all__ = [
    "RECORD_ERRORS",
    "DocumentFile",
    "FileState",
    "Loaded",
    "MigrationError",
    "MigrationStep",
    "NewerSchemaError",
    "StoreBusyError",
    "migrate",
]

T = TypeVar("T")


class DocumentFile(SavingFile[T]):
    """One file ``{"schema_version": N, "<list_key>": [...]}`` of records of type T."""

    def __init__(
        self,
        path: Path,
        *,
        list_key: str,
        noun: str,
        parse_item: Callable[[Any], T],
        dump_item: Callable[[T], dict[str, Any]],
        item_key: Callable[[T], str],
        item_strings: Callable[[Any, T], int] | None = None,
        schema_version: int,
        migrations: Mapping[int, MigrationStep],
        warn: Callable[[str], None],
        wall_clock: Callable[[], datetime],
        lock_timeout_s: float,
        checked: CheckedReading[T] | None = None,
    ) -> None:
        self.path = path
        self._list_key = list_key
        self._noun = noun
        self._parse_item = parse_item
        self._dump_item = dump_item
        self._item_key = item_key
        self._item_strings = item_strings
        self._version = schema_version
        self._migrations = migrations
        self._warn = warn
        self._wall_clock = wall_clock
        self._lock_timeout_s = lock_timeout_s
        # Reads a file checked before line by line, only as far as asked (a long history).
        self._checked = checked
        self._told: set[str] = set()
        # Kept so that a store that has read the file (the coach does, at start) can record a
        # session without parsing thousands of sessions again while the file is unchanged.
        self._snapshot: Snapshot[T] | None = None
        # Top-level keys this version does not know, from the last read: written back on save.
        self._header: Mapping[str, Any] = {}
        # The version and bytes of a file of an older schema, kept aside at its first write.
        self._older: tuple[int, bytes] | None = None

    def load(self) -> Loaded[T]:  # noqa: PLR0911  (one return per way a file can be found)
        """Read the file without ever changing it; problems are told through ``warn``."""
        signature = file_signature(self.path)
        snapshot, self._snapshot = self._snapshot, None
        if snapshot is not None and signature == snapshot.signature:
            self._snapshot = snapshot
            self._header = snapshot.header
            return Loaded(snapshot.items, FileState.CLEAN)
        self._header = {}
        try:
            raw = read_bytes(self.path)
        except StorageError as error:
            # Unreadable as a file (no permission, a folder in its place): nothing can be
            # copied aside, so it is protected from being written over, and the app goes on.
            message = f"{error}; nothing will be saved over it"
            self._tell(message)
            return Loaded((), FileState.PROTECTED, (message,))
        if raw is None:
            return Loaded((), FileState.MISSING)
        vouched = None if self._checked is None else self._checked.recall(self.path, raw)
        found = None if vouched is None else self._vouched(signature, raw, vouched)
        if found is not None:
            return found
        # A line at a time where it can be: the same document, and the proof a certificate needs.
        by_line = None if self._checked is None else parse_by_lines(raw, self._list_key)
        try:
            document = parse_json_bytes(raw) if by_line is None else by_line
            if not isinstance(document, dict):
                raise CorruptFileError("it is not a JSON object")
            found = document.get("schema_version")
            if isinstance(found, int) and not isinstance(found, bool) and found > self._version:
                return self._newer(document, found)
            self._older = (found, raw) if isinstance(found, int) and found < self._version else None
            entries, self._header = self._entries(document)
            items, bad = parse_items(self._parse_item, self._item_key, entries)
            appendable = not bad and found == self._version
            appendable = appendable and written_as_dumped(
                raw, document, self._list_key, items, self._item_strings
            )
            if not appendable and has_duplicate_keys(raw):
                raise CorruptFileError("a key appears twice in it, so part of it is hidden")
        except MigrationError as error:
            return self._damaged(raw, str(error), ())
        except CorruptFileError as error:
            return self._salvaged(raw, str(error))
        if bad:
            return self._salvaged(raw, None)
        checked = (
            appendable
            and by_line is not None
            and self._checked is not None
            and self._checked.remember(raw, items)
        )
        if signature is not None:  # taken before reading: a change since then forces a reread
            self._snapshot = Snapshot(signature, items, raw, appendable, self._header, checked)
        return Loaded(items, FileState.CLEAN)

    def forget(self) -> None:
        """Read the file afresh at the next load (its records read by line did not all read)."""
        self._snapshot = None

    def _vouched(
        self, signature: Signature | None, raw: bytes, records: LazyRecords[T]
    ) -> Loaded[T] | None:
        """A file its certificate vouches for: clean, current, in the writer's layout."""
        first = raw[: raw.find(b"\n")] + b"]}" if len(records) else raw
        try:
            document = parse_json_bytes(first)
        except CorruptFileError:
            return None
        if (
            not isinstance(document, dict)
            or document.get("schema_version") != self._version
            or list(document)[-1] != self._list_key
        ):
            return None  # not what a certificate is made for: read whole
        self._older = None
        self._header = {
            key: value
            for key, value in document.items()
            if key not in ("schema_version", self._list_key) and writable(value)
        }
        if signature is not None:
            self._snapshot = Snapshot(signature, records, raw, True, self._header, True)
        return Loaded(records, FileState.CLEAN)

    def _entries(self, document: dict[str, Any]) -> tuple[list[Any], dict[str, Any]]:
        """The list of records, and the other top-level keys (kept, to be written back)."""
        try:
            document = migrate(document, current=self._version, steps=self._migrations)
        except RECORD_ERRORS as error:  # a migration step tripped over a bad shape
            raise MigrationError(f"it could not be upgraded ({error})") from None
        entries = document.get(self._list_key)
        if not isinstance(entries, list):
            raise CorruptFileError(f"it has no list of {self._noun}")
        header = {
            key: value
            for key, value in document.items()
            if key not in ("schema_version", self._list_key) and writable(value)
        }
        return entries, header

    def _newer(self, document: dict[str, Any], found: int) -> Loaded[T]:
        # Records of a newer version may still read as ours; show what can be shown, read-only.
        entries = document.get(self._list_key)
        items, _ = parse_items(
            self._parse_item, self._item_key, entries if isinstance(entries, list) else []
        )
        message = str(NewerSchemaError(self.path, found, self._version))
        self._tell(message)
        return Loaded(items, FileState.NEWER, (message,), found_version=found)

    def _salvaged(self, raw: bytes, reason: str | None) -> Loaded[T]:
        """Every record that can be read of a damaged file, as SQLite's recover does."""
        found = salvage(
            raw,
            list_key=self._list_key,
            noun=self._noun,
            version=self._version,
            entries_of=self._entries,
            parse_item=self._parse_item,
            item_key=self._item_key,
            reason=reason,
        )
        if found is None:
            return self._damaged(raw, reason or f"some of its {self._noun} are unreadable", ())
        items, self._header, told = found
        self._older = None  # the copy aside keeps the damaged bytes, whatever their version
        return self._damaged(raw, told, items)

    def _damaged(self, raw: bytes, reason: str, items: tuple[T, ...]) -> Loaded[T]:
        loaded = kept_aside(self.path, raw, reason, items, noun=self._noun, now=self._wall_clock())
        self._tell(loaded.warnings[0])
        return loaded

    def _tell(self, message: str) -> None:
        # Once per message and store: several loads in one command should not repeat a warning.
        if message not in self._told:
            self._told.add(message)
            self._warn(message)
