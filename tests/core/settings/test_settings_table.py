"""The settings table is the one declaration: Settings, the listing and the docs follow it."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from retrocoach.core.settings.kinds import Choice, SettingsError
from retrocoach.core.settings.store import Settings
from retrocoach.core.settings.table import BY_WORD, SETTINGS, Declared
from retrocoach.core.settings.words import apply_words, describe_settings

ROOT = Path(__file__).resolve().parents[3]


def doc_table(path: Path, heading: str) -> list[list[str]]:
    """The rows (cells without their backquotes) of the first table after *heading*."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index(heading)
    rows: list[list[str]] = []
    for line in lines[start + 1 :]:
        if line.startswith("|"):
            cells = [cell.strip().strip("`") for cell in line.strip("|").split("|")]
            rows.append(cells)
        elif rows:
            break
    assert len(rows) > 2, f"no table under {heading} in {path.name}"
    return rows[2:]  # past the header and its rule


def test_settings_has_one_field_a_setting_in_the_table_order_with_its_default() -> None:
    fields = dataclasses.fields(Settings)
    assert [field.name for field in fields] == list(SETTINGS)
    for field in fields:
        assert field.default == SETTINGS[field.name].default, field.name
        assert SETTINGS[field.name].kind.fits(field.default), field.name


def test_every_setting_has_help_and_every_word_a_label() -> None:
    for item in SETTINGS.values():
        assert item.help[:1].islower(), item.key
        assert "\n" not in item.help
        if item.word is not None:
            assert item.label, item.key
            assert re.fullmatch(r"[a-z]+(-[a-z]+)*", item.word), item.word


@pytest.mark.parametrize("item", list(BY_WORD.values()), ids=list(BY_WORD))
def test_each_default_shown_in_the_listing_reads_back_as_itself(item: Declared) -> None:
    shown = item.kind.show(item.default)
    assert item.kind.read(str(item.word), shown) == item.default


def test_a_choice_names_its_choices_when_refused() -> None:
    for word, item in BY_WORD.items():
        if isinstance(item.kind, Choice):
            with pytest.raises(SettingsError) as caught:
                apply_words(Settings(), [f"{word}=no-such-thing"])
            for choice in item.kind.choices:
                assert choice in str(caught.value)


def test_the_listing_says_what_each_setting_takes_and_does() -> None:
    lines = describe_settings(Settings())
    for line, (word, item) in zip(lines, BY_WORD.items(), strict=True):
        assert line.startswith(f"{word}=")
        assert line.endswith(f"{item.kind.typed}: {item.help}")


def test_the_readme_lists_every_command_line_setting_with_its_default() -> None:
    rows = doc_table(ROOT / "README.md", "### Settings")
    assert [row[0] for row in rows] == list(BY_WORD), "README's settings, in the table's order"
    for row in rows:
        item = BY_WORD[row[0]]
        shown = item.kind.show(item.default) or "empty"
        assert row[-1] == shown, f"README's default of {row[0]}"


def test_the_data_model_lists_every_key_of_settings_json_with_its_default() -> None:
    rows = doc_table(ROOT / "docs" / "data-model.md", "## settings.json")
    assert [row[0] for row in rows] == ["schema_version", *SETTINGS]
    for row in rows[1:]:
        default = SETTINGS[row[0]].default
        written = default if isinstance(default, str) else json.dumps(default)
        assert row[-1] == written, f"data-model's default of {row[0]}"
