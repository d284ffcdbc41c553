"""Trying an engine from the settings: a missing one is said plainly, a test cue is played."""

from __future__ import annotations

from pathlib import Path

from audio_doubles import RecordingCuePlayer

from retrocoach.audio.base import AudioUnavailable, CuePlayer
from retrocoach.audio.trial import SoundTrial
from retrocoach.core.session.cues import Cue
from retrocoach.core.settings.store import Settings


def _missing(_dir: Path, _voice: bool, _fault: object) -> CuePlayer:
    raise AudioUnavailable("No module named 'simpleaudio'")


def test_a_missing_engine_is_said_in_plain_words() -> None:
    trial = SoundTrial({"simpleaudio": _missing})
    problem = trial.engine_problem("simpleaudio")
    assert problem is not None
    assert "not installed" in problem
    assert "No module" not in problem
    assert trial.engine_problem("auto") is None
    assert trial.engine_problem("none") is None


def test_an_engine_that_works_has_no_problem_and_is_let_go() -> None:
    made: list[RecordingCuePlayer] = []

    def works(_dir: Path, _voice: bool, _fault: object) -> CuePlayer:
        made.append(RecordingCuePlayer())
        return made[-1]

    assert SoundTrial({"qt": works}).engine_problem("qt") is None
    assert ("close", None) in made[0].calls


def test_test_sound_plays_the_forward_cue_at_the_chosen_volume() -> None:
    player = RecordingCuePlayer()
    trial = SoundTrial({"qt": lambda _d, _v, _f: player})
    said = trial.play(Settings(audio_engine="qt", volume=0.4))
    assert player.played == [Cue.FORWARD]
    assert ("set_volume", 0.4) in player.calls
    assert said.startswith("Playing the forward cue")
    trial.close()
    assert ("close", None) in player.calls


def test_test_sound_with_no_engine_says_the_window_flashes() -> None:
    said = SoundTrial({}).play(Settings(audio_engine="none"))
    assert "flashes" in said
