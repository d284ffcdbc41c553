"""A certificate beside a data file: these exact bytes were read whole and every record checked.

It is a cache. It names the file's size and SHA-256, and the code that checked it; it vouches
only for bytes with that very size and hash, so a file changed in any way (by hand, by another
program, restored from a copy) is read whole and checked again. Deleting it, or finding it
damaged, foreign or not a plain file, costs only time.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final, Generic, TypeVar

from retrocoach.core.errors import CorruptFileError, StorageError
from retrocoach.core.storage.atomic import remove_stale_temps, write_new_file
from retrocoach.core.storage.digest import Digest
from retrocoach.core.storage.files import open_regular, parse_json_bytes
from retrocoach.core.storage.lazy import Facts, LazyRecords

__all__ = ["Certificate", "CheckedReading", "Digest"]

T = TypeVar("T")
FORMAT: Final = 1
_LARGEST: Final = 4096
"""A certificate is about 200 bytes: anything much bigger is not one."""


class Certificate:
    """The certificate file *path*, written by code identified by what *code* returns.

    *code* is asked only when a certificate is first read or written: naming the code may
    mean reading its sources, which a window need not do before it shows.
    """

    def __init__(self, path: Path, code: Callable[[], str]) -> None:
        self.path = path
        self._code = code

    def records_in(self, raw: bytes) -> tuple[int, bool, Digest] | None:
        """How many records the certificate vouches *raw* holds, whether each line is just
        what the writer writes for its record, and the digest of *raw*; None if it does not
        vouch for *raw*."""
        found = self._read()
        if (
            not isinstance(found, dict)
            or found.get("format") != FORMAT
            or found.get("code") != self._code()
            or found.get("size") != len(raw)
        ):
            return None
        records, canonical = found.get("records"), found.get("canonical")
        if type(records) is not int or records < 0 or type(canonical) is not bool:
            return None
        digest = Digest(raw)
        if found.get("sha256") != digest.hex:
            return None
        return records, canonical, digest

    def vouch(
        self, raw: bytes, records: int, *, canonical: bool = False, digest: Digest | None = None
    ) -> None:
        """Say that *raw* was read whole and its *records* records all checked.

        A certificate that cannot be written (a full disk, a read-only folder) is left out:
        it only saves time.
        """
        text = json.dumps(
            {
                "format": FORMAT,
                "code": self._code(),
                "size": len(raw),
                "sha256": (digest or Digest(raw)).hex,
                "records": records,
                "canonical": canonical,
            }
        )
        with contextlib.suppress(StorageError, OSError):
            # Not fsynced: a crash can leave it empty or old, and then it vouches for nothing.
            write_new_file(self.path, text.encode("ascii") + b"\n", replace=True, durable=False)

    def clear_leftovers(self) -> None:
        """Delete the temp files of certificate writers killed before their rename.

        Certificates are written without the store's lock, so a reader writing one now may
        lose its temp file to this: its write then fails, which costs only time.
        """
        remove_stale_temps(self.path)

    def withdraw(self) -> None:
        """Remove the certificate (it vouched for bytes that did not read as it said)."""
        with contextlib.suppress(OSError):
            if not self.path.is_dir():
                self.path.unlink()

    def _read(self) -> object:
        try:
            # Never through a link, never a FIFO or a device: only a plain file of ours.
            fd = open_regular(self.path, os.O_RDONLY, follow=False)
        except (OSError, StorageError):
            return None
        try:
            data = os.read(fd, _LARGEST + 1)
        except OSError:
            return None
        finally:
            os.close(fd)
        if len(data) > _LARGEST:
            return None
        try:
            return parse_json_bytes(data)
        except CorruptFileError:
            return None


class CheckedReading(Generic[T]):
    """Reading a file its certificate vouches for line by line, and vouching for clean files.

    *line_facts* reads a record's key and order from the start of its line, as the writer
    writes it (None for a line that does not start so), and *facts_in* those of every line of
    a file vouched for, in one go; *item_facts* gives the same of a record.
    """

    def __init__(
        self,
        certificate: Certificate,
        *,
        parse: Callable[[Any], T],
        dump: Callable[[T], dict[str, Any]],
        line_facts: Callable[[bytes], Facts | None],
        facts_in: Callable[[Sequence[bytes]], list[Facts] | None],
        item_facts: Callable[[T], Facts],
    ) -> None:
        self.certificate = certificate
        self._parse = parse
        self._dump = dump
        self._line_facts = line_facts
        self._facts_in = facts_in
        self._item_facts = item_facts

    def recall(self, path: Path, raw: bytes) -> LazyRecords[T] | None:
        """The records of *raw*, read as asked for, if the certificate vouches for it."""
        found = self.certificate.records_in(raw)
        if found is None:
            return None
        count, canonical, digest = found
        # The writer's frame, one record a line, is in the bytes themselves: a certificate
        # that miscounts them is not believed (nothing could be shown or kept short).
        lines = raw.count(b"\n")
        if lines != (count + 2 if count else 1) or not raw.endswith(b"]}\n"):
            return None
        return LazyRecords(
            path,
            raw,
            count,
            parse=self._parse,
            facts_of=self._line_facts,
            facts_in=self._facts_in,
            withdraw=self.certificate.withdraw,
            canonical=canonical,
            digest=digest,
        )

    def remember(self, raw: bytes, items: Sequence[T]) -> bool:
        """Vouch for *raw*: read a line at a time (document_reading.parse_by_lines), each line
        alone one of *items*, and found clean, current and in the writer's layout.

        Only if each line starts with its record's key and order, as the writer writes them.
        Whether it vouched is returned.
        """
        if items and raw.count(b"\n") != len(items) + 2:
            return False
        lines = raw.split(b"\n")[1 : len(items) + 1]
        if self._facts_in(lines) != list(map(self._item_facts, items)):
            return False
        self.certificate.vouch(raw, len(items))
        return True

    def extend(
        self,
        raw: bytes,
        count: int,
        added: Sequence[bytes],
        items: Sequence[T],
        *,
        canonical: bool,
        digest: Digest | None,
    ) -> tuple[bool, Digest, list[T]] | None:
        """Vouch for *raw*: vouched-for bytes with the lines *added* (of *items*) spliced on.

        None if it could not; else whether every line is still just what the writer writes for
        its record (*canonical*: the earlier lines were), the digest of *raw* (from the
        earlier bytes' *digest* where there is one), and the added records as their lines read:
        equal to *items*, but what any later read gives (60 written from an int reads 60.0),
        so they are the ones to keep in memory and to export.
        """
        if not self._own_lines(added, items):
            return None
        try:
            parsed = [self._parse(parse_json_bytes(line)) for line in added]
        except (CorruptFileError, ValueError, TypeError, KeyError, AttributeError):
            return None
        if parsed != list(items):
            return None
        canonical = canonical and list(added) == [self.line(record) for record in parsed]
        digest = Digest(raw) if digest is None else digest.spliced(raw)
        self.certificate.vouch(raw, count, canonical=canonical, digest=digest)
        return canonical, digest, parsed

    def line(self, item: T) -> bytes:
        """The line the writer writes for *item* (without its comma)."""
        return json.dumps(self._dump(item), allow_nan=False).encode("ascii")

    def _own_lines(self, lines: Sequence[bytes], items: Sequence[T]) -> bool:
        return list(map(self._line_facts, lines)) == list(map(self._item_facts, items))
