"""Beyond the labels: every control's text, the selection, placeholders and tooltips keep
4.5:1 in the light and dark themes, on every page and in the dialogs a walk brings up.

The selection was white on #3D8FD1 in the dark theme (3.5:1) and on Fusion's #308CC6 in the
light one (3.7:1): a chosen History row, a combo box's chosen item, selected text.
"""

from __future__ import annotations

import pytest
from contrast_check import COLOUR, GROUND, contrast, low_contrast
from look_restored import application_look_restored  # noqa: F401  (used by name)
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QRadioButton,
    QWidget,
)
from window_kit import MakeWindow

from retrocoach.core.plan.model import Kind
from retrocoach.core.settings.store import Settings
from retrocoach.ui.coach import look as look_module
from retrocoach.ui.coach.direction_band import plate_colours
from retrocoach.ui.coach.look import Look, look_for
from retrocoach.ui.coach.view import _DIM_INK as DIM_INK

Key = Qt.Key
Ctrl = Qt.KeyboardModifier.ControlModifier
Role = QPalette.ColorRole
Group = QPalette.ColorGroup
PAIRS = (
    (Role.Text, Role.Base),
    (Role.Text, Role.AlternateBase),
    (Role.WindowText, Role.Window),
    (Role.ButtonText, Role.Button),
    (Role.HighlightedText, Role.Highlight),
    (Role.PlaceholderText, Role.Base),
    (Role.ToolTipText, Role.ToolTipBase),
)


pytestmark = pytest.mark.usefixtures("application_look_restored")


def palette_problems(widget: QWidget) -> list[str]:
    """Each pair of *widget*'s palette a text is drawn in (focused window or not) under 4.5:1."""
    palette, found = widget.palette(), []
    for group in (Group.Active, Group.Inactive):
        for ink, ground in PAIRS:
            ratio = contrast(palette.color(group, ink), palette.color(group, ground))
            if ratio < 4.5:
                found.append(f"{group.name} {ink.name} on {ground.name} is {ratio:.1f}:1")
    return found


def _styled(widget: QWidget, pattern: object, fallback: QColor) -> QColor:
    node: QWidget | None = widget
    while node is not None:
        found = pattern.search(node.styleSheet())  # type: ignore[attr-defined]
        if found:
            return QColor(found.group(1))
        node = node.parentWidget()
    return fallback


def control_problems(top: QWidget) -> list[str]:
    """Each shown, enabled button, tick box or combo box of *top* whose text is under 4.5:1."""
    found = []
    for widget in top.findChildren(QWidget):
        if not (widget.isVisible() and widget.isEnabled()):
            continue
        if isinstance(widget, QAbstractButton) and widget.text():
            text = widget.text()
        elif isinstance(widget, QComboBox) and widget.currentText():
            text = widget.currentText()
        else:
            continue
        palette = widget.palette()
        boxed = isinstance(widget, QCheckBox | QRadioButton)  # drawn on the page, not a button
        ink_role, ground_role = (
            (Role.WindowText, Role.Window) if boxed else (Role.ButtonText, Role.Button)
        )
        ink = _styled(widget, COLOUR, palette.color(ink_role))
        ground = _styled(widget, GROUND, palette.color(ground_role))
        ratio = contrast(ink, ground)
        if ratio < 4.5:
            name = widget.objectName() or widget.accessibleName() or text[:30]
            found.append(f"{name}: {ink.name()} on {ground.name()} is {ratio:.1f}:1")
    return found


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_control_the_selection_and_the_dialogs_keep_4_5_to_1(
    make_window: MakeWindow, theme: str
) -> None:
    kit = make_window(Settings(checklist_confirmed=True, theme=theme), sound_problem="no sound")
    window = kit.window
    problems = palette_problems(window)
    kit.press(Key.Key_Space)
    kit.walk(60)  # to the end: the check-in asks
    dialog = window.checkin
    assert dialog is not None
    problems += palette_problems(dialog) + control_problems(dialog) + low_contrast(dialog)
    dialog.reject()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        problems += control_problems(window)
    kit.press(Key.Key_H, Ctrl)
    view = window._pages.history.page  # type: ignore[attr-defined]
    view.select_session(kit.history()[0]["id"])
    assert view.table.selectionModel().selectedRows(), "no row chosen"
    problems += palette_problems(view.table)
    kit.press(Key.Key_Comma, Ctrl)
    settings = QApplication.activeModalWidget()
    assert settings is not None
    problems += palette_problems(settings) + control_problems(settings) + low_contrast(settings)
    settings.close()
    assert not problems, "\n".join(sorted(set(problems)))


def test_the_big_texts_ink_and_its_paused_grey_keep_4_5_to_1_on_every_plate() -> None:
    """The word and the time are drawn on their own plates, not in a label: each look's plate,
    its ink, and the grey of a paused time (the least of them, 4.6:1 on forward's blue)."""
    looks = {value for value in vars(look_module).values() if isinstance(value, Look)}
    looks |= {look_for(kind) for kind in Kind}
    problems = []
    for look in looks:
        plate, ink = plate_colours(look)
        for name, colour in (("ink", ink), ("paused grey", DIM_INK)):
            ratio = contrast(colour, plate)
            if ratio < 4.5:
                problems.append(
                    f"{look.word} {name}: {colour.name()} on {plate.name()} {ratio:.1f}"
                )
    assert len(looks) >= 8, "the looks were not found"
    assert not problems, "\n".join(problems)
