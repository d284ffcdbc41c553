"""The main window body: notices on top, pages in tabs, big buttons below; and its keys."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from retrocoach.ui.coach.view import CoachView
from retrocoach.ui.window.control_bar import ControlBar
from retrocoach.ui.window.keys import BINDINGS, Action, key_hint
from retrocoach.ui.window.notice_bar import NoticeBar
from retrocoach.ui.window.parts import WindowPages

__all__ = ["WindowFrame", "make_shortcuts"]

_LENDING = (QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide)
"""The notices' events that change what room they take from the coach."""


class WindowFrame(QWidget):
    """Lays the window out; the window itself does the wiring."""

    def __init__(self, pages: WindowPages, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notices = NoticeBar(self)
        self.coach = CoachView(self)
        self.controls = ControlBar(self)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Pages")
        # Tabs change by click or by their keys; keyboard focus on them would only get in the
        # way of Space.
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for page, title, action in (
            (self.coach, "Coach", Action.COACH),
            (pages.plan, "Plan", Action.PLAN),
            (pages.history, "History", Action.HISTORY),
            (pages.safety, "Safety", Action.SAFETY),
        ):
            index = self.tabs.addTab(page, title)
            self.tabs.setTabToolTip(index, f"{title} page{key_hint(action)}")
        if pages.programme is not None:
            index = self.tabs.insertTab(2, pages.programme, "Programme")
            self.tabs.setTabToolTip(index, f"Programme page{key_hint(Action.PROGRAMME)}")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.notices)
        column.addWidget(self.tabs, 1)
        column.addWidget(self.controls)
        # A notice that comes in the middle of a walk (the treadmill lost) lends itself room
        # from the coach's lesser lines, never from the direction and the time: they keep the
        # size they had when the walk began. Before and after a walk notices take their room.
        self._notices_at_start = 0
        self.coach.column.lent = self._lent_to_notices
        self.notices.installEventFilter(self)
        self.notices.focus_released.connect(self._give_the_page_the_focus)
        # The coach holds the keyboard focus whenever it shows, so Space starts and pauses
        # there rather than pressing a banner's button or a page's control left focused.
        self.coach.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802  (Qt's name)
        if watched is self.notices and event.type() in _LENDING:
            self.coach.lent_changed()
        return False

    def _lent_to_notices(self) -> int:
        """The height the notices took since the walk began (0 outside a walk).

        Read outside a walk, it notes the notices' height then: the view reads it as each walk
        begins and ends, so a notice left from the last walk is counted as there before this.
        """
        now = self.notices.height() if self.notices.isVisible() else 0
        if not self.coach.walking:
            self._notices_at_start = now
            return 0
        return max(0, now - self._notices_at_start)

    def _give_the_page_the_focus(self) -> None:
        page = self.tabs.currentWidget()
        if page is self.coach:
            self.coach.setFocus(Qt.FocusReason.OtherFocusReason)
        elif page is not None:
            page.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_tabs_current_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.coach:
            self.coach.setFocus(Qt.FocusReason.OtherFocusReason)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802  (Qt's name)
        self.controls.fit_to(event.size().height())
        self.notices.set_height_limit(event.size().height() // 4)
        super().resizeEvent(event)

    def keep_to_coach(self, shortcuts: list[QShortcut]) -> None:
        """Let *shortcuts* work only while the coach page shows: Up and Down belong to lists
        and fields on the other pages. They repeat while held, for a speed several steps off."""
        for shortcut in shortcuts:
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.setAutoRepeat(True)

        def follow(_index: int) -> None:
            for shortcut in shortcuts:
                shortcut.setEnabled(self.tabs.currentWidget() is self.coach)

        self.tabs.currentChanged.connect(follow)
        follow(self.tabs.currentIndex())

    def set_walk_mode(self, on: bool) -> None:
        """Only the coach (walk mode), or the tabs and notices again."""
        if on:
            self.tabs.setCurrentWidget(self.coach)
        self.tabs.tabBar().setVisible(not on)
        self.tabs.setDocumentMode(on)  # no frame around the page either
        self.notices.hold(on)
        self.coach.set_walk_mode(on)
        self.controls.show_walk_mode(on)


def make_shortcuts(window: QWidget) -> dict[Action, list[QShortcut]]:
    """One shortcut per key of every action, working whatever widget has the focus."""
    made: dict[Action, list[QShortcut]] = {}
    for action, binding in BINDINGS.items():
        for keys in binding.keys:
            shortcut = QShortcut(QKeySequence(keys), window)
            # Application-wide, so a focused widget on any page cannot swallow the key;
            # a modal dialog still blocks it, so Esc closes the dialog, not the session.
            shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
            shortcut.setAutoRepeat(False)
            # X11 sends Ctrl+Shift+Tab as Ctrl+Shift+Backtab, which Qt matches to both of its
            # spellings: ambiguous keys of one action still do that action.
            shortcut.activatedAmbiguously.connect(shortcut.activated)
            made.setdefault(action, []).append(shortcut)
    return made
