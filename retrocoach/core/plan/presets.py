"""Built-in plans, read from the shipped assets/data/plans.json, each citing its sources."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Final

from retrocoach.core.plan.model import Plan, PlanError, parse_spec
from retrocoach.core.storage.shipped import (
    OWN_RULE,
    ShippedDataError,
    asset_path,
    checked_item,
    framed_items,
    load_shipped,
)

__all__ = [
    "PRESETS",
    "SCHEMA_VERSION",
    "Preset",
    "PresetDataError",
    "find_preset",
    "load_presets",
    "presets_from_data",
]

SCHEMA_VERSION: Final = 1
_NAME: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*", re.ASCII)
_REQUIRED: Final = ("name", "plan", "description", "details", "references")
# The limits plans.schema.json states: a description fits one line of `retrocoach plans`.
_LENGTHS: Final = {"name": (1, 20), "description": (20, 100), "details": (40, 500), "why": (1, 500)}


class PresetDataError(ShippedDataError):
    """The built-in plans file cannot be used; the message names the plan and the fault."""


@dataclass(frozen=True, slots=True)
class Preset:
    """A ready-made plan with a one-line description, what it rests on, and its references."""

    key: str
    """The short name typed on the command line; also the plan's name."""
    plan: Plan
    description: str
    details: str
    """Where the plan comes from and who it suits, in a few sentences for the plan list."""
    references: tuple[str, ...]
    """Ids from the shipped references list; 'retrocoach-own' marks a choice of our own."""


def presets_from_data(data: object) -> Mapping[str, Preset]:
    """Every preset of a plans document, by key in file order; PresetDataError if it is wrong."""
    _, items = framed_items(data, "plans", version=SCHEMA_VERSION, error=PresetDataError)
    presets: dict[str, Preset] = {}
    for index, item in enumerate(items):
        preset = _preset(item, f"plans[{index}]")
        if preset.key in presets:
            raise PresetDataError(f"the name '{preset.key}' is used twice")
        presets[preset.key] = preset
    return MappingProxyType(presets)


def load_presets(path: Path) -> Mapping[str, Preset]:
    """The presets of the plans file at *path*; PresetDataError names the file and the fault."""
    return load_shipped(path, "built-in plans", PresetDataError, presets_from_data)


def _preset(item: object, where: str) -> Preset:
    item = checked_item(item, where, required=_REQUIRED, optional=("why",), error=PresetDataError)
    texts = {key: _text(item, key, where) for key in _LENGTHS if key in item}
    key = texts["name"]
    if not _NAME.fullmatch(key):
        raise PresetDataError(f"{where}.name '{key}' must be lowercase words joined by hyphens")
    where = f"{where} ('{key}')"
    spec = item["plan"]
    if not isinstance(spec, str):
        raise PresetDataError(f"{where}.plan must be a plan spec (text)")
    try:
        plan = parse_spec(spec, name=key)
    except PlanError as error:
        raise PresetDataError(f"{where}.plan: {error}") from None
    return Preset(key, plan, texts["description"], texts["details"], _references(item, where))


def _text(item: Mapping[str, object], key: str, where: str) -> str:
    low, high = _LENGTHS[key]
    value = item[key]
    if not isinstance(value, str) or "\n" in value or not value.strip():
        raise PresetDataError(f"{where}.{key} must be one line of text")
    if not low <= len(value) <= high:
        raise PresetDataError(f"{where}.{key} is {len(value)} characters; {low} to {high} fit")
    return value


def _references(item: Mapping[str, object], where: str) -> tuple[str, ...]:
    ids = item["references"]
    if not isinstance(ids, list) or not all(isinstance(i, str) and _NAME.fullmatch(i) for i in ids):
        raise PresetDataError(f"{where}.references must be a list of reference ids")
    if len(set(ids)) != len(ids):
        raise PresetDataError(f"{where}.references lists an id twice")
    # A built-in plan rests on someone's evidence or advice, never on our word alone.
    if not set(ids) - {OWN_RULE}:
        raise PresetDataError(
            f"{where}.references must cite a source besides '{OWN_RULE}' (RetroCoach's own)"
        )
    return tuple(ids)


PRESETS: Final = load_presets(asset_path("data", "plans.json"))
"""Every built-in preset by key, in the order they are listed to the user."""


def find_preset(name: str) -> Preset | None:
    """The preset called *name* (any letter case, spaces around ignored), or None."""
    return PRESETS.get(name.strip().lower())
