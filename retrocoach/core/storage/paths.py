"""Where RetroCoach keeps its files: the platform's user folders, or one folder the user names."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import platformdirs

from retrocoach.core.storage.files import ensure_private_dir

__all__ = ["APP_NAME", "DATA_DIR_ENV", "DataPaths"]

APP_NAME: Final = "retrocoach"
DATA_DIR_ENV: Final = "RETROCOACH_DATA_DIR"


@dataclass(frozen=True, slots=True)
class DataPaths:
    """The data folder (history, journal) and the config folder (plans, settings)."""

    data_dir: Path
    config_dir: Path

    @classmethod
    def resolve(
        cls, override: Path | None = None, environ: Mapping[str, str] | None = None
    ) -> DataPaths:
        """``--data-dir`` if given, else ``$RETROCOACH_DATA_DIR``, else the platform folders.

        With an override, history, plans and settings all live in that one folder.
        """
        env = os.environ if environ is None else environ
        chosen: Path | None = override
        if chosen is None and env.get(DATA_DIR_ENV, "").strip():
            chosen = Path(env[DATA_DIR_ENV].strip())
        if chosen is not None:
            folder = chosen.expanduser()
            return cls(folder, folder)
        return cls(
            Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        )

    @property
    def history_file(self) -> Path:
        """Every recorded session."""
        return self.data_dir / "history.json"

    def journal_files(self) -> list[Path]:
        """The journals of sessions in progress, or left by a crash or a failed save."""
        return sorted(self.data_dir.glob("session-*.journal.jsonl"))

    @property
    def plans_file(self) -> Path:
        """The user's saved plans."""
        return self.config_dir / "plans.json"

    @property
    def settings_file(self) -> Path:
        """The window's settings."""
        return self.config_dir / "settings.json"

    def ensure(self) -> None:
        """Create both folders if missing; a folder created here is private (0700).

        A folder that already exists is left as it is: with --data-dir it may be one the user
        shares with other things, and its permissions are the user's choice.
        """
        for folder in {self.data_dir, self.config_dir}:
            ensure_private_dir(folder)
