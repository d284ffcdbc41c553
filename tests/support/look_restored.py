"""The application's style and palette, put back after a test that changes them (a theme)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

__all__ = ["application_look_restored"]


@pytest.fixture
def application_look_restored(qapp: QApplication) -> Iterator[None]:
    """Put the style and palette back after the test (qapp: under xdist this may be the
    worker's first test, before any other made the application)."""
    style, palette = qapp.style().name(), QPalette(qapp.palette())
    yield
    qapp.setStyle(style)
    qapp.setPalette(palette)
