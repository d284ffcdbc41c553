"""Real-window test set-up: a private Xvfb display per test (see xdesktop)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from xdesktop import xvfb


@pytest.fixture
def display() -> Iterator[str]:
    """A fresh Xvfb's display name, e.g. ':7'; the server stops after the test."""
    with xvfb() as name:
        yield name
