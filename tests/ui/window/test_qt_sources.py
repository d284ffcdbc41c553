"""RetroCoach's own modules are not read by PySide6 as they load; every other module still is."""

from __future__ import annotations

import subprocess
import sys
import textwrap

CHILD = textwrap.dedent(
    """
    import linecache, sys
    from retrocoach.app.qt_sources import FEATURE_MODULE, spare_source_reads

    assert spare_source_reads()
    assert spare_source_reads()  # a second call changes nothing
    from retrocoach.ui.window.lazy_page import LazyPage  # ours, a Qt module
    from colorsys import rgb_to_hsv  # not ours
    chosen = sys.modules[FEATURE_MODULE].pyside_feature_dict
    read = {name.rsplit("/", 1)[-1] for name in linecache.cache}
    print(chosen["retrocoach.ui.window.lazy_page"], "lazy_page.py" in read, "colorsys.py" in read)
    """
)


def test_pyside_takes_our_modules_as_featureless_without_reading_them() -> None:
    # A process of its own: which modules were read depends on what was imported when.
    done = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.split() == ["0", "False", "True"]
