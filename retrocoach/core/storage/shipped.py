"""The data RetroCoach ships: where its assets are, and the frame every shipped data file shares."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import Any, Final, TypeVar

from retrocoach.core.errors import StorageError
from retrocoach.core.storage.files import read_named_text

__all__ = [
    "OWN_RULE",
    "ShippedDataError",
    "asset_path",
    "assets_dir",
    "checked_item",
    "framed_items",
    "load_shipped",
    "read_shipped",
]

OWN_RULE: Final = "retrocoach-own"
"""The reference id of a choice of RetroCoach's own; data that cites it must say so."""

_Loaded = TypeVar("_Loaded")

# This module sits in retrocoach/core/storage/: the package folder is two up.
_PACKAGE_DIR: Final = Path(__file__).resolve().parents[2]


class ShippedDataError(ValueError):
    """A data file RetroCoach ships (or one standing in for it) cannot be used.

    Each kind of file has its own subclass; the message names the file and the fault.
    """


def assets_dir() -> Path:
    """The assets folder: a wheel carries it inside the package; a source checkout has it on top."""
    packaged = _PACKAGE_DIR / "assets"
    if packaged.is_dir():
        return packaged
    return _PACKAGE_DIR.parent / "assets"


def asset_path(*parts: str) -> Path:
    """The path of a shipped asset, e.g. ``asset_path("data", "reminders.json")``."""
    return assets_dir().joinpath(*parts)


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


def checked_item(
    item: object,
    where: str,
    *,
    required: Iterable[str],
    optional: Collection[str] = (),
    error: Callable[[str], Exception],
) -> dict[str, Any]:
    """*item* when it is an object with every *required* key and no key besides *optional*."""
    if not isinstance(item, dict):
        raise error(f"{where} must be a JSON object")
    required = tuple(required)
    unknown = set(item) - {*required, *optional}
    if unknown:
        raise error(f"{where} has unknown key(s): {', '.join(sorted(unknown))}")
    missing = [key for key in required if key not in item]
    if missing:
        raise error(f"{where} has no {', '.join(missing)}")
    return item


def read_shipped(path: Path, what: str, error: type[ShippedDataError]) -> object:
    """The JSON document of the *what* file at *path*; *error* names the file and the fault."""
    try:
        text = read_named_text(path)  # never waits on a FIFO named in its place
    except (OSError, StorageError, UnicodeDecodeError) as caught:
        raise error(f"cannot read the {what} file {path}: {caught}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as caught:
        raise error(
            f"the {what} file {path} is not valid JSON: {caught.msg} "
            f"at line {caught.lineno}, column {caught.colno}"
        ) from None
    except RecursionError:
        raise error(f"the {what} file {path} is nested too deeply") from None


def load_shipped(
    path: Path,
    what: str,
    error: type[ShippedDataError],
    build: Callable[[object], _Loaded],
) -> _Loaded:
    """*build* applied to the *what* file's document; its *error* is prefixed with the file."""
    data = read_shipped(path, what, error)
    try:
        return build(data)
    except error as caught:
        raise error(f"the {what} file {path}: {caught}") from None
