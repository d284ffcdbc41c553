"""The frame every shipped data file shares: a versioned JSON object holding one list of items."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

__all__ = ["framed_items"]


def framed_items(
    data: object,
    key: str,
    *,
    version: int,
    error: Callable[[str], Exception],
    also: Iterable[str] = (),
) -> tuple[dict[str, Any], list[Any]]:
    """The document and its non-empty list *key*; *error* (a message) is raised when the frame is
    wrong: not an object, another schema_version, a key besides schema_version, *key* and *also*.
    """
    if not isinstance(data, dict):
        raise error("the top level must be a JSON object")
    found = data.get("schema_version")
    if found != version or isinstance(found, bool):
        raise error(f"schema_version is {found!r}; this RetroCoach reads version {version}")
    unknown = set(data) - {"schema_version", key, *also}
    if unknown:
        raise error(f"unknown top-level key(s): {', '.join(sorted(unknown))}")
    items = data.get(key)
    if not isinstance(items, list) or not items:
        raise error(f"'{key}' must be a non-empty list")
    return data, items
