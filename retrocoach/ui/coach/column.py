"""The coach view's column: the direction and the time keep fixed shares, lesser lines give way."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget, QWidgetItem

__all__ = ["KEEP", "LAST", "SQUEEZE_LEAST", "CoachColumn"]

KEEP: Final = 0
"""The rank of a part that is never dropped (the direction band and the time)."""
LAST: Final = 99
"""The rank after every part's: as the last rank shown, it drops none."""
SQUEEZE_LEAST: Final = 0.6
"""The least share of their height the kept parts give up to let a part with a share show
(the speed to set beside a lost treadmill's words): below it, that part gives way instead."""


@dataclass(slots=True)
class _Slot:
    item: QLayoutItem
    rank: int
    """Lower ranks keep their room first; KEEP is never dropped."""
    share: float
    """A share of the column's height (0: the part's own height for the width)."""
    grows: bool = False
    """Whether the part takes what room is left (the after-walk summary)."""


class CoachColumn(QLayout):
    """Lays the coach out top to bottom, sizing by importance rather than by stretch.

    A stretch layout shared the height among whatever was shown: a belt line, a programme
    header or the Esc banner appearing took its share from the direction word and the time,
    and they shrank for the rest of the walk. Here the parts ranked KEEP get a fixed share of
    the height whatever else shows; the others get their own height in rank order while room
    lasts, and a part that does not fit is dropped (given no room) instead of squeezing the
    rest. Room left over is spread as space between the parts.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._slots: list[_Slot] = []
        self.dropped: list[QWidget] = []
        """The parts given no room at the last layout (for tests and the curious)."""
        self.last_rank = LAST
        """Parts ranked after this are dropped, whatever room is left (a short window)."""
        self.lends_from = LAST
        """The first rank whose parts may give their room to what is lent: the parts ranked
        before it that show without the loan show with it (the key that starts a walk)."""
        self.lent: Callable[[], int] = lambda: 0
        """How much of the column's height something else has for now (the window's notices).

        The shares are of the height with it: a notice that comes and goes does not change the
        direction's or the time's size; lesser lines give it their room instead.
        """

    # -- building ------------------------------------------------------------------------------

    def add(self, widget: QWidget, *, rank: int, share: float = 0.0, at: int | None = None) -> None:
        """Place *widget* (at the bottom, or at position *at*) with its *rank* and *share*."""
        self.addChildWidget(widget)
        slot = _Slot(QWidgetItem(widget), rank, share)
        self._slots.insert(len(self._slots) if at is None else at, slot)
        self.invalidate()

    def set_grows(self, widget: QWidget, grows: bool) -> None:
        """Let *widget* take the room left over (True) or keep its share (False)."""
        for slot in self._slots:
            if slot.item.widget() is widget and slot.grows != grows:
                slot.grows = grows
                self.invalidate()

    def set_share(self, widget: QWidget, share: float) -> None:
        """Give *widget* another *share* of the column's height (a short window's figures)."""
        for slot in self._slots:
            if slot.item.widget() is widget and slot.share != share:
                slot.share = share
                self.invalidate()

    def set_rank(self, widget: QWidget, rank: int) -> None:
        """Give *widget* another *rank* (a line that says only what the buttons say)."""
        for slot in self._slots:
            if slot.item.widget() is widget and slot.rank != rank:
                slot.rank = rank
                self.invalidate()

    def set_last_rank(self, rank: int) -> None:
        """Drop every part ranked after *rank* (LAST: none), whatever room is left."""
        if rank != self.last_rank:
            self.last_rank = rank
            self.invalidate()

    # -- QLayout -------------------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802  (Qt's name)
        self._slots.append(_Slot(item, rank=LAST, share=0.0))

    def count(self) -> int:
        return len(self._slots)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802  (Qt's name)
        return self._slots[index].item if 0 <= index < len(self._slots) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802  (Qt's name)
        if 0 <= index < len(self._slots):
            return self._slots.pop(index).item
        return None

    def sizeHint(self) -> QSize:  # noqa: N802  (Qt's name)
        return QSize(400, 300)

    def minimumSize(self) -> QSize:  # noqa: N802  (Qt's name)
        margins = self.contentsMargins()
        return QSize(120 + margins.left() + margins.right(), 80 + margins.top() + margins.bottom())

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802  (Qt's name)
        super().setGeometry(rect)
        inner = rect.marginsRemoved(self.contentsMargins())
        heights = self.heights(inner.width(), inner.height())
        shown = [slot for slot in self._slots if heights.get(id(slot), 0) > 0]
        left = inner.height() - sum(heights[id(slot)] for slot in shown)
        # The band stays at the top, against the frame; the room left goes between the parts.
        gap = max(0, left) // len(shown) if shown else 0
        y = below = inner.y()
        self.dropped = []
        for slot in self._slots:
            height = heights.get(id(slot), 0)
            widget = slot.item.widget()
            if height <= 0:
                if widget is not None and not slot.item.isEmpty():
                    self.dropped.append(widget)
                slot.item.setGeometry(QRect(inner.x(), inner.y(), 0, 0))
                continue
            # A widget takes at least its least height whatever its share gives it: the next
            # part starts below it, where the gap between them does not already leave room.
            top = max(y, below)
            slot.item.setGeometry(QRect(inner.x(), top, inner.width(), height))
            below = top + max(height, slot.item.minimumSize().height())
            y = top + height + gap

    def heights(self, width: int, height: int) -> dict[int, int]:
        """Each shown part's height (keyed by id of its slot) in a column *width* x *height*.

        The shares are of the height with what is lent (see `lent`), so long as every part
        with a share still shows and the parts kept whatever happens still fit. When they
        would not (a very short coach, a banner kept beside the direction and the time), the
        shares are of as much of the lent height as lets them; and if a part with a share is
        still left out (the speed to set, beside a lost treadmill's words on a short coach),
        the kept parts give it room, down to their least heights. The word and the time shrink
        only as far as they must, never past the coach's edge nor at the speed's expense.
        """
        lent = max(0, self.lent())
        shown = self._shown()
        shared = [slot for slot in shown if slot.share]
        # What lending may not cost: the parts ranked before `lends_from` shown without it.
        plain = self._heights(width, height, height) if lent else {}
        held = [slot for slot in shown if slot.rank < self.lends_from and id(slot) in plain]

        floors = {id(slot): slot.item.minimumSize().height() for slot in shown}

        def fits(heights: dict[int, int]) -> bool:
            """Every part that must show shows, and all of them, each at least its least
            height (a widget takes that whatever it is given), inside the column."""
            taken = sum(max(part, floors.get(key, 0)) for key, part in heights.items())
            return all(id(slot) in heights for slot in (*shared, *held)) and taken <= height

        best = self._heights(width, height, height + lent)
        if fits(best):
            return best
        if lent:
            low, high = 0, lent  # the most that may be counted, and the least that may not
            while high - low > 1:
                middle = (low + high) // 2
                if fits(self._heights(width, height, height + middle)):
                    low = middle
                else:
                    high = middle
            best = self._heights(width, height, height + low)
            if fits(best):
                return best
        # The largest share of their height the kept parts may keep for the rest to show.
        least, most = SQUEEZE_LEAST, 1.0
        if not fits(self._heights(width, height, height, least)):
            return best  # no room for them all: the lesser parts go, as ever
        for _ in range(8):
            share = (least + most) / 2
            if fits(self._heights(width, height, height, share)):
                least = share
            else:
                most = share
        return self._heights(width, height, height, least)

    def _shown(self) -> list[_Slot]:
        """The parts to show, highest rank first."""
        return [
            slot
            for slot in sorted(self._slots, key=lambda s: s.rank)
            if not slot.item.isEmpty() and slot.rank <= self.last_rank
        ]

    def _heights(self, width: int, height: int, basis: int, squeeze: float = 1.0) -> dict[int, int]:
        """As heights(), the shares taken of *basis*, the kept parts' times *squeeze*."""
        heights: dict[int, int] = {}
        room = height
        shown = self._shown()
        kept = {
            id(slot): round(self._wanted(slot, width, basis) * squeeze)
            for slot in shown
            if slot.rank == KEEP
        }
        for slot in shown:
            if id(slot) in kept:
                wanted = kept[id(slot)]
            else:
                wanted = self._wanted(slot, width, basis)
                if wanted > room and slot.share:  # rather smaller than gone (the speed to set)
                    wanted = self._wanted(slot, width, height)
            if slot.rank == KEEP or wanted <= room:
                heights[id(slot)] = wanted
                room -= max(wanted, slot.item.minimumSize().height())  # what it really takes
        for slot in self._slots:
            if slot.grows and id(slot) in heights and room > 0:
                heights[id(slot)] += room
                room = 0
        return heights

    @staticmethod
    def _wanted(slot: _Slot, width: int, height: int) -> int:
        item = slot.item
        if slot.share:
            return round(height * slot.share)
        wanted = item.heightForWidth(width) if item.hasHeightForWidth() else -1
        if wanted < 0:
            wanted = item.sizeHint().height()
        return max(wanted, item.minimumSize().height())
