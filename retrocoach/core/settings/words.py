"""The settings as the command line names and writes them: ``body-mass=70kg``, ``units=mph``."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from retrocoach.core.durations import quoted
from retrocoach.core.settings.kinds import SettingsError
from retrocoach.core.settings.store import Settings
from retrocoach.core.settings.table import BY_WORD

__all__ = ["apply_words", "describe_settings"]


def describe_settings(settings: Settings) -> list[str]:
    """One line a setting: key=value (as it is typed back), what it takes, then what it is."""
    lines = []
    for word, item in BY_WORD.items():
        pair = f"{word}={item.kind.show(getattr(settings, item.key))}"
        lines.append(f"{pair:<28} {item.kind.typed}: {item.help}")
    return lines


def apply_words(settings: Settings, words: Sequence[str]) -> Settings:
    """*settings* with each ``key=value`` of *words* applied; SettingsError names a bad word.

    Nothing is applied unless every word is good.
    """
    values: dict[str, object] = {}
    keys = ", ".join(BY_WORD)
    for text in words:
        word, sep, raw = text.partition("=")
        word = word.strip().lower()
        item = BY_WORD.get(word)
        if not sep or item is None:
            raise SettingsError(f"{quoted(text)} is not a setting: write key=value, keys {keys}")
        if item.key in values:
            raise SettingsError(f"{quoted(text)}: {word} is given twice; give each once")
        try:
            values[item.key] = item.kind.read(word, raw)
        except SettingsError as error:
            raise SettingsError(f"{quoted(text)}: {error}") from None
    return dataclasses.replace(settings, **values)  # type: ignore[arg-type]  # each value read
