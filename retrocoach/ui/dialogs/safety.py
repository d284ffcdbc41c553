"""The safety checklist shown before the first walk, and the Safety page listing every reminder."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QFont, QMouseEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from retrocoach.core.safety.balance import BALANCE_HEADING, BALANCE_LABEL
from retrocoach.core.safety.checklist import Checklist
from retrocoach.core.safety.references import Figure, Reference, ReferenceList
from retrocoach.core.safety.reminders import Reminder, ReminderBook
from retrocoach.ui.buttons import big_tick
from retrocoach.ui.dialogs import fit_to_screen
from retrocoach.ui.dialogs.safety_rules import rules_html

__all__ = ["CHECKLIST_TITLE", "SafetyChecklistDialog", "SafetyPage", "reminders_html"]

CHECKLIST_TITLE: Final = "Safety checklist - RetroCoach"
_MORE_BELOW: Final = "More below: scroll down to see every item."
_SIZE: Final = (820, 760)
"""Room left for a window manager's title bar and borders around the dialog."""
_TEXT_PT: Final = 12.0
"""The checklist is read once, carefully, often by older eyes: larger than the desktop's 9 pt."""
_TICK_PX: Final = 24
"""Tick boxes large enough to see and to hit, at scale 1 (Qt scales pixels with the screen)."""
_TICK_STYLE: Final = f"{{widget}}::indicator {{{{ width: {_TICK_PX}px; height: {_TICK_PX}px; }}}}"


def reminders_html(reminders: Sequence[Reminder], *, with_detail: bool = True) -> str:
    """The reminders as a list: the advice in bold, then why, then where it comes from."""
    import html  # noqa: PLC0415  (its entity table is big; the list is rarely shown)

    items = []
    for reminder in reminders:
        parts = [f"<b>{html.escape(reminder.text)}</b>"]
        if with_detail and reminder.detail:
            parts.append(html.escape(reminder.detail))
        parts.append(html.escape(reminder.citation))  # full size: <small> was under 10 pt
        items.append(f"<li style='margin-bottom: 10px'>{'<br>'.join(parts)}</li>")
    return f"<ul>{''.join(items)}</ul>"


def references_html(references: Sequence[Reference], figures: Sequence[Figure] = ()) -> str:
    """The figures with their short citations, then every reference in full with its link."""
    import html  # noqa: PLC0415  (as above)

    by_id = {ref.id: ref for ref in references}
    parts = []
    if figures:
        rows = []
        for figure in figures:
            cited = "; ".join(by_id[i].short() for i in figure.references if i in by_id)
            rows.append(f"<li>{html.escape(figure.text)} ({html.escape(cited)})</li>")
        parts.append(f"<h3>Figures and where they come from</h3><ul>{''.join(rows)}</ul>")
    rows = []
    for ref in references:
        text = html.escape(ref.full())
        if ref.link:
            link = html.escape(ref.link)
            text = text.replace(link, f"<a href='{link}'>{link}</a>")
        rows.append(f"<li style='margin-bottom: 6px'>{text}</li>")
    parts.append(f"<h3>References</h3><ul>{''.join(rows)}</ul>")
    return "".join(parts)


