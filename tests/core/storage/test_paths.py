"""Where data lives: --data-dir, then RETROCOACH_DATA_DIR, then the platform's user folders."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from retrocoach.core.storage.paths import DataPaths


def test_the_override_puts_everything_in_one_folder(tmp_path: Path) -> None:
    paths = DataPaths.resolve(tmp_path / "mine", environ={"RETROCOACH_DATA_DIR": "/elsewhere"})
    assert paths.data_dir == paths.config_dir == tmp_path / "mine"
    assert paths.history_file == tmp_path / "mine" / "history.json"
    assert paths.journal_files() == []
    assert paths.plans_file == tmp_path / "mine" / "plans.json"
    assert paths.settings_file == tmp_path / "mine" / "settings.json"


def test_the_environment_variable_is_used_without_an_override(tmp_path: Path) -> None:
    paths = DataPaths.resolve(None, environ={"RETROCOACH_DATA_DIR": f"  {tmp_path}  "})
    assert paths == DataPaths(tmp_path, tmp_path)


@pytest.mark.parametrize("environ", [{}, {"RETROCOACH_DATA_DIR": ""}, {"RETROCOACH_DATA_DIR": " "}])
def test_without_either_the_platform_folders_are_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, environ: dict[str, str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    paths = DataPaths.resolve(None, environ=environ)
    assert paths.data_dir == tmp_path / "share" / "retrocoach"
    assert paths.config_dir == tmp_path / "config" / "retrocoach"
    assert paths.plans_file.parent == paths.config_dir
    assert paths.history_file.parent == paths.data_dir


def test_the_process_environment_is_read_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RETROCOACH_DATA_DIR", str(tmp_path / "env"))
    assert DataPaths.resolve().data_dir == tmp_path / "env"


def test_ensure_creates_private_folders(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "a" / "data", tmp_path / "b" / "config")
    paths.ensure()
    for folder in (paths.data_dir, paths.config_dir):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_ensure_leaves_an_existing_folder_as_the_user_set_it(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    DataPaths(shared, shared).ensure()
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755
