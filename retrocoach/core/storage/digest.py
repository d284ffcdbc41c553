"""SHA-256: of a few bytes without loading OpenSSL, for names that must show the window
quickly; and of history.json, kept open so that a save hashes only what it added."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    import hashlib

__all__ = ["Digest", "sha256_hex"]


def sha256_hex(data: bytes) -> str:
    """SHA-256 of *data*, by the interpreter's own code where it has it.

    hashlib's is OpenSSL's, whose library alone adds about 3.4 MiB to the window's memory when
    it loads, before its first frame; the digest is the same (test_digest.py). OpenSSL's is
    the quicker on many megabytes: use hashlib for those, after the first frame.
    """
    for name in ("_sha256", "_sha2"):  # Python 3.11's name, and 3.12's
        try:
            own = importlib.import_module(name)
        except ImportError:
            continue
        return str(own.sha256(data).hexdigest())
    import hashlib  # noqa: PLC0415  (an interpreter built without its own)

    return hashlib.sha256(data).hexdigest()


_TAIL: Final = 4
"""The writer's last bytes, "\\n]}\\n": records are spliced in before them."""
_SPACES: Final = frozenset(bytes([byte]) for byte in b" \t\n\r\x0b\x0c")
"""What splice_items cuts before the closing "]" (what bytes.rstrip() strips)."""


class Digest:
    """The SHA-256 of *raw*, kept open before its last four bytes (the writer's closing tail),
    so that the digest of the same bytes with records spliced on hashes only what was added."""

    __slots__ = ("_before", "_kept", "_size", "hex")

    def __init__(self, raw: bytes, before: hashlib._Hash | None = None) -> None:
        view = memoryview(raw)
        if before is None:
            # OpenSSL's SHA-256, the quickest on a long history, loads after the window's
            # first frame (it adds 3.4 MiB): history.json is read then, not to show the window.
            import hashlib  # noqa: PLC0415

            before = hashlib.sha256(view[:-_TAIL])
        self._before = before
        self._size = len(raw)
        # splice_items cuts the spaces before "]" too: only with none there does the file
        # with records spliced on begin with these bytes but their tail.
        self._kept = raw.endswith(b"[]}\n") or (
            raw.endswith(b"\n]}\n") and raw[-_TAIL - 1 : -_TAIL] not in _SPACES
        )
        whole = before.copy()
        whole.update(view[-_TAIL:])
        self.hex = whole.hexdigest()

    def spliced(self, data: bytes) -> Digest:
        """The digest of *data*: these bytes but their tail, then more (atomic.splice_items)."""
        if not self._kept:  # a space or CR after the last record: cut, so hash it all
            return Digest(data)
        before = self._before.copy()
        before.update(memoryview(data)[self._size - _TAIL : -_TAIL])
        return Digest(data, before)
