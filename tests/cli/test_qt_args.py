"""Qt's own options reach QApplication; ours are still checked, bad ones refused in one line."""

from __future__ import annotations

import argparse
import io
from typing import Any

import pytest

from retrocoach.app import main as entry
from retrocoach.app import window
from retrocoach.cli import commands
from retrocoach.cli.qt_args import split_qt_args


@pytest.mark.parametrize(
    ("argv", "ours", "qt"),
    [
        (["-style", "fusion"], [], ["-style", "fusion"]),
        (["-style=fusion", "--plan", "x"], ["--plan", "x"], ["-style=fusion"]),
        (["--style", "fusion"], [], ["--style", "fusion"]),
        (["-reverse", "-platform", "xcb"], [], ["-reverse", "-platform", "xcb"]),
        (
            ["--plan", "first-steps", "--", "-style", "x"],
            ["--plan", "first-steps", "--", "-style", "x"],
            [],
        ),
        (["--bogus", "-style", "fusion"], ["--bogus"], ["-style", "fusion"]),
        (["-stylish"], ["-stylish"], []),
    ],
)
def test_only_qt_options_are_set_apart(argv: list[str], ours: list[str], qt: list[str]) -> None:
    assert split_qt_args(argv) == (ours, qt)


def test_the_window_gets_the_qt_options(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def fake_run_window(args: argparse.Namespace, err: object) -> int:
        seen["qt"] = args.qt_args
        seen["plan"] = args.plan
        return 0

    monkeypatch.setattr(entry, "_run_window", fake_run_window)
    assert entry.main(["-style", "fusion", "--plan", "first-steps"]) == 0
    assert seen == {"qt": ["-style", "fusion"], "plan": "first-steps"}


def test_run_app_hands_the_qt_options_to_qapplication(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Any] = []

    def fake_run_app(*_args: object, **keywords: object) -> int:
        seen.append(keywords["argv"])
        return 0

    monkeypatch.setattr(commands, "open_stores", lambda args, err: (None, None, None))
    monkeypatch.setattr(window, "run_app", fake_run_app)
    args = argparse.Namespace(plan=None, audio="none", qt_args=["-style", "fusion"])
    assert entry._run_window(args, io.StringIO()) == 0
    assert seen == [["-style", "fusion"]]


@pytest.mark.parametrize(
    ("argv", "word"),
    [
        (["--bogus", "-style", "fusion"], "--bogus"),
        (["-style", "fusion", "history"], "-style"),
        (["run", "--plan", "first-steps", "-platform", "xcb"], "-platform"),
    ],
)
def test_a_bad_option_beside_qt_options_exits_2_in_one_line(
    argv: list[str], word: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert entry.main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert word in err
