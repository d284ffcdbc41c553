"""The coach view: what the walker reads from the treadmill, large enough for a few metres."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QStackedWidget,
    QWidget,
)

from retrocoach.core.durations import format_duration
from retrocoach.core.plan.model import Kind
from retrocoach.core.safety.reminders import Reminder
from retrocoach.core.session.machine import Progress, State
from retrocoach.core.session.words import next_text, round_text
from retrocoach.core.session.words import segment_word as segment_label
from retrocoach.ui.coach.belt_panel import BANNER_STYLE, BeltPanel
from retrocoach.ui.coach.big_text import BigText, fit_labels
from retrocoach.ui.coach.column import KEEP, LAST, CoachColumn
from retrocoach.ui.coach.direction_band import DirectionBand, plate_colours
from retrocoach.ui.coach.fitting_label import FittingLabel
from retrocoach.ui.coach.lines import CLEAR, announce, line, set_line
from retrocoach.ui.coach.look import READY, Look, announcement_text, look_for, look_of
from retrocoach.ui.coach.whole_row import WholeRow

if TYPE_CHECKING:
    from retrocoach.core.figures.summary import Summary

__all__ = ["CoachView", "next_text", "round_text", "segment_label"]

BAND_SHARE: Final = 0.25
TIME_SHARE: Final = 0.33
SPEED_SHARE: Final = 0.12
"""Shares of the view's height: the word's band and the time keep theirs whatever shows."""
_LINE_SHARE: Final = 0.065
_SHORT: Final = 600
"""A view fewer device pixels tall than this (a 1024x600 or 1366x768 screen's window) gives
the speed figure a larger share and the small lines a smaller one: shrunk to a quarter, the
speed at 0.12 read "2.5 km/h" for 1.5, and the lines crowded the time out of tesseract's
reading. Taller views keep the shares above, which tesseract reads there."""
_SHORT_SPEED_SHARE: Final = 0.16
_BARE_SPEED_SHARE: Final = 0.21
"""The speed's share on a short view during a walk, once the lesser lines have given way (the
word and the time keep BAND_SHARE and TIME_SHARE in every state, so they never change size).
With the lines gone but the speed's share unchanged, the speed at scale 2 on a 1024x600
screen stayed 25 px tall and a quarter shot lost it."""
_SPEED_UNDER_WORD: Final = 0.9
"""The speed figure's largest size, as a share of the word's: the word stays the larger."""
_STATUS: Final = 4
_BANNER: Final = 5
_PROMPT_RANK: Final = 6
_INFO: Final = 7
_WHOLE_ROW: Final = 8
_REMINDER: Final = 9
_HINT: Final = 10
"""The ranks of the lesser lines, kept longest first: the status; a banner above the band (the
programme's today line, whose button loads today's session); before a walk, the key that
starts it (the prompt: the today line keeps its room before it); next and round; the whole
session's row; the reminder; and last, a status that only repeats the buttons' keys. During a
walk a short view shows ranks up to the status's: the rest give way."""
_STATUS_SHARE: Final = 0.9
"""The status's size, a share of the small lines' (a hint of the keys is no heading)."""
_PROMPT: Final = 1.8
"""Before a walk, the key that starts it ("Press Space to start.") is the one thing to do: it
reads at this many times the small lines' size, third in size after the word and the time.
Two big texts among many small lines made a quarter-size shot of the ready coach read as no
text at all (default tesseract found no block in it); with the prompt this large it reads."""
_PROMPT_UNDER_WORD: Final = 0.7
"""The prompt's largest size, as a share of the word's: the word and the time stay the larger
(at scale 2 on a short screen the small lines' floor of 14 px would lift it to their size)."""
_SHORT_LINE_SHARE: Final = 0.055
_LINES_UNDER_WORD: Final = 0.5
"""The small lines' largest size, as a share of the word's."""
_FRAME_MIN: Final = 12
_FRAME_SHARE: Final = 0.035
"""The view's margins, a share of its height (at least _FRAME_MIN px): the coloured frame."""
# Paused digits are grey, yet dark enough on their pale plate for 5:1 and for OCR.
_DIM_INK: Final = QColor("#5A5A5A")


_WHOLE: Final = {
    State.IDLE: "Length of the whole session",
    State.WAITING: "Time left in the walk, after this turn-around",
}
"""States whose big figure is the whole session's time, with its accessible name."""


