"""Saving a versioned document: locked, spliced onto the end when it can be, read back."""

from __future__ import annotations

import contextlib
import json
import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

from retrocoach.core.errors import NewerSchemaError, StorageError
from retrocoach.core.storage.atomic import keep_older_version, real_target, remove_stale_temps
from retrocoach.core.storage.atomic import write_bytes_atomic as write_atomic
from retrocoach.core.storage.checked import CheckedReading
from retrocoach.core.storage.document_bytes import dump_document, splice_items
from retrocoach.core.storage.document_reading import FileState, Loaded, head_text
from retrocoach.core.storage.files import Signature, file_signature
from retrocoach.core.storage.lazy import LazyRecords
from retrocoach.core.storage.locks import holding

__all__ = ["SavingFile", "Snapshot"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Snapshot(Generic[T]):
    """A clean file as this store last read or wrote it."""

    signature: Signature
    items: Sequence[T]
    raw: bytes
    appendable: bool
    """Exactly as the writer writes it, in the current version: records can be spliced in."""
    header: Mapping[str, Any]
    """The file's other top-level keys, besides schema_version and the list."""
    vouched: bool = False
    """A certificate (storage.checked) vouches for raw."""


class SavingFile(Generic[T]):
    """The saving half of storage.document.DocumentFile, which reads and holds the state."""

    path: Path
    _list_key: str
    _dump_item: Callable[[T], dict[str, Any]]
    _item_key: Callable[[T], str]
    _version: int
    _lock_timeout_s: float
    _checked: CheckedReading[T] | None
    _snapshot: Snapshot[T] | None
    _header: Mapping[str, Any]
    _older: tuple[int, bytes] | None

    def load(self) -> Loaded[T]:
        """Read the file without ever changing it (DocumentFile.load)."""
        raise NotImplementedError

    def _tell(self, message: str) -> None:
        raise NotImplementedError

    @property
    def lock_path(self) -> Path:
        """The lock file held around every read-modify-write, beside the file really written.

        A file reached through a symbolic link (two data folders sharing one history.json) is
        locked where it lives, so every writer of it takes the same lock wherever it comes from.
        """
        target = real_target(self.path)
        return target.with_name(target.name + ".lock")

    @contextlib.contextmanager
    def editing(self) -> Iterator[list[T]]:
        """Lock, load, yield the records to change in place, then save them atomically.

        If the block raises, nothing is saved. A newer file raises NewerSchemaError and an
        unreadable file that could not be copied aside raises StorageError, both before the block.
        """
        with holding(self.lock_path, self._lock_timeout_s, self.path):
            loaded = self._load_to_change()
            items = list(loaded.items)
            yield items
            kept = len(loaded.items)
            if len(items) == kept and all(map(operator.is_, items, loaded.items)):
                return
            unchanged = len(items) > kept and all(map(operator.is_, items[:kept], loaded.items))
            self._save(loaded, items, items[kept:] if unchanged else None)

    def add_new(self, item: T) -> bool:
        """Add *item* at the end, as editing() would, unless a record has its key (False).

        Unlike editing(), the records already there are not all read to do it.
        """
        with holding(self.lock_path, self._lock_timeout_s, self.path):
            loaded = self._load_to_change()
            records = loaded.items
            if isinstance(records, LazyRecords):
                keys = {key for key, _ in records.facts()}
            else:
                keys = set(map(self._item_key, records))
            if self._item_key(item) in keys:
                return False
            self._save(loaded, Joined(records, item), [item])
            return True

    def _load_to_change(self) -> Loaded[T]:
        """Under the lock: the records to change, or an error if the file must not be written."""
        remove_stale_temps(self.path)
        remove_stale_temps(real_target(self.path))
        if self._checked is not None:
            self._checked.certificate.clear_leftovers()
        loaded = self.load()
        if loaded.state is FileState.NEWER:
            raise NewerSchemaError(self.path, loaded.found_version, self._version)
        if loaded.state is FileState.PROTECTED:
            raise StorageError(
                f"{self.path.name} cannot be read and no copy of it could be kept, so "
                "nothing is saved over it",
                self.path,
            )
        return loaded

    def _save(self, loaded: Loaded[T], items: Sequence[T], added: Sequence[T] | None) -> None:
        """Write *items*; *added*, if given, are what follows the loaded records, unchanged."""
        snapshot = self._snapshot
        lines: list[bytes] = []
        data = None
        if (
            added is not None
            and snapshot is not None
            and snapshot.appendable
            and snapshot.items is loaded.items
        ):
            lines = [self._line(item) for item in added]
            data = splice_items(snapshot.raw, lines)
        spliced = data is not None
        if data is None:
            data = dump_document(
                {"schema_version": self._version, **self._header},
                self._list_key,
                map(self._dump_item, items),
            )
        self._snapshot = None
        if self._older is not None:
            self._keep_older(*self._older)
        # Read back before this returns (UnverifiedSaveError): "saved" must be true.
        note = write_atomic(self.path, data, keep_backup=loaded.state is FileState.CLEAN)
        if note is not None:
            self._tell(note)
        signature = file_signature(self.path)  # under the lock: no one else wrote since
        extended = None
        if spliced and snapshot is not None and snapshot.vouched and self._checked is not None:
            lazy = loaded.items if isinstance(loaded.items, LazyRecords) else None
            extended = self._checked.extend(
                data,
                len(items),
                lines,
                added or (),
                canonical=lazy is not None and lazy.canonical,
                digest=None if lazy is None else lazy.digest,
            )
        vouched = extended is not None
        if signature is None:
            return
        records: Sequence[T]
        if extended is not None and isinstance(loaded.items, LazyRecords):
            # Still read only as asked for: what was read so far is carried over, and the new
            # records as their lines read back, so memory holds what the file gives.
            canonical, digest, read_back = extended
            records = loaded.items.extended(
                data, lines, read_back, canonical=canonical, digest=digest
            )
        else:
            records = tuple(items)
        self._snapshot = Snapshot(signature, records, data, True, self._header, vouched)

    def exported(self, items: Sequence[T]) -> bytes:
        """*items* as the writer writes them, headed by the schema version only (an export).

        When *items* are the records last read, in the file's order, and its certificate says
        each line is just what the writer writes for its record, the lines are not rebuilt.
        """
        header = {"schema_version": self._version}
        snapshot = self._snapshot
        same = snapshot is not None and snapshot.vouched and items is snapshot.items and items
        head = f"{head_text(header, self._list_key)}[".encode("ascii")
        if same and isinstance(items, LazyRecords) and items.canonical:
            return head + memoryview(items.raw)[items.raw.index(b"\n") :]
        data = dump_document(header, self._list_key, map(self._dump_item, items))
        if same and isinstance(items, LazyRecords) and self._checked is not None:
            raw = items.raw
            if data[len(head) :] == memoryview(raw)[raw.index(b"\n") :]:
                items.canonical = True  # told to the next process by the certificate
                self._checked.certificate.vouch(
                    raw, len(items), canonical=True, digest=items.digest
                )
        return data

    def _keep_older(self, version: int, raw: bytes) -> None:
        """Keep an older schema's file beside this one before it is first rewritten."""
        try:
            kept = keep_older_version(self.path, version, raw)
        except StorageError as error:
            raise type(error)(
                f"{self.path.name} was not upgraded from schema version {version}, because its "
                f"old bytes could not be kept first ({error}); it was left as it is",
                self.path,
                error.errno,
            ) from error
        if kept is not None:
            self._tell(f"{self.path.name} was upgraded; the old version is kept as {kept.name}")
        self._older = None

    def _line(self, item: T) -> bytes:
        return json.dumps(self._dump_item(item), allow_nan=False).encode("ascii")


class Joined(Sequence[T]):
    """*records* and one *item* after them, as a sequence, without reading *records* first."""

    def __init__(self, records: Sequence[T], item: T) -> None:
        self._records = records
        self._item = item

    def __len__(self) -> int:
        return len(self._records) + 1

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...

    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        return tuple(self)[index]

    def __iter__(self) -> Iterator[T]:
        yield from self._records
        yield self._item
