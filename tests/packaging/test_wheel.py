"""The wheel built from a clean tree carries the assets: sounds, icons and data."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# One worker runs the three, so the module's wheel is built once, not once per worker.
pytestmark = pytest.mark.xdist_group("wheel")


def tracked_files() -> list[str]:
    """The files a clean clone has."""
    listing = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True
    ).stdout.decode()
    return [name for name in listing.split("\0") if name and (REPO / name).is_file()]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    """A wheel built from a copy of the tracked files, as a clean clone would have them."""
    tree = tmp_path_factory.mktemp("clone") / "retrocoach"
    for name in tracked_files():
        target = tree / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, target)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(tree)],
        check=True,
        timeout=300,
    )
    (built,) = out.glob("retrocoach-*.whl")
    return zipfile.ZipFile(built)


def test_the_wheel_holds_every_tracked_asset(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    assets = [name for name in tracked_files() if name.startswith("assets/")]
    assert assets, "the repository has no assets to ship"
    missing = [a for a in assets if f"retrocoach/{a}" not in names]
    assert missing == []


def test_the_wheel_holds_the_reminders_and_the_history_schema(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    assert "retrocoach/assets/data/reminders.json" in names
    assert "retrocoach/assets/data/history.schema.json" in names


def test_the_wheel_declares_the_console_script(wheel: zipfile.ZipFile) -> None:
    entry_points = next(n for n in wheel.namelist() if n.endswith("entry_points.txt"))
    text = wheel.read(entry_points).decode()
    assert "retrocoach = retrocoach.app.main:main" in text
