"""``retrocoach programme`` and the plan name ``next``: each command's output and errors."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from retrocoach.app.main import main
from retrocoach.core.programme.model import PROGRAMMES_FILE_ENV

TINY = {
    "schema_version": 1,
    "programmes": [
        {
            "name": "tiny",
            "title": "Tiny test programme",
            "audience": "tests",
            "about": "one week of one short session",
            "build_up": "none",
            "references": ["retrocoach-own"],
            "weeks": [{"sessions": ["getready=0s warmup=0s forward=1s backward=1s rounds=1"]}],
        }
    ],
}


@pytest.fixture
def data_dir() -> Path:
    """The test's own data folder (set by the shared conftest)."""
    return Path(os.environ["RETROCOACH_DATA_DIR"])


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _one_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("retrocoach: ")
    return lines[0]


def test_listing_names_each_programme_who_it_is_for_and_its_source(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = _run(capsys, "programme")
    assert code == 0
    assert err == ""
    assert "beginners" in out
    assert "knee-oa" in out
    assert "6 weeks, 3 sessions a week" in out
    assert "Sources: Alghadir et al. 2019; RetroCoach's own rule of thumb" in out
    assert "Ask first: Agree this programme with your clinician or physiotherapist" in out
    assert "No programme is active: start one with 'retrocoach programme start NAME'." in out


def test_start_says_todays_session_and_how_to_walk_it(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, err = _run(capsys, "programme", "start", "beginners")
    assert code == 0
    assert err == ""
    assert out.splitlines()[0] == (
        "Started beginners (Six weeks for beginners): 6 weeks, 3 sessions a week."
    )
    assert "Today: Week 1, session 1 of 3: 5:00 backward in all" in out
    assert "retrocoach run --plan next" in out
    state = json.loads((data_dir / "programme.json").read_text())
    assert state["enrolments"][0]["programme"] == "beginners"
    code, out, _ = _run(capsys, "programme")
    assert "Active: beginners (Six weeks for beginners), started " in out
    assert "  Today: Week 1, session 1 of 3: 5:00 backward in all" in out
    assert "  0 of 18 sessions done. This week: 0 of 3 sessions done." in out


def test_starting_the_knee_programme_says_to_ask_first(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "programme", "start", "KNEE-OA", "--clinician-agreed")
    assert code == 0
    assert "Ask first: Agree this programme with your clinician or physiotherapist" in out
    assert "Today: Week 1, session 1 of 3: 10:00 backward in all" in out


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (("programme", "start", "stroke"), "'stroke' is not a programme"),
        (("programme", "start"), "NAME"),
        (("programme", "begin", "beginners"), "begin"),
        (("programme", "start", "beginners", "knee-oa"), "knee-oa"),
    ],
)
def test_bad_programme_commands_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], named: str
) -> None:
    code, out, err = _run(capsys, *argv)
    assert code == 2
    assert named in _one_line(err)
    assert out == ""


def test_stop_keeps_the_history_and_with_none_active_says_so(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _run(capsys, "programme", "stop")[1] == "No programme is active: nothing to stop.\n"
    _run(capsys, "programme", "start", "beginners")
    code, out, _ = _run(capsys, "programme", "stop")
    assert code == 0
    assert out == "Stopped beginners. The sessions you walked stay in your history.\n"
    assert "No programme is active" in _run(capsys, "programme")[1]


@pytest.mark.parametrize("command", [("run", "--audio", "none"), ("--audio", "none")])
def test_next_with_no_programme_exits_2_saying_how_to_start_one(
    capsys: pytest.CaptureFixture[str], command: tuple[str, ...]
) -> None:
    code, out, err = _run(capsys, *command, "--plan", "next")
    assert code == 2
    line = _one_line(err)
    assert "no programme is active" in line
    assert "retrocoach programme start NAME" in line
    assert out == ""


@pytest.mark.parametrize("content", ["{", '{"schema_version": 1, "programmes": []}'])
def test_a_bad_programmes_file_named_by_the_knob_is_told_in_one_line(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    content: str,
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    monkeypatch.setenv(PROGRAMMES_FILE_ENV, str(bad))
    with pytest.raises(SystemExit) as ended:
        main(["programme"])
    assert ended.value.code == 1
    assert str(bad) in _one_line(capsys.readouterr().err)


def test_a_programme_file_that_cannot_be_written_is_told_and_exits_1(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    (data_dir / "programme.json").mkdir(parents=True)
    code, out, err = _run(capsys, "programme", "start", "beginners")
    assert code == 1
    assert out == ""
    assert "programme.json" in err
    assert "could not be started" in err.splitlines()[-1]


@pytest.mark.parametrize(
    ("name", "shown"), [("", "no name"), ("a\nb", "'a\\nb'"), ("x" * 300, "...'")]
)
def test_an_odd_programme_name_is_told_on_one_line(
    capsys: pytest.CaptureFixture[str], name: str, shown: str
) -> None:
    code, out, err = _run(capsys, "programme", "start", name)
    assert code == 2
    line = _one_line(err)
    assert shown in line
    assert len(line) < 200
    assert out == ""
