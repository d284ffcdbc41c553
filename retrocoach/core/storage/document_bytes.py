"""A records document as bytes: dumped whole, one record a line, or with new records spliced in."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Final

__all__ = ["dump_document", "splice_items"]


def dump_document(header: Mapping[str, object], list_key: str, items: Iterable[object]) -> bytes:
    """A JSON object with *header* keys and a list under *list_key*, one item per line.

    One item per line keeps the file readable and diffable, and lets the fast C encoder do the
    work (``indent`` would fall back to the slow pure-Python one). ASCII escapes keep a stray
    lone surrogate in a string from making the file unwritable.
    """
    head = ", ".join(f"{json.dumps(key)}: {json.dumps(value)}" for key, value in header.items())
    encode = json.JSONEncoder(allow_nan=False, check_circular=False).encode
    lines = ",\n".join(map(encode, items))
    body = f"[\n{lines}\n]" if lines else "[]"
    return f"{{{head}, {json.dumps(list_key)}: {body}}}\n".encode("ascii")


def splice_items(raw: bytes, lines: list[bytes]) -> bytes | None:
    """*raw* with *lines* (JSON items) added at the end of the list that closes the document.

    Only for a document already parsed and checked to end with its list (the last key of the
    top-level object); returns None if the bytes do not end in ``] }`` after all. *raw* is
    copied once: a long history is megabytes.
    """
    end = _before_space(raw, len(raw))
    if not raw.endswith(b"}", 0, end):
        return None
    end = _before_space(raw, end - 1)
    if not raw.endswith(b"]", 0, end):
        return None
    head = _before_space(raw, end - 1)
    separator = b"\n" if raw.endswith(b"[", 0, head) else b",\n"
    return b"".join((memoryview(raw)[:head], separator, b",\n".join(lines), b"\n]}\n"))


_SPACE: Final = frozenset(b" \t\n\r\x0b\x0c")
"""What bytes.rstrip() strips."""


def _before_space(raw: bytes, end: int) -> int:
    """Where the run of whitespace that ends at *end* in *raw* begins."""
    while end > 0 and raw[end - 1] in _SPACE:
        end -= 1
    return end
