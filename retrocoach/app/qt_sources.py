"""Spares RetroCoach's own modules the source read PySide6 makes of every module imported after it.

PySide6 decides, for each module imported after it, whether that module may select one of
its ``__feature__`` options (snake_case, true_property) by reading the module's whole source
text and searching it for "PySide6" (PYSIDE-2029). The text stays in ``linecache`` for
good: at the window's first frame that was about a hundred of our files, a few MiB of memory
and some milliseconds, paid before the coach could show. No module of RetroCoach's selects a
feature, so the answer for them is known without reading: "uses PySide6, no feature" (0,
the default selection). Every other module is still read as PySide6 reads it.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Final

__all__ = ["FEATURE_MODULE", "spare_source_reads"]

FEATURE_MODULE: Final = "shibokensupport.feature"
"""Where PySide6 keeps its feature hook (loaded with the PySide6 package)."""


def spare_source_reads(package: str = "retrocoach") -> bool:
    """Answer PySide6's question for *package*'s modules without reading their source.

    Returns whether PySide6's hook was found (if a later PySide6 renames it, nothing is
    changed and the modules are read as before: only slower).
    """
    import PySide6  # noqa: F401, PLC0415  (the package installs the hook)

    feature = sys.modules.get(FEATURE_MODULE)
    read_source = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(read_source):
        return False
    if getattr(read_source, "spares", None) == package:
        return True  # already in place (a second window in the same process)

    def uses_pyside(module: ModuleType) -> bool:
        name = getattr(module, "__name__", "")
        if name == package or name.startswith(package + "."):
            return True
        return bool(read_source(module))

    uses_pyside.spares = package  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
    return True
