"""Parsing a document a line at a time gives what parsing it whole gives, or nothing at all."""

from __future__ import annotations

import pytest

from retrocoach.core.errors import CorruptFileError
from retrocoach.core.storage.document_reading import parse_by_lines
from retrocoach.core.storage.files import parse_json_bytes

HEAD = b'{"schema_version": 3, "sessions": ['

WRITER_LAYOUT = [
    HEAD + b'\n{"id": "a"},\n{"id": "b"}\n]}\n',
    HEAD + b'\n{"id": "a"}\n]}\n',
    HEAD + b"\n]}\n",
    b'{"schema_version": 3, "extra": {"k": [1, 2]}, "sessions": [\n{"id": "a"}\n]}\n',
    HEAD + b'\n{"id": "a", "notes": "a \\"quoted\\" [line], {with} braces"}\n]}\n',
    b"\xef\xbb\xbf" + HEAD + b'\n{"id": "a"}\n]}\n',
]

HOSTILE = [
    # The list key written twice: the whole parse keeps the last value where the first was.
    b'{"sessions": 0, "schema_version": 3, "sessions": [\n{"id": "a"}\n]}\n',
    b'{"schema_version": 3, "sessions": 1, "sessions": [\n{"id": "a"}\n]}\n',
    # Another key opens the list that the file ends with.
    b'{"other": 1, "sessions": [], "other": [\n{"id": "a"}\n]}\n',
    # A record spread over two lines, two records on one line.
    HEAD + b'\n{"id": "a", "x": [\n1]},\n{"id": "b"}, {"id": "c"}\n]}\n',
    HEAD + b'\n{"id": "a"}, {"id": "b"},\n{"id": "c", "y": {\n}}\n]}\n',
    # Commas in the wrong place, missing or doubled.
    HEAD + b'\n{"id": "a"}\n,{"id": "b"}\n]}\n',
    HEAD + b'\n{"id": "a"},,\n{"id": "b"}\n]}\n',
    HEAD + b'\n{"id": "a"},\n{"id": "b"},\n]}\n',
    HEAD + b'\n{"id": "a"}}\n{"id": "b"}\n]}\n',
    # A closing bracket inside the last line, text after the end, blank lines.
    HEAD + b'\n{"id": "a"}]}\n]}\n',
    HEAD + b'\n{"id": "a"}\n]}\n]}\n',
    HEAD + b'\n\n{"id": "a"}\n]}\n',
    HEAD + b'\n{"id": "a"},\n\n]}\n',
    # The head's last bracket inside a string, or nested.
    b'{"schema_version": 3, "x": "\\"sessions\\": [\n{"id": "a"}\n]}\n',
    b'{"schema_version": 3, "x": {"sessions": [\n{"id": "a"}\n]}\n',
    # What strict reading refuses.
    HEAD + b'\n{"id": "a", "x": NaN}\n]}\n',
    HEAD + b'\n{"id": "a\x00"}\n]}\n',
    HEAD + b'\n{"id": "\xff"}\n]}\n',
    b"\xef\xbb\xbf\xef\xbb\xbf" + HEAD + b'\n{"id": "a"}\n]}\n',
    HEAD + b'\n{"id": "a"}\r\n]}\n',
    HEAD + b'\n{"id": "a"}  \n]}\n',
    HEAD + b"\n[1, 2]\n]}\n",
]


def whole(raw: bytes) -> object:
    try:
        return parse_json_bytes(raw)
    except CorruptFileError:
        return None


def same(document: dict[str, object], parsed: object) -> bool:
    """The same document, its keys in the same order (written back in that order)."""
    return isinstance(parsed, dict) and document == parsed and list(document) == list(parsed)


@pytest.mark.parametrize("raw", WRITER_LAYOUT)
def test_a_document_in_the_writers_layout_reads_line_by_line_as_it_reads_whole(raw: bytes) -> None:
    document = parse_by_lines(raw, "sessions")
    assert document is not None
    assert same(document, whole(raw))


@pytest.mark.parametrize("raw", HOSTILE)
def test_any_other_layout_reads_line_by_line_as_it_reads_whole_or_not_at_all(raw: bytes) -> None:
    document = parse_by_lines(raw, "sessions")
    if document is not None:
        assert same(document, whole(raw))


def test_a_list_spread_over_lines_is_not_taken_line_by_line() -> None:
    # Parsed alone, the second line would be a record of its own: it is inside the first.
    raw = HEAD + b'\n{"id": "a", "x": [\n{"id": "hidden"}]}\n]}\n'
    assert parse_by_lines(raw, "sessions") is None
    assert whole(raw) is not None
