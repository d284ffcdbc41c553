"""A walk ends with its summary when the installed package is replaced under it (issue 22.12).

The package is copied to a folder of its own and run from there; mid-walk the folder is moved
away, or replaced by another version whose modules are elsewhere, as `pip install` does.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hostile_files import confirmed, env_for, saved_sessions, walking
from xdesktop import Desktop, open_window, prepare_data, sessions, start_walk, wait_until, xvfb

import retrocoach
from retrocoach.core.storage.shipped import asset_path

pytestmark = pytest.mark.slow

PLAN = "getready=0s warmup=0s forward=3s backward=2s rounds=1 cooldown=0s"


def _installed_copy(site: Path) -> Path:
    package = site / "retrocoach"
    shutil.copytree(
        Path(retrocoach.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__")
    )
    if not (package / "assets").is_dir():  # as a wheel installs it: the assets inside
        shutil.copytree(asset_path(), package / "assets")
    return package


def _swap(package: Path, how: str) -> None:
    os.rename(package, package.with_name("retrocoach-old"))
    if how == "newer-version":  # the same package name, its modules moved or renamed
        (package / "core").mkdir(parents=True)
        (package / "__init__.py").write_text('__version__ = "99.0"\n')
        (package / "core" / "__init__.py").write_text("")


@pytest.mark.parametrize("how", ["removed", "newer-version"])
def test_the_summary_comes_whole_when_the_package_is_replaced_mid_walk(
    tmp_path: Path, how: str
) -> None:
    site, data = tmp_path / "site", tmp_path / "data"
    package = _installed_copy(site)
    confirmed(data)
    env = env_for(data, PYTHONPATH=str(site), PYTHONDONTWRITEBYTECODE="1")
    cwd = os.getcwd()
    os.chdir(tmp_path)  # `python -m` puts the working folder first on the path: not the repo
    try:
        with walking(env, PLAN) as walk:
            walk.wait_for("FORWARD")
            _swap(package, how)
            status, out, err = walk.finish()
    finally:
        os.chdir(cwd)
    assert "Traceback" not in err, err
    assert "ModuleNotFoundError" not in err
    assert status == 0, err
    assert "Saved to your history" in out
    assert "Walked" in out or "walked" in out.split("Saved to your history")[1], out
    [session] = saved_sessions(data / "history.json")
    assert session["outcome"] == "completed"


@pytest.mark.parametrize("how", ["removed", "newer-version"])
def test_the_window_ends_its_walk_whole_when_the_package_is_replaced_mid_walk(
    tmp_path: Path, how: str
) -> None:
    """The window imports what a walk's end needs after its first frame, as run does before."""
    site, data = tmp_path / "site", tmp_path / "data"
    package = _installed_copy(site)
    prepare_data(data)
    cwd = os.getcwd()
    os.chdir(tmp_path)  # `python -m` puts the working folder first on the path: not the repo
    try:
        with xvfb("1280x800") as display:
            desktop = Desktop(display)
            app = open_window(
                desktop, data, PLAN, PYTHONPATH=str(site), PYTHONDONTWRITEBYTECODE="1"
            )
            try:
                start_walk(desktop, app, data)
                _swap(package, how)
                desktop.window("How did it go", pid=app.pid)
                wait_until(lambda: sessions(data / "history.json"), "the walk in the history")
                # Gone before Ctrl+Q: while the check-in is up it holds the keys, and a Ctrl+Q
                # sent to the window under it on a loaded machine was lost.
                desktop.dismiss("How did it go", app.pid)
                desktop.press(desktop.window("^RetroCoach$", pid=app.pid), "ctrl+q")
                status = app.wait()
            finally:
                app.kill()
    finally:
        os.chdir(cwd)
    assert "Traceback" not in app.stderr, app.stderr
    assert status == 0, app.stderr
    [session] = sessions(data / "history.json")
    assert session["outcome"] == "completed"