class CoachView(QWidget):
    """Direction band, remaining time, what comes next, the whole session, and a reminder.

    The view is told what to show (:meth:`show_progress`, :meth:`set_status`); it keeps no
    session of its own. Every label changes only when its text does.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.band = DirectionBand(look_for(Kind.GETREADY), self)
        self.time = BigText("88:88", accessible_name="Time left in this segment", parent=self)
        # After a walk its summary takes the big time's place: a stopped walk is no "0:00".
        self.summary_label = FittingLabel(self)
        self.summary_label.setObjectName("summary")
        self.summary_label.setAccessibleName("Session summary")
        self.summary_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.middle = QStackedWidget(self)
        self.middle.addWidget(self.time)
        self.middle.addWidget(self.summary_label)
        # A plan mistake, or Esc's question, is said where the walker looks, in its own colour.
        self.question_label = line(self, "Question", wrap=True)
        self.question_label.setObjectName("question")
        self.question_label.setStyleSheet(BANNER_STYLE)
        self.question_label.hide()
        self.next_label = line(self, "Next segment")
        self.next_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.round_label = line(self, "Round")
        self.round_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.whole_row = WholeRow(CLEAR, self)
        self.bar, self.total_label = self.whole_row.bar, self.whole_row.total_label
        self.status_label = line(self, "Status", wrap=True)
        self.belt = BeltPanel(self)
        # The speed, the prompt and the small lines stay under the word, whatever the shape.
        self.band.word_fitted.connect(self._on_word_fitted)
        self.reminder_label = line(self, "Safety reminder", wrap=True)
        self._reminder: Reminder | None = None
        self._walk_mode = False
        self._short = self._walking = False
        self._ready = self._hint = False
        self._line_size = 14
        self._inner = 0
        self._word_size = 0
        self._announced: tuple[int, State] | None = None
        self._sample = "88:88"
        self.announcement = ""
        """What a screen reader was last told (the direction and the time, at each switch)."""
        # The coach is a display read from the treadmill: its lines sit on the segment's pale
        # tint in either theme, in black (see paintEvent), and keep it through theme changes.
        palette = QPalette(self.palette())
        palette.setColor(QPalette.ColorRole.WindowText, plate_colours(self.band.look)[1])
        self.setPalette(palette)
        self._plate_time(self.band.look)
        self._layout()

    def _layout(self) -> None:
        info = QWidget(self)
        row = QHBoxLayout(info)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.next_label, 1)
        row.addWidget(self.round_label, 1)
        self.info_row = info
        # Ranks: what a walker on the belt needs most keeps its room longest on a small screen.
        column = self.column = CoachColumn(self)
        column.setContentsMargins(*(_FRAME_MIN,) * 4)
        column.add(self.band, rank=KEEP, share=BAND_SHARE)
        column.add(self.middle, rank=KEEP, share=TIME_SHARE)
        column.add(self.belt.speed, rank=2, share=SPEED_SHARE)
        column.add(self.belt.line, rank=3)
        column.add(self.question_label, rank=1)
        column.add(self.status_label, rank=_STATUS)
        column.add(info, rank=_INFO)
        column.add(self.whole_row, rank=_WHOLE_ROW)
        column.add(self.reminder_label, rank=_REMINDER)
        # A notice that comes mid-walk takes the room of every lesser line but the Esc and
        # Ctrl+Q banners (rank 1): the belt's hint, the status, the programme's line, and on.
        column.lends_from = 2

    # -- what the window calls ---------------------------------------------------------------

    def add_banner(self, banner: QWidget) -> None:
        """Show *banner* (today's programme session, say) above the direction band."""
        self.column.add(banner, rank=_BANNER, at=0)

    def show_progress(self, progress: Progress, reminder: Reminder | None) -> None:
        """Draw the session as *progress* describes it, with *reminder* beneath."""
        state = progress.state
        look = look_of(progress)
        if look != self.band.look:
            self.update()  # the frame and the tint take the new colour
        self.band.set_look(look)
        # Before a walk the big figure is the whole session, not the get-ready countdown; at a
        # turn-around that waits it is what is left of the walk, never a "0:00" that looks over.
        remaining = progress.remaining_s if state not in _WHOLE else progress.total_remaining_s
        self.time.setAccessibleName(_WHOLE.get(state, "Time left in this segment"))
        # One size for the whole walk: h:mm:ss when any part of it lasts an hour or more.
        if state is State.IDLE:
            self._sample = "88:88"
        if remaining >= 3600:
            self._sample = "8:88:88"
        self.time.set_sample(self._sample)
        self.time.set_text(format_duration(remaining))
        self._announce(progress, look, self.time.text())
        self._plate_time(look, dim=state is State.PAUSED)
        if self.belt.show_progress(progress):  # slow the belt, turn round: said as a switch is
            announce(self.belt.line, self.belt.line.text())
        set_line(self.next_label, next_text(progress.next_segment, state))
        set_line(self.round_label, round_text(progress.segment, progress.rounds))
        walking = state not in (State.IDLE, State.FINISHED, State.STOPPED)
        if walking != self._walking:
            self._walking = walking
            self.lent_changed()  # a loan of room to the notices lasts as long as the walk
        if self._ready != (state is State.IDLE):
            self._ready = state is State.IDLE
            self._fit_status()
        self._show_middle(self.time if state not in (State.FINISHED, State.STOPPED) else None)
        if self.middle.currentWidget() is not self.summary_label:  # it says what was walked
            self.whole_row.show_progress(progress)
        # Before a walk the big figure is the whole session's length: an empty bar beside the
        # same figure again says nothing more, and a short view needs the room.
        self.whole_row.setVisible(state is not State.IDLE)
        self._reminder = reminder
        set_line(self.reminder_label, f"Safety: {reminder.text}" if reminder is not None else "")
        # Empty lines give their room up: after a walk the summary needs all there is.
        for label in (self.next_label, self.round_label, self.reminder_label):
            label.setVisible(bool(label.text()))
        self.info_row.setVisible(bool(self.next_label.text() or self.round_label.text()))
        self.reminder_label.setToolTip(
            f"{reminder.detail or reminder.text}\n{reminder.citation}" if reminder else ""
        )

    def flash(self) -> None:
        """Flash the direction band: a cue was due that nobody will hear."""
        self.band.flash()

    def _announce(self, progress: Progress, look: Look, time: str) -> None:
        """Tell assistive technology the direction and time when the segment or state changes."""
        text = announcement_text(progress.state, look.word, time)
        # The name always holds the time left; only a switch is spoken as an alert.
        self.band.setAccessibleName(f"Direction: {text}")
        key = (progress.index, progress.state)
        if key == self._announced:
            return
        self._announced = key
        self.announcement = text
        announce(self.band, text)  # as well as the name: spoken wherever the focus is

    @property
    def walk_mode(self) -> bool:
        """Whether the whole view takes the segment's colour and pattern (F11)."""
        return self._walk_mode

    def set_walk_mode(self, on: bool) -> None:
        """Note walk mode (F11): the window shows this view alone; it looks the same."""
        self._walk_mode = on

    def _plate_time(self, look: Look, *, dim: bool = False) -> None:
        """The time on a solid plate of the segment's pale tint, in black (grey when dim).

        As with the direction word, the pattern and the theme stay around the digits, never
        behind them: in walk mode, in a dark theme and in a photo or OCR, the time reads alike.
        """
        plate, ink = plate_colours(look)
        self.time.set_plate(plate)
        self.time.set_ink(_DIM_INK if dim else ink)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802  (Qt's name)
        # The segment's colour and pattern as a frame in the margins, joined to the band's
        # blocks, and its pale tint inside, in either theme: from across the room the colour
        # is seen, every line reads in black, and a page scanner (OCR) meets one frame round
        # the page rather than dark blocks beside the word that it takes for letters.
        layout = self.layout()
        side = layout.contentsMargins().left() if layout is not None else _FRAME_MIN
        painter = QPainter(self)
        DirectionBand.paint_frame(painter, self.rect(), self.band.look, side)
        painter.end()
        super().paintEvent(event)

    def show_summary(self, summary: Summary) -> None:
        """Put the walk's summary where the big time was, until the next walk starts."""
        versions = ["\n".join([summary.title, *lines]) for lines in summary.shorter()]
        self.summary_label.set_versions(versions)
        self.summary_label.setAccessibleDescription(versions[0])  # the whole, whatever shows
        self._show_middle(self.summary_label)
        # As the summary counts it: no turns, and what was walked rather than skipped.
        self.whole_row.show_walked(summary.fraction_walked, summary.left_text)

    def show_plan_problem(self, problem: str) -> None:
        """Say at once that the plan cannot be walked, and why; no figure of an older plan."""
        self.band.set_look(READY)
        self._plate_time(READY)
        self.time.set_sample("88:88")
        self.time.set_text("-:--")
        self.whole_row.show_problem()
        self.whole_row.show()
        self._show_middle(self.time)
        where = f": {problem}" if problem else ""
        self.set_status(f"The plan has a mistake{where}. Correct it on the Plan page (Ctrl+P).")

    def ask(self, question: str) -> None:
        """Show a question (press Esc again to stop) above the status line; '' hides it."""
        set_line(self.question_label, question)
        self.question_label.setVisible(bool(question))
        announce(self.question_label, question)

    def set_status(self, text: str, *, hint: bool = False) -> None:
        """The line under the time: why it paused, where the session went; or a key *hint*,
        which before a walk is the prompt (large) and during one the first line to give way."""
        if text != self.status_label.text():
            announce(self.status_label, text, urgent=False)
        set_line(self.status_label, text)
        self._hint = hint
        self._fit_status()

    def _on_word_fitted(self, word: int) -> None:
        """The word's pixel size is known: the speed and the prompt stay under it."""
        self.belt.speed.set_largest(round(word * _SPEED_UNDER_WORD))
        if word != self._word_size:
            self._word_size = word
            self._fit_lines()

    def _fit_status(self) -> None:
        """The status's size and rank: before a walk its key hint is the prompt, large, and
        kept after the status and a banner; during a walk a key hint is the first to give way."""
        prompt = self._ready and self._hint
        share = _STATUS_SHARE
        if prompt:
            largest = self._word_size * _PROMPT_UNDER_WORD / self._line_size
            share = max(share, min(_PROMPT, largest)) if self._word_size else _PROMPT
        fit_labels([(self.status_label, share)], self._line_size, bold=True)
        rank = _PROMPT_RANK if prompt else _HINT if self._hint else _STATUS
        self.column.set_rank(self.status_label, rank)

    @property
    def reminder(self) -> Reminder | None:
        """The safety reminder shown now."""
        return self._reminder

    # -- inside ------------------------------------------------------------------------------

    def _show_middle(self, widget: QWidget | None = None) -> None:
        """The time, or after a walk its summary (which may take the room of the empty lines)."""
        if widget is not None:
            self.middle.setCurrentWidget(widget)
        # During a walk a short view's lesser lines give way; before it (the programme's button)
        # and after it they keep theirs, the summary its share: the check-in goes below it.
        summary = self.middle.currentWidget() is self.summary_label
        walking = self._walking and not summary
        bare = self._short and walking
        self.column.set_last_rank(_STATUS if bare else LAST)
        speed = _SHORT_SPEED_SHARE if self._short else SPEED_SHARE
        self.column.set_share(self.belt.speed, _BARE_SPEED_SHARE if bare else speed)
        self.column.set_grows(self.middle, summary and not self._short)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802  (Qt's name)
        self._fit_height()
        super().resizeEvent(event)

    @property
    def walking(self) -> bool:
        """Whether a walk is under way (get-ready, a segment, a turn-around or paused)."""
        return self._walking

    def lent_changed(self) -> None:
        """What the window lends of the view's height (its notices) changed: lay out again."""
        self._fit_height()
        self.column.invalidate()

    def _fit_height(self) -> None:
        # Sized by the height the view has with what the window lends for now (its notices):
        # a notice coming or going changes which lesser lines show, never the sizes.
        height = self.height() + max(0, self.column.lent())
        side = max(_FRAME_MIN, round(height * _FRAME_SHARE))
        self.column.setContentsMargins(side, side, side, side)
        self._short = height * self.devicePixelRatioF() < _SHORT
        self._show_middle()
        self._inner = height - 2 * side
        self._fit_lines()

    def _fit_lines(self) -> None:
        """Size the small lines: about 5% of the view's height, under half the word's size (in
        a tall, narrow window the word is fitted to the width, and lines sized by the height
        alone outgrew it), and never below 14 px (smaller, shrunk screenshots lose them first)."""
        size = round(self._inner * (_SHORT_LINE_SHARE if self._short else _LINE_SHARE))
        if self._word_size:
            size = min(size, round(self._word_size * _LINES_UNDER_WORD))
        size = max(14, size)
        self._line_size = size
        shares = [(self.next_label, 1.0), (self.round_label, 1.0)]
        fit_labels([*shares, (self.question_label, 1.0), (self.belt.line, 1.0)], size, bold=True)
        self._fit_status()
        fit_labels([(self.reminder_label, 0.8)], size, bold=False)
        self.summary_label.set_largest(max(14, round(size * 0.85)))
        self.whole_row.fit(QFontMetrics(self.next_label.font()), size)
