"""Everything a walk needs to finish, imported before its first step.

A ``pip install`` of another RetroCoach into the same environment while a walk runs replaces
the package's files under the running process: a module first imported at the walk's end
(the summary, the check-in, a recovery) would then come from the new version, or be gone,
and the walk would end in a traceback instead of its summary. So the terminal coach imports
the whole core and command line before the walk starts; the files read at the end are the
history's, in the data folder, which no installer touches.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

import retrocoach.cli
import retrocoach.core

__all__ = ["import_for_the_walk"]


def import_for_the_walk(
    packages: tuple[ModuleType, ...] = (retrocoach.core, retrocoach.cli),
) -> int:
    """Import every module of *packages* (the core and the command line); how many there are."""
    count = 0
    for package in packages:
        for found in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            importlib.import_module(found.name)
            count += 1
    return count
