"""A records document as bytes: dumped whole, one record a line, or with new records spliced in."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

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
    top-level object); returns None if the bytes do not end in ``] }`` after all.
    """
    body = raw.rstrip()
    if not body.endswith(b"}"):
        return None
    body = body[:-1].rstrip()
    if not body.endswith(b"]"):
        return None
    head = body[:-1].rstrip()
    separator = b"\n" if head.endswith(b"[") else b",\n"
    return head + separator + b",\n".join(lines) + b"\n]}\n"
