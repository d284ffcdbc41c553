"""The settings file: defaults when missing, lenient per-key reading, atomic private writes."""

from __future__ import annotations

import dataclasses
import json
import os
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from retrocoach.core.settings.store import (
    SETTINGS_SCHEMA_VERSION,
    Settings,
    SettingsError,
    SettingsStore,
)
from retrocoach.core.storage.document import NewerSchemaError
from retrocoach.core.storage.paths import DataPaths

WHEN = datetime(2026, 11, 21, 8, 0, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture
def warnings() -> list[str]:
    """Every line the store told the user."""
    return []


@pytest.fixture
def store(tmp_path: Path, warnings: list[str]) -> SettingsStore:
    """A store in a fresh config folder."""
    return SettingsStore(tmp_path / "config", warn=warnings.append, wall_clock=lambda: WHEN)


def write(store: SettingsStore, document: object) -> None:
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text(json.dumps(document))


def test_the_defaults_are_the_agreed_ones() -> None:
    assert Settings() == Settings(
        audio_engine="auto",
        voice=False,
        volume=0.8,
        muted=False,
        pips=3,
        reminder_rotation_s=30,
        checklist_every_start=False,
        checklist_confirmed=False,
    )


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("audio_engine", "loud"),
        ("volume", 1.5),
        ("volume", -0.1),
        ("volume", float("nan")),
        ("volume", True),
        ("pips", 4),
        ("pips", True),
        ("reminder_rotation_s", 5),
        ("reminder_rotation_s", -30),
        ("reminder_rotation_s", 30.0),
        ("voice", 1),
    ],
)
def test_a_settings_value_out_of_range_raises_a_named_error(key: str, value: object) -> None:
    with pytest.raises(SettingsError, match=key):
        Settings(**{key: value})  # type: ignore[arg-type]


def test_a_missing_file_gives_the_defaults_without_a_word(
    store: SettingsStore, warnings: list[str]
) -> None:
    assert store.load() == Settings()
    assert warnings == []
    assert not store.path.exists()


def test_saved_settings_load_back_equal(store: SettingsStore) -> None:
    chosen = Settings(
        audio_engine="none",
        voice=True,
        volume=0.35,
        muted=True,
        pips=5,
        reminder_rotation_s=60,
        checklist_every_start=True,
        checklist_confirmed=True,
    )
    store.save(chosen)
    assert store.load() == chosen
    document = json.loads(store.path.read_text())
    assert document["schema_version"] == SETTINGS_SCHEMA_VERSION
    assert document["volume"] == 0.35


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_settings_file_is_private_and_a_resave_keeps_a_backup(store: SettingsStore) -> None:
    store.save(Settings(volume=0.5))
    store.save(Settings(volume=0.6))
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    backup = store.path.with_name("settings.json.bak")
    assert json.loads(backup.read_text())["volume"] == 0.5
    assert not list(store.path.parent.glob("*.tmp"))


def test_settings_are_found_in_the_config_folder_of_data_paths(
    tmp_path: Path, warnings: list[str]
) -> None:
    paths = DataPaths(data_dir=tmp_path / "data", config_dir=tmp_path / "config")
    store = SettingsStore(paths, warn=warnings.append)
    store.save(Settings(pips=0))
    assert paths.settings_file.exists()
    assert store.path == paths.settings_file


def test_a_corrupt_file_is_copied_aside_byte_for_byte_and_the_defaults_used(
    store: SettingsStore, warnings: list[str]
) -> None:
    store.path.parent.mkdir(parents=True)
    garbage = b'{"volume": 0.2,\x00\x00\x00'
    store.path.write_bytes(garbage)
    assert store.load() == Settings()
    copies = list(store.path.parent.glob("settings.corrupt-*.json"))
    assert [copy.read_bytes() for copy in copies] == [garbage]
    assert store.path.read_bytes() == garbage, "loading never changes the file"
    assert len(warnings) == 1
    assert "\n" not in warnings[0]
    assert str(copies[0]) in warnings[0]


def test_saving_over_a_corrupt_file_keeps_its_copy_and_makes_no_second_one(
    store: SettingsStore,
) -> None:
    store.path.parent.mkdir(parents=True)
    store.path.write_bytes(b"not json")
    store.load()
    store.save(Settings(muted=True))
    assert store.load() == Settings(muted=True)
    copies = list(store.path.parent.glob("settings.corrupt-*.json"))
    assert [copy.read_bytes() for copy in copies] == [b"not json"]


def test_a_json_list_is_an_unreadable_file(store: SettingsStore, warnings: list[str]) -> None:
    write(store, [1, 2, 3])
    assert store.load() == Settings()
    assert "not a JSON object" in warnings[0]


def test_unknown_keys_are_ignored_quietly(store: SettingsStore, warnings: list[str]) -> None:
    write(store, {"schema_version": 1, "pips": 5, "skin": "dark", "colour": [1, 2]})
    assert store.load() == Settings(pips=5)
    assert warnings == []


def test_a_bad_value_costs_only_its_own_key_with_a_one_line_warning(
    store: SettingsStore, warnings: list[str]
) -> None:
    write(
        store,
        {"schema_version": 1, "volume": 7, "pips": 3, "muted": True, "audio_engine": "x" * 500},
    )
    assert store.load() == Settings(muted=True)
    assert len(warnings) == 2
    assert any(w.startswith("settings.json: volume=7 is not allowed") for w in warnings)
    assert all(len(w) < 200 and "\n" not in w for w in warnings)
    assert any("using 0.8" in w for w in warnings)


def test_a_whole_number_volume_reads_as_a_float(store: SettingsStore) -> None:
    write(store, {"schema_version": 1, "volume": 1})
    loaded = store.load()
    assert loaded.volume == 1.0
    assert isinstance(loaded.volume, float)


def test_a_newer_file_is_read_where_it_can_be_and_never_written(
    store: SettingsStore, warnings: list[str]
) -> None:
    write(store, {"schema_version": SETTINGS_SCHEMA_VERSION + 1, "pips": 0, "hue": 3})
    before = store.path.read_bytes()
    assert store.load() == Settings(pips=0)
    assert "newer RetroCoach" in warnings[0]
    with pytest.raises(NewerSchemaError):
        store.save(Settings())
    assert store.path.read_bytes() == before


def test_settings_change_by_replace_and_stay_checked() -> None:
    changed = dataclasses.replace(Settings(), checklist_confirmed=True)
    assert changed.checklist_confirmed
    with pytest.raises(SettingsError):
        dataclasses.replace(changed, volume=2.0)


def test_the_theme_and_the_last_plan_are_kept(store: SettingsStore) -> None:
    store.save(Settings(theme="dark", last_plan="forward=5m backward=1m rounds=2"))
    loaded = store.load()
    assert loaded.theme == "dark"
    assert loaded.last_plan == "forward=5m backward=1m rounds=2"


@pytest.mark.parametrize(
    ("key", "value"),
    [("theme", "purple"), ("theme", 1), ("last_plan", ""), ("last_plan", "x" * 401)],
)
def test_a_bad_theme_or_last_plan_costs_only_that_key(
    store: SettingsStore, warnings: list[str], key: str, value: object
) -> None:
    write(store, {"schema_version": 1, "pips": 5, key: value})
    assert store.load() == Settings(pips=5)
    assert key in warnings[0]
