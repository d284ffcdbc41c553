"""The built-in presets: valid plans, named for the command line, each resting on a cited source."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from retrocoach.core.plan import Kind, Plan, parse_spec
from retrocoach.core.presets import PRESETS, Preset, find_preset

REPO = Path(__file__).resolve().parents[2]
SEED_NOTES = REPO / "seeds"
DOMAIN = REPO.parent / "shared" / "DOMAIN.md"

_SEED_REF = re.compile(r"seed (\d{3}): (.+)")
_PAPER_REF = re.compile(r"([A-Z][A-Za-z-]+(?: & [A-Z][A-Za-z-]+)?(?: et al\.)?) ((?:19|20)\d\d)\b")

ALL = list(PRESETS.values())


def _ids(preset: Preset) -> str:
    return preset.key


def seed_note(number: str) -> Path:
    """The repository's note on seed article *number*; fails the test if there is none."""
    notes = sorted(SEED_NOTES.glob(f"{number}-*.md"))
    assert len(notes) == 1, f"expected one note seeds/{number}-*.md, found {notes}"
    return notes[0]


def reference_texts() -> list[str]:
    """Where a paper citation must be found: the seeds index, and DOMAIN.md when present."""
    texts = [(SEED_NOTES / "README.md").read_text(encoding="utf-8")]
    if DOMAIN.is_file():
        texts.append(DOMAIN.read_text(encoding="utf-8"))
    return texts


def test_the_required_presets_exist_in_the_order_they_are_listed() -> None:
    """Insertion order is the order `retrocoach plans` shows; beginners' plans come first."""
    assert list(PRESETS) == ["first-steps", "gentle-start", "daily-ten", "knee-10", "study-30"]


@pytest.mark.parametrize("preset", ALL, ids=_ids)
def test_every_preset_is_a_valid_plan_named_by_its_key(preset: Preset) -> None:
    """A preset loads like any plan: it passes validate() and carries its key as its name."""
    assert preset.plan.validate() is preset.plan
    assert preset.plan.name == preset.key


@pytest.mark.parametrize("preset", ALL, ids=_ids)
def test_every_preset_key_is_a_short_lowercase_command_line_word(preset: Preset) -> None:
    """`retrocoach run --plan KEY` needs no quoting and is never mistaken for a spec."""
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", preset.key)
    assert len(preset.key) <= 20


@pytest.mark.parametrize("preset", ALL, ids=_ids)
def test_every_description_is_one_short_sentence(preset: Preset) -> None:
    """Descriptions fit on one line of `retrocoach plans` and in the window's list."""
    assert "\n" not in preset.description
    assert 20 <= len(preset.description) <= 100
    assert preset.description[0].isupper()
    assert preset.description.endswith(".")


@pytest.mark.parametrize("preset", ALL, ids=_ids)
def test_every_preset_source_resolves_to_a_seed_note_or_a_cited_paper(preset: Preset) -> None:
    """A seed reference has a note in seeds/ that lists the preset; a paper is in the index."""
    seed = _SEED_REF.fullmatch(preset.source)
    if seed:
        note = seed_note(seed.group(1)).read_text(encoding="utf-8")
        assert seed.group(2) in note, "the title in the source must match the note's title"
        assert f"`{preset.key}`" in note, "the seed note must list the presets resting on it"
        return
    papers = _PAPER_REF.findall(preset.source)
    assert papers, f"{preset.key}: source {preset.source!r} names neither a seed nor a paper"
    for author, year in papers:
        for text in reference_texts():
            assert f"{author} {year}" in text, f"{author} {year} is not cited in the references"
    index = (SEED_NOTES / "README.md").read_text(encoding="utf-8")
    assert f"`{preset.key}`" in index, "the seeds index must say which preset a paper supports"


def test_the_source_check_rejects_a_preset_without_a_source() -> None:
    """The pattern that reads sources finds nothing in free text, so the check above can fail."""
    assert not _SEED_REF.fullmatch("a blog I read once")
    assert not _PAPER_REF.findall("a blog I read once")


@pytest.mark.parametrize("preset", ALL, ids=_ids)
def test_every_preset_plan_survives_its_own_spec(preset: Preset) -> None:
    """Writing a preset as an inline spec and reading it back gives the same plan."""
    assert parse_spec(preset.plan.spec(), name=preset.key) == preset.plan


def test_first_steps_alternates_five_minutes_forward_with_one_backward() -> None:
    """The treadmill article's beginner interval (seed 001)."""
    plan = PRESETS["first-steps"].plan
    assert (plan.forward_s, plan.backward_s) == (300, 60)
    assert plan.rounds >= 2


def test_daily_ten_walks_ten_minutes_backward() -> None:
    """Seed 000's ten minutes a day, counted as backward walking."""
    assert PRESETS["daily-ten"].plan.backward_total_s == 600


def test_gentle_start_walks_five_minutes_backward_in_short_stretches() -> None:
    """Seed 003's five minutes to begin with, never more than a minute backward at a time."""
    plan = PRESETS["gentle-start"].plan
    assert plan.backward_total_s == 300
    assert plan.backward_s <= 60


def test_knee_10_is_one_unbroken_ten_minute_backward_stretch() -> None:
    """Alghadir 2019's dose: ten minutes of retro walking."""
    backward = [s for s in PRESETS["knee-10"].plan.segments() if s.kind is Kind.BACKWARD]
    assert [s.seconds for s in backward] == [600]


def test_study_30_walks_thirty_minutes_backward() -> None:
    """The stroke trials' 30 minutes of backward walking (Chang 2021, Michaelsen 2014)."""
    assert PRESETS["study-30"].plan.backward_total_s == 30 * 60


@pytest.mark.parametrize("name", ["first-steps", "FIRST-STEPS", " First-Steps ", "Knee-10"])
def test_find_preset_ignores_letter_case_and_surrounding_spaces(name: str) -> None:
    """Typed names match whatever their case."""
    found = find_preset(name)
    assert found is not None
    assert found.key == name.strip().lower()


@pytest.mark.parametrize("name", ["", "first steps", "firststeps", "custom", "forward=5m"])
def test_find_preset_returns_none_for_a_name_that_is_no_preset(name: str) -> None:
    """Anything else is left for saved plans or the inline spec to handle."""
    assert find_preset(name) is None


def test_presets_cannot_be_changed_at_run_time() -> None:
    """The built-ins are shared by every caller, so neither the table nor an entry can change."""
    with pytest.raises(TypeError):
        PRESETS["mine"] = ALL[0]  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        ALL[0].key = "other"  # type: ignore[misc]
    assert isinstance(ALL[0].plan, Plan)
