"""Checks on the fields of the references file, shared by references, reminders and presets."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from retrocoach.core.storage.shipped import ShippedDataError

__all__ = ["ReferenceDataError", "check_id", "matching", "reference_ids", "text_field"]

_ID: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*", re.ASCII)
MAX_TEXT: Final = 400


class ReferenceDataError(ShippedDataError):
    """The references file cannot be used, or something cites a reference it does not hold."""


def reference_ids(raw: object, where: str) -> tuple[str, ...]:
    """A non-empty list of distinct reference ids, as reminders, presets and figures cite them."""
    if not isinstance(raw, list) or not raw:
        raise ReferenceDataError(f"{where} must be a non-empty list of reference ids")
    ids = tuple(check_id(value, where) for value in raw)
    if len(set(ids)) != len(ids):
        raise ReferenceDataError(f"{where} lists a reference twice")
    return ids


def check_id(value: object, where: str) -> str:
    if not isinstance(value, str) or not _ID.fullmatch(value) or len(value) > 60:
        raise ReferenceDataError(
            f"{where} {value!r} must be lowercase letters and digits joined by hyphens"
        )
    return value


def text_field(item: Mapping[str, object], key: str, where: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ReferenceDataError(f"{where}.{key} must be non-empty text")
    if len(value) > MAX_TEXT:
        raise ReferenceDataError(f"{where}.{key} is {len(value)} characters; the limit is 400")
    return value


def matching(
    item: Mapping[str, object], key: str, pattern: re.Pattern[str], where: str, allowed: str
) -> str | None:
    if key not in item:
        return None
    value = item[key]
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise ReferenceDataError(f"{where}.{key} {value!r} must be {allowed}")
    return value
