"""The records of a checked file, each read from its own line only when it is asked for."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from retrocoach.core.errors import CorruptFileError, StorageError
from retrocoach.core.storage.files import collector_paused, parse_json_bytes

if TYPE_CHECKING:
    from retrocoach.core.storage.digest import Digest

__all__ = ["Facts", "LazyRecords", "VouchedLineError"]

T = TypeVar("T")
Facts = tuple[str, Any]
"""What a line tells before it is parsed: the record's key, and what orders it (a start time)."""


class VouchedLineError(StorageError):
    """A line a certificate vouched for does not read: the certificate lied, and is withdrawn."""


class LazyRecords(Sequence[T], Generic[T]):
    """The records of *raw*, a file checked whole before, as a read-only sequence.

    Only for bytes a certificate (storage.checked) vouches for: every line of them was read
    and every record checked then, so each line, parsed alone, gives the record the whole
    file gave. A record is parsed the first time it is asked for and kept.
    """

    __slots__ = (
        "_facts",
        "_facts_in",
        "_facts_of",
        "_lines",
        "_parse",
        "_path",
        "_raw",
        "_records",
        "_withdraw",
        "canonical",
        "digest",
    )

    def __init__(
        self,
        path: Path,
        raw: bytes,
        count: int,
        *,
        parse: Callable[[Any], T],
        facts_of: Callable[[bytes], Facts | None],
        facts_in: Callable[[Sequence[bytes]], list[Facts] | None],
        withdraw: Callable[[], None],
        known: Sequence[T | None] = (),
        canonical: bool = False,
        digest: Digest | None = None,
    ) -> None:
        self._path = path
        self.canonical = canonical
        """Each line is exactly what the writer writes for its record (as it reads)."""
        self.digest = digest
        """The SHA-256 of raw, as the certificate checked it."""
        self._raw = raw
        self._parse = parse
        self._facts_of = facts_of
        self._facts_in = facts_in
        self._withdraw = withdraw
        self._lines: list[bytes] | None = None
        self._facts: list[Facts] | None = None
        self._records: list[T | None] = [*known, *([None] * (count - len(known)))]

    @property
    def raw(self) -> bytes:
        """The bytes these records are read from."""
        return self._raw

    def __len__(self) -> int:
        return len(self._records)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...

    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        if isinstance(index, slice):
            return tuple(self._record(at) for at in range(len(self))[index])
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._record(index)

    def __iter__(self) -> Iterator[T]:
        if None in self._records:
            self._read_all()
        return map(self._record, range(len(self)))

    def _read_all(self) -> None:
        """Read every record not read yet, parsing the list in one go (quicker than by line)."""
        with collector_paused():  # about a million containers, none of them garbage
            self._read_rest()

    def entries(self) -> list[Any]:
        """Every record's stored form (the JSON value its line holds), parsed in one go and
        not kept: for a reader that needs a few fields of every record, not the records."""
        with collector_paused():
            return self._entries()

    def _entries(self) -> list[Any]:
        # The writer's frame, checked when vouched for: the header line, then "\n]}\n" last.
        body = memoryview(self._raw)[self._raw.index(b"\n") : len(self._raw) - 3]
        try:
            entries = parse_json_bytes(b"[" + body + b"]")
        except CorruptFileError as error:
            raise self._unreadable(error.reason) from None
        if not isinstance(entries, list) or len(entries) != len(self._records):
            raise self._unreadable("its records are not one a line")
        return entries

    def _read_rest(self) -> None:
        entries = self._entries()
        parse = self._parse
        for index, record in enumerate(self._records):
            if record is None:
                try:
                    self._records[index] = parse(entries[index])
                except (ValueError, TypeError, KeyError, AttributeError) as error:
                    raise self._unreadable(str(error)) from None

    def __eq__(self, other: object) -> bool:
        # Equal to the tuple a whole read gives, as the records of a file were before.
        if isinstance(other, (tuple, LazyRecords)):
            return tuple(self) == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # a sequence that compares by its records

    def __repr__(self) -> str:
        return f"LazyRecords({tuple(self)!r})"

    def lines(self) -> list[bytes]:
        """Each record's line, with its comma (the last one has none).

        The writer puts the header and ``[`` on the first line, one record a line, ``]}`` last.
        """
        if self._lines is None:
            self._lines = self._raw.split(b"\n")[1 : len(self._records) + 1]
        return self._lines

    def facts(self) -> list[Facts]:
        """Each record's key and order, read from the start of its line (quicker than parsing)."""
        if self._facts is None:
            found = self._facts_in(self.lines())
            if found is None:
                raise self._unreadable("a record line does not start as RetroCoach writes it")
            self._facts = found
        return self._facts

    def extended(
        self,
        raw: bytes,
        lines: Sequence[bytes],
        records: Sequence[T],
        *,
        canonical: bool,
        digest: Digest,
    ) -> LazyRecords[T]:
        """These records and *records* after them, read from *raw*: these bytes with *lines*
        (the new records' lines, vouched for too) spliced on. What was read is carried over."""
        longer = LazyRecords(
            self._path,
            raw,
            len(self) + len(records),
            parse=self._parse,
            facts_of=self._facts_of,
            facts_in=self._facts_in,
            withdraw=self._withdraw,
            known=[*self._records, *records],
            canonical=canonical,
            digest=digest,
        )
        if self._lines is not None:
            longer._lines = [*self._lines, *lines]
        if self._facts is not None:
            added = list(map(self._facts_of, lines))
            if None not in added:
                longer._facts = [*self._facts, *(fact for fact in added if fact is not None)]
        return longer

    def _record(self, index: int) -> T:
        record = self._records[index]
        if record is None:
            try:
                line = self.lines()[index]
                record = self._parse(parse_json_bytes(line.removesuffix(b",")))
            except (CorruptFileError, ValueError, TypeError, KeyError, AttributeError) as error:
                raise self._unreadable(str(error)) from None
            self._records[index] = record
        return record

    def _unreadable(self, reason: str) -> VouchedLineError:
        # Only a certificate made for other bytes, or by other code, could lead here: it is
        # withdrawn, so the next start reads the file whole and checks it again.
        self._withdraw()
        return VouchedLineError(
            f"{self._path.name} does not read as it did when it was checked ({reason}); "
            "nothing was changed: start RetroCoach again to read it whole",
            self._path,
        )
