"""Where the shipped assets (sounds, icons, data) are: inside the package, or the repo's assets/."""

from __future__ import annotations

from pathlib import Path
from typing import Final

__all__ = ["asset_path", "assets_dir"]

# This module sits in retrocoach/core/: the package folder is one up.
_PACKAGE_DIR: Final = Path(__file__).resolve().parents[1]


def assets_dir() -> Path:
    """The assets folder: a wheel carries it inside the package; a source checkout has it on top."""
    packaged = _PACKAGE_DIR / "assets"
    if packaged.is_dir():
        return packaged
    return _PACKAGE_DIR.parent / "assets"


def asset_path(*parts: str) -> Path:
    """The path of a shipped asset, e.g. ``asset_path("data", "reminders.json")``."""
    return assets_dir().joinpath(*parts)
