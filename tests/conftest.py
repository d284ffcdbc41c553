"""Shared test set-up: offscreen Qt, and no test ever touches the real home folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Set before any Qt import: the tests draw offscreen unless a test starts its own X server.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


SLOW_FOLDERS = frozenset({"e2e", "faults", "soak", "packaging"})
"""Folders whose every test starts real processes or servers, or builds a wheel."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in the slow folders ``slow``: ``scripts/check --quick`` leaves them out."""
    tests = Path(__file__).resolve().parent
    for item in items:
        relative = item.path.resolve().relative_to(tests)
        if relative.parts[0] in SLOW_FOLDERS:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every RetroCoach data path, and HOME itself, at a fresh temporary folder."""
    data = tmp_path / "retrocoach-data"
    monkeypatch.setenv("RETROCOACH_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    # Tests that want short programmes point this at their own file; none inherit one.
    monkeypatch.delenv("RETROCOACH_PROGRAMMES_FILE", raising=False)
    # Nothing a test starts may join the user's session bus (a coach would show up in the
    # desktop's media widgets); the MPRIS tests start a private bus of their own.
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:")
    return data
