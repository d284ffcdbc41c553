"""No text the window shows names a file of the repository: every page, tooltip and dialog."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QListWidget,
    QTabWidget,
    QTextBrowser,
    QWidget,
)
from visible_text import repository_names
from window_kit import MakeWindow


def texts_of(root: QWidget) -> Iterator[str]:
    """Every string a user can see or hear from *root* and its children."""
    for widget in [root, *root.findChildren(QWidget)]:
        yield widget.toolTip()
        yield widget.accessibleName()
        yield widget.windowTitle()
        if isinstance(widget, (QLabel, QAbstractButton)):
            yield widget.text()
        elif isinstance(widget, QTextBrowser):
            yield widget.toPlainText()
        elif isinstance(widget, QComboBox):
            for index in range(widget.count()):
                yield widget.itemText(index)
                yield str(widget.itemData(index, Qt.ItemDataRole.ToolTipRole) or "")
        elif isinstance(widget, QListWidget):
            for row in range(widget.count()):
                yield widget.item(row).text()
                yield widget.item(row).toolTip()
        elif isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                yield widget.tabText(index)
                yield widget.tabToolTip(index)


def test_the_checklist_and_every_page_name_no_repository_file(make_window: MakeWindow) -> None:
    kit = make_window(first_run=True)
    dialog = kit.window.checklist
    assert dialog is not None
    seen = list(texts_of(dialog))
    assert any("not medical advice" in text for text in seen)
    tabs = kit.window.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)  # lazy pages lay themselves out when first shown
        kit.qtbot.wait(1)
        page = tabs.widget(index)
        assert page is not None
        seen += texts_of(page)
    seen += texts_of(kit.window)
    # The Safety page was laid out and read: only it lists the knee trial's DOI.
    assert any("https://doi.org/10.1186/s12891-019-2537-9" in text for text in seen)
    assert repository_names(seen) == []
