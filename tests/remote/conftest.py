"""MPRIS test set-up: a private session bus per test; in CI a missing tool fails the test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from private_bus import PrivateBus, missing_bus_tools, private_bus


@pytest.fixture
def bus(tmp_path: Path) -> Iterator[PrivateBus]:
    """A private session bus of this test's own."""
    missing = missing_bus_tools()
    if missing:
        reason = f"MPRIS tests need {', '.join(missing)} (apt-get install dbus playerctl)"
        if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
            pytest.fail(f"{reason}: CI must run them", pytrace=False)
        pytest.skip(reason)
    with private_bus(tmp_path) as running:
        yield running
