"""The data RetroCoach ships: where its assets are, and the frame every shipped data file shares."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Final

__all__ = ["asset_path", "assets_dir", "framed_items"]

# This module sits in retrocoach/core/storage/: the package folder is two up.
_PACKAGE_DIR: Final = Path(__file__).resolve().parents[2]


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