class _TickWords(QLabel):
    """A tick box's words that wrap; a click on them ticks or unticks the box, as its own would."""

    def __init__(self, text: str, check: QCheckBox, parent: QWidget) -> None:
        super().__init__(text, parent)
        self._check = check
        self.setWordWrap(True)
        self.setBuddy(check)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802  (Qt's name)
        if event.button() is Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self._check.toggle()
        super().mouseReleaseEvent(event)


class SafetyChecklistDialog(QDialog):
    """A modal checklist: tick each item as you check it; once all are, Enter confirms."""

    def __init__(self, checklist: Checklist, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(CHECKLIST_TITLE)
        self.setModal(True)
        self.setAccessibleName("Safety checklist")
        font = self.font()
        font.setPointSizeF(max(font.pointSizeF(), _TEXT_PT))
        self.setFont(font)
        # Everything but the buttons scrolls as one page when the screen is too short for it
        # (a 1024x600 screen at scale 2 leaves 512x300): no line is cut and the list keeps
        # room for a few items, while Confirm and Not now stay on the screen.
        self.page = QScrollArea(self)
        self.page.setWidgetResizable(True)
        self.page.setFrameShape(QScrollArea.Shape.NoFrame)
        self.page.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.page.setWidget(self._make_page(checklist))
        outer = QVBoxLayout(self)
        outer.addWidget(self.page, 1)
        outer.addWidget(self._make_buttons())
        # Its usual size, never larger than the screen: on a small one the page scrolls.
        fit_to_screen(self, QSize(*_SIZE), parent)
        self._show_count()
        self._show_more_below()
        # The walker starts on the first item, so Space ticks it; Enter confirms nothing yet.
        self._row = 0
        first = self.checks()[0] if self.checks() else None
        if first is not None:
            self.items.setCurrentItem(first)
        self.items.setFocus()

    def _make_page(self, checklist: Checklist) -> QWidget:
        """What scrolls: the notice, the list and its count, and the optional balance check.

        Each part is made on the page itself: a part made on the dialog and moved there kept
        the desktop's 9 pt wherever it had a style sheet of its own.
        """
        page = QWidget(self)
        notice = QLabel(f"<b>{checklist.notice}</b>", page)
        notice.setWordWrap(True)
        notice.setAccessibleName("Not medical advice")
        intro = QLabel(
            f"{checklist.intro} Space ticks the highlighted item; confirming is possible once "
            "every item is ticked.",
            page,
        )
        intro.setWordWrap(True)
        self.items = self._make_list(checklist, page)
        self.items.setMinimumHeight(self.items.fontMetrics().lineSpacing() * 5)
        self.more_below = QLabel(_MORE_BELOW, page)
        self.more_below.setAccessibleName("More items below")
        self.more_below.setStyleSheet("font-weight: bold")
        self.more_below.setWordWrap(True)
        self.items.verticalScrollBar().valueChanged.connect(self._on_scroll_value_changed)
        self.items.verticalScrollBar().rangeChanged.connect(self._on_scroll_range_changed)
        self.count_label = QLabel(page)
        self.count_label.setWordWrap(True)
        # Optional, so not one of the items to tick: unticked, programmes start more carefully.
        balance = QLabel(BALANCE_HEADING, page)
        balance.setWordWrap(True)
        # The tick box's words sit in a label that wraps (a tick box's own text never does, and
        # on a narrow screen it ran past the dialog's edge); a click on them ticks it too.
        self.one_leg = QCheckBox(page)
        self.one_leg.setAccessibleName("Balance check: I can stand on one leg for 10 seconds")
        big_tick(self.one_leg, _TICK_PX)
        one_leg_row = QHBoxLayout()
        one_leg_row.addWidget(self.one_leg, 0, Qt.AlignmentFlag.AlignTop)
        one_leg_row.addWidget(_TickWords(BALANCE_LABEL, self.one_leg, page), 1)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(notice)
        column.addWidget(intro)
        column.addWidget(self.items, 1)
        column.addWidget(self.more_below)
        column.addWidget(self.count_label)
        column.addWidget(balance)
        column.addLayout(one_leg_row)
        return page

    def _make_list(self, checklist: Checklist, parent: QWidget) -> QListWidget:
        """The tick-box list, its boxes drawn large for older eyes and unsteady hands."""
        items = QListWidget(parent)
        self.items = items  # _fill adds to it
        items.setStyleSheet(_TICK_STYLE.format(widget="QListView"))
        items.setAccessibleName("Safety checks: Space ticks the selected one")
        items.setWordWrap(True)
        items.setResizeMode(QListView.ResizeMode.Adjust)
        items.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        items.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        items.setSpacing(3)
        self._fill(checklist)
        items.itemChanged.connect(self._on_items_item_changed)
        items.currentRowChanged.connect(self._on_items_current_row_changed)
        return items

    def _make_buttons(self) -> QDialogButtonBox:
        """Confirm (the default, disabled until every item is ticked) and Not now."""
        buttons = QDialogButtonBox(self)
        self.confirm_button = buttons.addButton(
            "All checked (Enter)", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.confirm_button.setAccessibleName("Confirm the safety checks")
        self.confirm_button.setToolTip("Confirm that everything is checked (Enter)")
        self.confirm_button.setDefault(True)
        self.confirm_button.setEnabled(False)  # until every item is ticked
        self.later_button = buttons.addButton(
            "Not now (Esc)", QDialogButtonBox.ButtonRole.RejectRole
        )
        self.later_button.setAccessibleName("Close the checklist without confirming")
        self.later_button.setToolTip("Close without confirming; it comes back at Start (Esc)")
        self.later_button.setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        return buttons

    def _fill(self, checklist: Checklist) -> None:
        """A heading row per section, then one tick box per item with its source beneath."""
        for section in checklist.sections:
            heading = QListWidgetItem(section.heading.upper(), self.items)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)  # shown plainly, never ticked or chosen
            font = QFont(self.items.font())  # an item's own font() is the desktop's 9 pt
            font.setBold(True)
            heading.setFont(font)
            for reminder in section.items:
                shown = "\n".join(line for line in (reminder.text, reminder.citation) if line)
                item = QListWidgetItem(shown, self.items)
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsUserCheckable
                )
                item.setCheckState(Qt.CheckState.Unchecked)
                item.setToolTip(reminder.detail or reminder.text)
                item.setData(Qt.ItemDataRole.UserRole, reminder.id)

    def checks(self) -> list[QListWidgetItem]:
        """The tick-box rows, in order."""
        rows = (self.items.item(row) for row in range(self.items.count()))
        return [item for item in rows if item.flags() & Qt.ItemFlag.ItemIsUserCheckable]

    def ticked(self) -> int:
        """How many items are ticked."""
        return sum(item.checkState() == Qt.CheckState.Checked for item in self.checks())

    def _on_items_item_changed(self, _item: QListWidgetItem) -> None:
        self._show_count()

    def _on_items_current_row_changed(self, row: int) -> None:
        """A heading is never where the walker lands: move on past it the way they went."""
        item = self.items.item(row)
        if item is not None and not item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            step = 1 if row >= self._row else -1
            target = row + step
            if not 0 <= target < self.items.count():
                target = row - step
            self._row = row
            self.items.setCurrentRow(target)
            return
        self._row = row
        # On a short screen the page scrolls too: it follows the item the walker moved to (not
        # the first, chosen before the dialog shows: the page opens at its top, the notice).
        if self.isVisible():
            QTimer.singleShot(0, self._page_to_current)

    def _page_to_current(self) -> None:
        item = self.items.currentItem()
        page = self.page.widget()
        if item is None or page is None or not self.page.verticalScrollBar().maximum():
            return
        rect = self.items.visualItemRect(item)
        top = self.items.viewport().mapTo(page, rect.topLeft())
        self.page.ensureVisible(top.x(), top.y() + rect.height() // 2, 0, rect.height() // 2)

    def _show_count(self) -> None:
        total = len(self.checks())
        done = self.ticked()
        self.confirm_button.setEnabled(done == total)
        self.count_label.setText(
            "Every item ticked: press Enter to confirm."
            if done == total
            else f"{done} of {total} ticked. Tick each one as you check it (Space or a click)."
        )

    def _on_scroll_value_changed(self, _value: int) -> None:
        self._show_more_below()

    def _on_scroll_range_changed(self, _low: int, _high: int) -> None:
        self._show_more_below()

    def _show_more_below(self) -> None:
        bar = self.items.verticalScrollBar()
        self.more_below.setVisible(bar.value() < bar.maximum())


class SafetyPage(QWidget):
    """Every reminder RetroCoach shows with its source, the figures and the references: F1."""

    def __init__(self, book: ReminderBook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Safety page")
        self._reminders = book.all()
        self._references: ReferenceList = book.references
        self._items: QTextBrowser | None = None
        self.count = len(self._reminders)

    @property
    def items(self) -> QTextBrowser:
        """The list of reminders, laid out the first time it is wanted: the page opens rarely,
        and a rich-text list costs the window's start-up several milliseconds and MiB."""
        if self._items is None:
            self._items = self._build()
        return self._items

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802  (Qt's name)
        self.items  # noqa: B018  (building is the point)
        super().showEvent(event)

    def _build(self) -> QTextBrowser:
        from retrocoach.core.safety.checklist import NOT_MEDICAL_ADVICE  # noqa: PLC0415

        heading = QLabel(
            f"<h2>Safety</h2><p><b>{NOT_MEDICAL_ADVICE}</b></p><p>Everything the coach reminds "
            "you of, and where each piece of advice comes from; the references are listed in "
            "full at the end. Hover a reminder on the coach page to see it in full.</p>",
            self,
        )
        heading.setWordWrap(True)
        items = QTextBrowser(self)
        items.setAccessibleName("Every safety reminder with its source, and the references")
        items.setOpenExternalLinks(True)
        items.setHtml(
            reminders_html(self._reminders)
            + rules_html(self._references)
            + references_html(self._references.all(), self._references.figures())
        )
        column = QVBoxLayout(self)
        column.addWidget(heading)
        column.addWidget(items, 1)
        if self.isVisible():
            heading.show()  # children added to a shown page stay hidden until told
            items.show()
        return items
