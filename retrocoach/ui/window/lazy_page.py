"""A tab page built the first time it is shown, so the window opens without paying for it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

__all__ = ["LazyPage"]

W = TypeVar("W", bound=QWidget)


class LazyPage(QWidget, Generic[W]):
    """Holds the place of a page whose module or data is costly (history and chart, plans)."""

    built = Signal(QWidget)
    """The page was just built: whoever listens to the page can connect to it now."""

    def __init__(
        self,
        build: Callable[[QWidget], W],
        refresh: Callable[[W], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._build = build
        self._refresh = refresh
        self._page: W | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def page(self) -> W:
        """The page, built now if it was not yet."""
        if self._page is None:
            self._page = self._build(self)
            self._layout.addWidget(self._page)
            self._page.show()  # now, not from the event queue: the page is wanted now
            self.built.emit(self._page)
        return self._page

    @property
    def is_built(self) -> bool:
        """Whether the page exists yet."""
        return self._page is not None

    def refresh(self) -> None:
        """Refresh the page if it exists; a page built later reads fresh data anyway."""
        if self._page is not None:
            self._refresh(self._page)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802  (Qt's name)
        self.page  # noqa: B018  (building is the point)
        super().showEvent(event)
