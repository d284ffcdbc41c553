"""Qt's own command-line options (-style fusion, -platform xcb, ...), set apart for the window."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

__all__ = ["QT_FLAGS", "QT_VALUED", "split_qt_args"]

QT_VALUED: Final = frozenset(
    {
        "style",
        "stylesheet",
        "platform",
        "platformpluginpath",
        "platformtheme",
        "plugin",
        "qwindowgeometry",
        "qwindowtitle",
        "qwindowicon",
        "display",
        "geometry",
        "title",
        "name",
        "session",
        "fontengine",
        "dialogs",
        "visual",
        "ncols",
        "cmap",
    }
)
"""Options QApplication reads with a value, as '-style fusion' or '-style=fusion'."""
QT_FLAGS: Final = frozenset({"reverse", "widgetcount", "nograb", "dograb", "sync"})
"""Options QApplication reads alone."""


def _qt_name(word: str) -> tuple[str, bool] | None:
    """The Qt option *word* names (without dashes) and whether its value is in it, or None."""
    if not word.startswith("-") or word.startswith("---"):
        return None
    name, equals, _value = word.lstrip("-").partition("=")
    # Qt takes one dash or two; ours all take two, and none shares a name with Qt's.
    if name in QT_VALUED:
        return name, bool(equals)
    if name in QT_FLAGS and not equals:
        return name, True
    return None


def split_qt_args(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """(our words, Qt's words): Qt's options and their values go to QApplication untouched.

    Only Qt's own options are set apart; anything else, a misspelt option of ours included,
    stays for our parser, which refuses it in one line. After '--' nothing is set apart.
    """
    ours: list[str] = []
    qt: list[str] = []
    words = list(argv)
    index = 0
    while index < len(words):
        word = words[index]
        if word == "--":
            ours.extend(words[index:])
            break
        found = _qt_name(word)
        if found is None:
            ours.append(word)
            index += 1
            continue
        _name, complete = found
        if complete or index + 1 >= len(words):
            qt.append(word)
            index += 1
        else:
            qt.extend(words[index : index + 2])
            index += 2
    return ours, qt
