"""The plan list: "Custom", the built-in presets, then the saved plans, each keyed by a string."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from retrocoach.core.plan.model import Plan
from retrocoach.core.plan.presets import PRESETS

__all__ = ["CUSTOM_KEY", "PlanChoice", "preset_key", "saved_key"]

CUSTOM_KEY: Final = "custom:"
_PRESET: Final = "preset:"
_SAVED: Final = "saved:"


def preset_key(name: str) -> str:
    """The list key of the preset *name*."""
    return _PRESET + name


def saved_key(name: str) -> str:
    """The list key of the saved plan *name*."""
    return _SAVED + name


class PlanChoice(QComboBox):
    """A combo box of plans; each item's data is its key (CUSTOM_KEY, preset_key, saved_key)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plan_choice")
        self.setAccessibleName("Plan")
        self.setToolTip("A built-in plan, one of your saved plans, or your own lengths (Alt+P)")

    def fill(self, saved: Sequence[Plan]) -> None:
        """List "Custom", every preset with what it rests on, then *saved*."""
        self.clear()
        self.addItem("Custom (your own lengths)", CUSTOM_KEY)
        for key, preset in PRESETS.items():
            self._add(
                f"{key} (built in)", preset_key(key), f"{preset.description}\n{preset.details}"
            )
        if saved:
            self.insertSeparator(self.count())
        for plan in saved:
            self._add(plan.name, saved_key(plan.name), plan.describe())

    def _add(self, text: str, key: str, tip: str) -> None:
        self.addItem(text, key)
        self.setItemData(self.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)

    def key_at(self, index: int) -> str:
        """The key of the item at *index*."""
        return str(self.itemData(index))

    def select(self, key: str | None) -> None:
        """Show the item of *key*; "Custom" for None or a key not listed."""
        self.setCurrentIndex(max(self.findData(key or CUSTOM_KEY), 0))

    def preset_name(self, key: str) -> str | None:
        """The preset a key names, or None."""
        return key.removeprefix(_PRESET) if key.startswith(_PRESET) else None

    def saved_name(self, key: str | None = None) -> str | None:
        """The saved plan *key* (by default the selected item) names, or None."""
        key = str(self.currentData()) if key is None else key
        return key.removeprefix(_SAVED) if key.startswith(_SAVED) else None
